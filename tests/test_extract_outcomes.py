"""Election results in prose, as news of several countries writes them, one family per case.
Each case is an invented sentence and one outcome it must give: (event, predicate, subject, value),
where a candidate's value is the party they stood for and a gain's the party it was taken from.
Names and places are invented."""
from __future__ import annotations

import pytest


def outcomes(facts):
    names = {e.key: e.name for e in facts.entities}
    return {(names[o.event], o.predicate, names.get(o.subject), names.get(o.other) if o.other is not None else o.value)
            for o in facts.outcomes}


KELVALE = "Kelvale by-election"
CASES = [
    # who won, and over whom
    ("won by N votes", "Jane Doe won the Kelvale by-election by 495 votes.",
     (KELVALE, "majority", "Jane Doe", 495)),
    ("beat", "Jane Doe beat Labour's Tom Roe in the Kelvale by-election.",
     (KELVALE, "candidate", "Tom Roe", "Labour Party")),
    ("defeated, US parties and a district", "Democrat Jane Doe defeated Republican Tom Roe in the special election "
     "for Ohio's 12th Congressional District.",
     ("Ohio's 12th Congressional District special election", "candidate", "Tom Roe", "Republican Party")),
    ("eked out the win over, Canada", "Conservative candidate Jane Doe eked out the win by just 590 votes over "
     "Liberal Tom Roe in the Kelvale riding byelection.", (KELVALE, "majority", "Jane Doe", 590)),
    ("the runner-up over whom", "Conservative candidate Jane Doe eked out the win by just 590 votes over "
     "Liberal Tom Roe in the Kelvale riding byelection.", (KELVALE, "candidate", "Tom Roe", "Liberal Party of Canada")),
    ("was won by, and its gain", "Kelvale, a riding long dominated by the Liberals, was won by the Bloc Québécois "
     "in Monday's federal byelection.", (KELVALE, "gained_by", "Bloc Québécois", "Liberal Party of Canada")),
    ("elected to represent", "Jane Doe has been elected to represent Ohio's 12th Congressional District after a "
     "special election.", ("Ohio's 12th Congressional District special election", "winner", "Jane Doe", None)),
    ("will represent after a win for a party", "Jane Doe will represent Kelvale in federal parliament after a "
     "historic Kelvale by-election win for the Labor Party.", (KELVALE, "candidate", "Jane Doe", "Australian Labor Party")),
    ("won the seat of, New Zealand", "National's Jane Doe has won the seat of Port Tarrant in the by-election.",
     ("Port Tarrant by-election", "winner", "Jane Doe", None)),
    ("retained the seat for a party", "Jane Doe retained the seat for Labour in the Kelvale by-election.",
     (KELVALE, "held_by", "Labour Party", None)),
    ("the contest to replace a party's member", "Polling in the Kelvale by-election, the contest to replace "
     "Labour MP Tom Roe, closed at 10pm.", (KELVALE, "held_by", "Labour Party", None)),
    ("and the member replaced", "Polling in the Kelvale by-election, the contest to replace "
     "Labour MP Tom Roe, closed at 10pm.", (KELVALE, "held_by", "Tom Roe", None)),
    # figures
    ("more votes than", "In the Kelvale by-election, Jane Doe got 683 more votes than Tom Roe.",
     (KELVALE, "majority", "Jane Doe", 683)),
    ("N votes to Y's M", "Jane Doe won 10,484 votes to Tom Roe's 9,801 in the Kelvale by-election.",
     (KELVALE, "votes", "Tom Roe", 9801)),
    ("to the M cast for Y", "In the Kelvale by-election Jane Doe garnered 65,943 votes to the 62,952 cast for Tom Roe.",
     (KELVALE, "votes", "Tom Roe", 62952)),
    ("compared with M for Y", "In the Kelvale by-election Jane Doe won just under 31,000 votes compared with 15,525 "
     "for Tom Roe.", (KELVALE, "votes", "Tom Roe", 15525)),
    ("an approximate figure keeps its value", "In the Kelvale by-election Jane Doe won just under 31,000 votes "
     "compared with 15,525 for Tom Roe.", (KELVALE, "votes", "Jane Doe", 31000)),
    ("a share is a share, not votes", "Jane Doe won the Kelvale by-election with 37 per cent of the vote, ahead of "
     "Tom Roe on 32 per cent.", (KELVALE, "vote_share", "Tom Roe", 32.0)),
    ("votes in brackets after a share", "In the Kelvale by-election Jane Doe took 43.7 per cent of the votes (37,492).",
     (KELVALE, "votes", "Jane Doe", 37492)),
    ("came third with", "In the Kelvale by-election Tom Roe came third with 1,562 votes.",
     (KELVALE, "votes", "Tom Roe", 1562)),
    ("a list of results", "In the Kelvale by-election Ann Poe from the Example Party won 167 votes, Tom Roe from UKIP "
     "481 votes and Jim Lee won 146.", (KELVALE, "votes", "Tom Roe", 481)),
    ("a vote lead", "Jane Doe holds a 6,038 vote lead over Tom Roe in the Kelvale by-election.",
     (KELVALE, "majority", "Jane Doe", 6038)),
    # the seat: held, gained, caused
    ("held the riding", "The Liberals held the riding in the Kelvale byelection.",
     (KELVALE, "held_by", "Liberal Party of Canada", None)),
    ("took the seat from", "In the Kelvale by-election, the Greens took the seat from Labour.",
     (KELVALE, "gained_by", "Green Party", "Labour Party")),
    ("triggered by a resignation", "The Kelvale by-election was triggered by the resignation of Labour MP Tom Roe.",
     (KELVALE, "triggered_by", "Tom Roe", None)),
    ("who left the seat held it, and so did their party", "The Kelvale by-election was triggered by the resignation "
     "of Labour MP Tom Roe.", (KELVALE, "held_by", "Labour Party", None)),
    ("the seat vacated by", "Jane Doe won the Kelvale by-election for the seat vacated by Tom Roe.",
     (KELVALE, "held_by", "Tom Roe", None)),
    ("an overturned majority: a gain", "Labour's Jane Doe won the Kelvale by-election, overturning a Conservative "
     "majority of 24,664.", (KELVALE, "gained_by", "Labour Party", "Conservative Party")),
    ("an overturned majority belongs to the last contest", "Labour's Jane Doe won the Kelvale by-election, "
     "overturning a Conservative majority of 24,664.",
     ("previous general election in Kelvale", "majority", "Conservative Party", 24664)),
    ("an earlier majority in its year", "Tom Roe, who had a 10,000-vote majority in 2019, lost the Kelvale "
     "by-election to Jane Doe.", ("2019 general election in Kelvale", "majority", "Tom Roe", 10000)),
    ("a stronghold", "Jane Doe won the Kelvale riding byelection in the longtime Liberal stronghold of Kelvale.",
     (KELVALE, "held_by", "Liberal Party of Canada", None)),
    # other contests
    ("a mayor's re-election", "Kelvale City Mayor Jane Doe has won re-election, ballots released on Wednesday showed.",
     ("Kelvale City mayoral election", "winner", "Jane Doe", None)),
    ("an organisation's ballot", "Jane Doe has been elected general secretary of the Example Union after winning a "
     "ballot of members.", ("Example Union general secretary election", "winner", "Jane Doe", None)),
    ("elected in a year, with others", "Jane Doe said she had been elected along with two other MPs - Tom Roe and "
     "Ann Poe - in 1987.", ("1987 general election", "winner", "Ann Poe", None)),
    ("a seat in a general election", "In Northmoor, former Labour MP Tom Roe is standing against sitting MP Jane "
     "Doe at the next general election.", ("general election in Northmoor", "held_by", "Jane Doe", None)),
]


