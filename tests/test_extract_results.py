"""Results lists and tables in the layouts news uses, one family per case. Names and places are invented."""
from __future__ import annotations

import pytest

from kg.extract.lexicon import lexicon
from kg.extract.results import find_tables


def outcomes(facts):
    names = {e.key: e.name for e in facts.entities}
    return {(names[o.event], o.predicate, names.get(o.subject), o.value, names.get(o.other)) for o in facts.outcomes}


def rows(text):
    return [(r.name, r.party, r.independent, r.votes, r.share, r.change)
            for t in find_tables(text, lexicon()) for r in t.rows]


LINES = [
    ("name (party) votes (share, change)",
     "Jane Doe (Lab) 13,166 (47.94%, +8.13%)\nTom Roe (Con) 9,001 (32.8%, -4.1%)\n",
     [("Jane Doe", "Lab", False, 13166, 47.94, 8.13), ("Tom Roe", "Con", False, 9001, 32.8, -4.1)]),
    ("bullets, party word before the name, 'votes'",
     "• Conservative Tom Roe 13,748 votes\n• Tom Roe Jr, independent 811 votes\n",
     [("Tom Roe", "Conservative", False, 13748, None, None), ("Tom Roe Jr", None, True, 811, None, None)]),
    ("a party alone, dashes and square brackets",
     "Conservative – 477 [54.6%, +23.6]\nLabour – 312 [35.7%, -2.0]\n",
     [(None, "Conservative", False, 477, 54.6, 23.6), (None, "Labour", False, 312, 35.7, -2.0)]),
    ("an abbreviation and a semicolon",
     "Con 1187 (37.5; -1.5)\nLD 1020 (32.2; +6.0)\n",
     [(None, "Con", False, 1187, 37.5, -1.5), (None, "LD", False, 1020, 32.2, 6.0)]),
    ("party (name): votes",
     "Liberal Democrat (Ann Poe): 375 [37.0%, -11.1]\nGreen Party: 120 [11.8%]\n",
     [("Ann Poe", "Liberal Democrat", False, 375, 37.0, -11.1), (None, "Green Party", False, 120, 11.8, None)]),
    ("hyphen bullets with a share of the vote",
     "- Ann Poe (Example Party) - 12,792 (86.10% of vote)\n- Rob Lee (independent) - 299 (2.01%)\n",
     [("Ann Poe", "Example Party", False, 12792, 86.1, None), ("Rob Lee", None, True, 299, 2.01, None)]),
    ("an Irish count: surname first, a star for the sitting member",
     "FIRST COUNT:\n*Doe, Máire (SF) 8,164\nRoe, Seán (FF) 7,192\nPoe, Ann (Ind) 52\n",
     [("Máire Doe", "SF", False, 8164, None, None), ("Seán Roe", "FF", False, 7192, None, None),
      ("Ann Poe", None, True, 52, None, None)]),
    ("rows run together on one line",
     "Jane Doe (Labour) 14,068 (62.30%, +10.16%) Tom Roe (Conservative) 5,742 (25.43%, -10.88%) Labour majority 8,326\n",
     [("Jane Doe", "Labour", False, 14068, 62.3, 10.16), ("Tom Roe", "Conservative", False, 5742, 25.43, -10.88)]),
]


@pytest.mark.parametrize("name,text,expected", LINES, ids=[c[0] for c in LINES])
def test_a_results_line(name, text, expected):
    assert rows(text) == expected


PROSE = [
    "Posted June 18, 2024 11:19 pm",
    "Labour won 2 seats and the Greens 1, as 3,000 people watched.",
    "The Odds Correct At 11:00 BST (15/04/22)",
    "Jane Doe said 40 people came and 12 left.",
]


@pytest.mark.parametrize("text", PROSE)
def test_prose_and_datelines_are_not_tables(text):
    assert rows(text + "\n" + text + "\n") == []


