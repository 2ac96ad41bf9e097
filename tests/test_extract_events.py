"""Events and their outcomes, one construction per case. Names and places are invented."""
from __future__ import annotations

import pytest


def outcomes(facts):
    names = {e.key: e.name for e in facts.entities}
    return {(names[o.event], o.predicate, names.get(o.subject), o.value) for o in facts.outcomes}


def events(facts):
    return {e.name: e.event for e in facts.entities if e.event is not None}


CASES = [
    ("winner of a named by-election", "Jane Doe has won the Exeter by-election for the Green Party.",
     ("Exeter by-election", "winner", "Jane Doe", None)),
    ("votes taken", "In the Exeter by-election, Jane Doe took 12,345 votes.",
     ("Exeter by-election", "votes", "Jane Doe", 12345)),
    ("came second with", "In the Exeter by-election Jane Doe won, while Tom Lee came second with 9,876.",
     ("Exeter by-election", "votes", "Tom Lee", 9876)),
    ("vote of", "Ahead of the Exeter by-election count, Tom Lee's vote of 4,210 surprised many.",
     ("Exeter by-election", "votes", "Tom Lee", 4210)),
    ("N to M in favour of", "The Exeter by-election ended 12,345 to 9,876 votes in favour of Jane Doe.",
     ("Exeter by-election", "votes", "Jane Doe", 12345)),
    ("majority of", "Jane Doe won the Exeter by-election with a majority of 2,469.",
     ("Exeter by-election", "majority", "Jane Doe", 2469)),
    ("N-vote majority", "Jane Doe won the Exeter by-election. She held on with a 2,469-vote majority.",
     ("Exeter by-election", "majority", "Jane Doe", 2469)),
    ("held the seat", "Labour held the seat in the Exeter by-election despite a strong challenge.",
     ("Exeter by-election", "held_by", "Labour Party", None)),
    ("gained from", "The Liberal Democrats won the seat from the Conservatives in the Exeter by-election.",
     ("Exeter by-election", "gained_by", "Liberal Democrats", None)),
    ("shocked by winning", "The Greens shocked Labour by winning a special election in Exeter.",
     ("Exeter by-election", "gained_by", "Green Party", None)),
    ("lost deposit, unnamed", "In the Exeter by-election the far-right candidate lost her deposit.",
     ("Exeter by-election", "lost_deposit", "far-right candidate", None)),
    ("candidate by role", "The Exeter by-election was fought hard. The Conservative candidate Ravi Shah was confident.",
     ("Exeter by-election", "candidate", "Ravi Shah", None)),
    ("won by N votes", "Jane Doe won the Exeter by-election by 1,024 votes.",
     ("Exeter by-election", "majority", "Jane Doe", 1024)),
    ("gained the seat", "The Greens gained the seat in the Exeter by-election.",
     ("Exeter by-election", "gained_by", "Green Party", None)),
    ("lost the seat to", "Labour lost the seat to the Greens in the Exeter by-election.",
     ("Exeter by-election", "gained_by", "Green Party", None)),
    ("shorthand hold", "Exeter by-election: Labour hold.",
     ("Exeter by-election", "held_by", "Labour Party", None)),
    ("shorthand gain", "Exeter by-election: Green gain from Labour.",
     ("Exeter by-election", "gained_by", "Green Party", None)),
    ("turnout", "Turnout in the Exeter by-election was 41.2 per cent.",
     ("Exeter by-election", "turnout_share", "Exeter", 41.2)),
    ("mayoral election with votes", "Sadia Khan won the 2021 Bristol mayoral election with 101,372 votes.",
     ("2021 Bristol mayoral election", "votes", "Sadia Khan", 101372)),
    ("murder, victim", "Dana Cole was murdered by a gunman in 2014.",
     ("Murder of Dana Cole", "victim", "Dana Cole", None)),
    ("resignation", "The resignation last month of health secretary Mike Ross shook the government.",
     ("Resignation of Mike Ross", "resigned", "Mike Ross", None)),
]


@pytest.mark.parametrize("name,text,expected", CASES, ids=[c[0] for c in CASES])
def test_outcome(extract, name, text, expected):
    assert expected in outcomes(extract(text))


def test_a_results_table_gives_votes_ranks_and_the_winner(extract):
    facts = extract("Exeter by-election result\n\nJane Doe (Lab) 12,345\nTom Lee (Con) 11,321\nAnn Ray (LD) 2,001\n")
    names = {e.key: e.name for e in facts.entities}
    ranks = {names[o.subject]: (o.value, o.rank) for o in facts.outcomes if o.predicate == "votes"}
    assert ranks == {"Jane Doe": (12345, 1), "Tom Lee": (11321, 2), "Ann Ray": (2001, 3)}
    assert ("Exeter by-election", "winner", "Jane Doe", None) in outcomes(facts)


def test_relative_dates_use_the_article_date(extract):
    facts = extract("The resignation last month of health secretary Mike Ross shook the government.", date="2024-03-01")
    assert events(facts)["Resignation of Mike Ross"].date == "2024-02"
    facts = extract("Labour lost the Exeter by-election in May after a long campaign.", date="2024-03-01")
    assert events(facts)["Exeter by-election"].date == "2023-05"


def test_general_elections_by_year(extract):
    facts = extract("The party suffered a 2019 general election disaster, then recovered by the 2024 election.")
    assert {"2019 general election", "2024 general election"} <= set(events(facts))


def test_hypotheticals_are_not_outcomes(extract):
    facts = extract("If Labour lost the Exeter by-election, the leader would face a challenge. "
                    "Holding the seat won't be enough to win a general election.")
    assert not [o for o in facts.outcomes if o.predicate in ("winner", "held_by")]


def test_the_by_election_refers_to_the_article_s_main_one(extract):
    facts = extract("Voters went to the polls in the Exeter by-election on Thursday. "
                    "Jane Doe won the by-election with 12,345 votes.")
    assert ("Exeter by-election", "winner", "Jane Doe", None) in outcomes(facts)


def test_by_election_day_is_a_deadline_not_a_by_election(extract):
    facts = extract("Most ballots will be counted by Election Day, Tom Lee said. "
                    "Postal votes must arrive by election night.")
    assert not [name for name in events(facts) if "by-election" in name]
    spelled = extract("Jane Doe has won the Exeter by election for the Green Party.")
    assert "Exeter by-election" in events(spelled)


def winners(facts):
    return {(event, subject) for event, predicate, subject, _ in outcomes(facts) if predicate == "winner"}


def test_a_win_in_a_primary_a_state_or_one_of_several_is_not_the_national_result(extract):
    stages = extract("The 2024 presidential election is in November. Jane Doe won the Ohio primary on Tuesday. "
                     "Tom Lee's victory in Iowa surprised his rivals. Her victories in three states helped her. "
                     "It was his first win of the year, and Ann Cole won 19 delegates.")
    assert not winners(stages)
    plain = extract("Jane Doe won the 2024 presidential election. Tom Lee congratulated her.")
    assert winners(plain) == {("2024 presidential election", "Jane Doe")}


def test_a_hope_or_a_duty_to_win_is_not_a_win(extract):
    facts = extract("Tom Lee said he hoped with all his heart that Jane Doe wins the 2024 presidential election. "
                    "Ann Cole must win the 2024 presidential election, her aides said.")
    assert not winners(facts)