@pytest.mark.parametrize("name,text,expected", CASES, ids=[c[0] for c in CASES])
def test_outcome(extract, name, text, expected):
    assert expected in outcomes(extract(text))


NOT_RESULTS = [
    ("a hope", "Labour hoped that Jane Doe wins the Kelvale by-election."),
    ("a win in part of the district", "In the Kelvale special election, Tom Roe won in nine of the 11 counties."),
    ("a lead during the count", "In the Kelvale by-election count, Jane Doe is pulling ahead by more than 1,000 votes."),
    ("votes short", "In the Kelvale by-election, the Conservatives fell just 323 votes short."),
    ("a modal resignation", "Tom Roe will step down as Kelvale council leader after the by-election."),
]


@pytest.mark.parametrize("name,text", NOT_RESULTS, ids=[c[0] for c in NOT_RESULTS])
def test_not_a_result(extract, name, text):
    found = {(p, s, v) for _, p, s, v in outcomes(extract(text))}
    assert not {x for x in found if x[0] in ("winner", "majority", "votes", "resigned")}, found


def test_the_polling_day_from_the_article_date(extract):
    facts = extract("Jane Doe won yesterday's Kelvale by-election by 495 votes.", date="2024-02-16")
    assert {e.name: e.event.date for e in facts.entities if e.event}[KELVALE] == "2024-02-15"
    facts = extract("Jane Doe won the Kelvale by-election on Thursday by 495 votes.", date="2024-02-16")
    assert {e.name: e.event.date for e in facts.entities if e.event}[KELVALE] == "2024-02-15"
    facts = extract("Jane Doe won the Kelvale by-election by 495 votes.", date="2024-02-16")
    assert {e.name: e.event.date for e in facts.entities if e.event}[KELVALE] == "2024"


def test_a_seat_contest_is_part_of_its_general_election(extract):
    facts = extract("Tom Roe, who had a 10,000-vote majority in 2019, lost the Kelvale by-election to Jane Doe.")
    events = {e.key: e for e in facts.entities if e.event}
    contest = next(e for e in events.values() if e.name == "2019 general election in Kelvale")
    assert events[contest.event.part_of].name == "2019 general election"


def test_two_statements_of_one_majority_are_one(extract):
    facts = extract("Jane Doe won the Kelvale by-election with a majority of more than 8,300.\n\n"
                    "Jane Doe (Lab) 14,068\nTom Roe (Con) 5,742\nLab majority 8,326\n")
    majorities = [(o.value, o.approx) for o in facts.outcomes if o.predicate == "majority"]
    assert majorities == [(8326, None)]