SUMMARIES = [
    ("Lab maj 4,925 (17.93%)", ("majority", 4925, 17.93, "Lab", None)),
    ("Majority 176", ("majority", 176, None, None, None)),
    ("Turnout: 39.46%", ("turnout", None, 39.46, None, None)),
    ("Turnout 26.9%", ("turnout", None, 26.9, None, None)),
    ("Turnout: 14,858 (22.36% of 66,462 electorate)", ("turnout", 14858, 22.36, None, None)),
    ("Con hold", ("hold", None, None, "Con", None)),
    ("LD gain from Con", ("gain", None, None, "LD", "Con")),
    ("Conservative GAIN from Labour", ("gain", None, None, "Conservative", "Labour")),
    ("12.69% swing Con to Lab", ("swing", None, 12.69, "Con", "Lab")),
]


@pytest.mark.parametrize("line,expected", SUMMARIES, ids=[s[0] for s in SUMMARIES])
def test_a_summary_line(line, expected):
    text = f"Jane Doe (Lab) 1,200\nTom Roe (Con) 1,024\n{line}\n"
    found = [(s.kind, s.value, s.share, s.party, s.other) for t in find_tables(text, lexicon()) for s in t.summaries]
    assert found == [expected]


def test_a_table_gives_votes_ranks_shares_candidates_with_their_parties_and_the_winner(extract):
    facts = extract("Kelvale by-election result\n\nJane Doe (Lab) 12,345 (51.2%)\nTom Roe (Con) 11,321 (46.9%)\n"
                    "Ann Poe (Ind) 450 (1.9%)\nLab maj 1,024\nLab gain from Con\n")
    got = outcomes(facts)
    ranks = {o.value: o.rank for o in facts.outcomes if o.predicate == "votes"}
    assert ranks == {12345: 1, 11321: 2, 450: 3}
    assert {("Kelvale by-election", "votes", "Jane Doe", 12345, None),
            ("Kelvale by-election", "vote_share", "Jane Doe", 51.2, None),
            ("Kelvale by-election", "candidate", "Jane Doe", None, "Labour Party"),
            ("Kelvale by-election", "candidate", "Tom Roe", None, "Conservative Party"),
            ("Kelvale by-election", "candidate", "Ann Poe", None, None),          # an independent: no party
            ("Kelvale by-election", "winner", "Jane Doe", None, None),
            ("Kelvale by-election", "majority", "Jane Doe", 1024, None),
            ("Kelvale by-election", "gained_by", "Labour Party", None, "Conservative Party")} <= got


def test_an_unfinished_count_has_no_winner_yet(extract):
    facts = extract("Máire Doe of Sinn Féin topped the poll in the Dáil general election count on Saturday.\n"
                    "Dunmore West\nFIRST COUNT:\n*Doe, Máire (SF) 8,164\nRoe, Seán (FF) 7,192\n"
                    "The count resumes tomorrow.\n")
    assert not [o for o in facts.outcomes if o.predicate == "winner"]
    names = {e.key: e.name for e in facts.entities}
    assert ("Dáil general election in Dunmore West (first count)", "votes", 8164) in \
        {(names[o.event], o.predicate, o.value) for o in facts.outcomes}


def test_council_results_blocks_are_contests_of_their_own(extract):
    facts = extract("There were council by-elections across the county this week.\n"
                    "Northmoor BC, Ashby Marsh\nConservative: 1143 (50.6%)\nLabour: 1118 (49.4%)\n"
                    "On Lindsey DC the Greens held the seat.\n"
                    "Lindsey DC, Kelvale\nGreen Party: 480 (39.6%)\nLabour: 240 (19.8%)\n")
    got = outcomes(facts)
    assert ("Northmoor Borough Council by-election, Ashby Marsh ward", "winner", "Conservative Party", None, None) in got
    assert ("Lindsey District Council by-election, Kelvale ward", "votes", "Labour Party", 240, None) in got
    assert ("Lindsey District Council by-election, Kelvale ward", "held_by", "Green Party", None, None) in got


def test_a_bulleted_results_list_is_not_page_furniture(extract):
    lines = "\n".join(f"- Cand Name{chr(65 + k)} Roe (Example Party) - {1000 - 90 * k} ({30 - k}.0%)" for k in range(9))
    facts = extract("Full results of the Kelvale by-election:\n" + lines + "\n")
    assert len([o for o in facts.outcomes if o.predicate == "votes"]) == 9
