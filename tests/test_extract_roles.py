"""Roles in any news, one family of phrasings per case: companies, sports clubs, courts, governments
of several countries, US party labels, the seats members hold, and roles that end. Each case is an
invented sentence and one (person, organisation, role concept, current) it must give. Names, places
and organisations are invented."""
from __future__ import annotations

import pytest

from test_extract_memberships import roles

CASES = [
    # companies
    ("names X as chief executive", "Example Corp has named Dana Holt as chief executive, replacing Ian Marsh.",
     ("Dana Holt", "Example Corp", "leader", True)),
    ("the one replaced held the role", "Example Corp has named Dana Holt as chief executive, replacing Ian Marsh.",
     ("Ian Marsh", "Example Corp", "leader", False)),
    ("title, comma, company", "Lena Fisk, chief financial officer of Brightwell Holdings, declined to comment.",
     ("Lena Fisk", "Brightwell Holdings", "official", True)),
    ("company's title", "Brightwell Holdings' chairman Omar Vance said the deal was done.",
     ("Omar Vance", "Brightwell Holdings", "chair", True)),
    ("will be, a future role", "Ian Marsh will be executive chairman of Example Corp, the company said.",
     ("Ian Marsh", "Example Corp", "chair", True)),
    # sport
    ("club manager", "Redford Town manager Sam Kerr said the players were tired.",
     ("Sam Kerr", "Redford Town", "leader", True)),
    ("the club sacked its manager", "Redford Town have sacked manager Sam Kerr after ten years in charge.",
     ("Sam Kerr", "Redford Town", "leader", False)),
    ("parted company with", "Redford Town have parted company with manager Sam Kerr.",
     ("Sam Kerr", "Redford Town", "leader", False)),
    ("club captain, the club named before", "Redford Town lost again on Saturday. Club captain Joe Marr was "
     "injured.", ("Joe Marr", "Redford Town", "member", True)),
    # courts and prosecutors
    ("judge of a named court", "Judge Ruth Ames of the Harlow Crown Court adjourned the case.",
     ("Ruth Ames", "Harlow Crown Court", "official", True)),
    # governments
    ("a UK title without its country", "Home Secretary Amy Stone announced the review.",
     ("Amy Stone", "UK Government", "minister", True)),
    ("an Irish title without its country", "Taoiseach Conor Walsh defended the budget.",
     ("Conor Walsh", "Irish Government", "head of government", True)),
    ("demonym and minister", "Australian Foreign Minister Kate Lyle flew to Jakarta.",
     ("Kate Lyle", "Australian Government", "minister", True)),
    ("province's premier", "Ontario Premier Rob Dale called the result disappointing.",
     ("Rob Dale", "Ontario Government", "head of government", True)),
    ("sworn in as", "Nia Roberts was sworn in as the new health minister of Canada.",
     ("Nia Roberts", "Canadian Government", "minister", True)),
    # US party labels
    ("Rep. X, D-State,", "Rep. Ted Roe, D-Ohio, said he would vote against it.",
     ("Ted Roe", "Democratic Party", "member", True)),
    ("Sen. X (R-State)", "Sen. Ann Poe (R-S.C.) objected.",
     ("Ann Poe", "Republican Party", "member", True)),
    ("a Democrat from", "Luis Marin, a Democrat from Ithaca, won easily.",
     ("Luis Marin", "Democratic Party", "member", True)),
    ("who manages", "Sam Kerr, who manages Redford Rovers, was pleased.", ("Sam Kerr", "Redford Rovers", "leader", True)),
    ("company premodifier", "Brightwell CEO Dana Holt said sales rose.", ("Dana Holt", "Brightwell", "leader", True)),
    ("title of company in apposition", "Dana Holt, chief executive of Brightwell Holdings, said sales rose.",
     ("Dana Holt", "Brightwell Holdings", "leader", True)),
    ("interim", "Interim Brightwell Holdings chief executive Dana Holt spoke.",
     ("Dana Holt", "Brightwell Holdings", "leader", True)),
    ("minister of a portfolio and country", "Nia Roberts, Canada's minister of veterans affairs, spoke.",
     ("Nia Roberts", "Canadian Government", "minister", True)),
    ("premier of a province", "Rob Dale, the Premier of Ontario, called the result disappointing.",
     ("Rob Dale", "Ontario Government", "head of government", True)),
    # party ties
    ("the Tory candidate", "The Tory candidate Jack Stone came second.", ("Jack Stone", "Conservative Party", "candidate", True)),
    ("X, the party's candidate", "Tom Price, the Liberal Democrat candidate, came third.",
     ("Tom Price", "Liberal Democrats", "candidate", True)),
    ("party MP", "Liberal MP Kate Lyle spoke in Canberra, Australia.",
     ("Kate Lyle", "Liberal Party of Australia", "MP", True)),
    # seats
    ("MP for a seat", "Jane Doe, the Labour MP for Kelvale, spoke.", ("Jane Doe", "Kelvale", "MP", True)),
    ("the seat's MP", "Kelvale's MP Jane Doe spoke in the Commons.", ("Jane Doe", "Kelvale", "MP", True)),
    ("member for a seat", "Jane Doe, the member for Kelvale, spoke in parliament in Canberra.",
     ("Jane Doe", "Kelvale", "MP", True)),
    ("TD for a constituency", "Jane Doe, a Sinn Féin TD for Kelvale, said the Dáil should sit.",
     ("Jane Doe", "Kelvale", "MP", True)),
    ("the seat before the title", "Kelvale TD Jane Doe said the Dáil should sit.", ("Jane Doe", "Kelvale", "MP", True)),
    ("the party beside the seat", "Jane Doe, the Labour MP for Kelvale, spoke.",
     ("Jane Doe", "Labour Party", "MP", True)),
    # leaving a role
    ("resigned as", "Maya Patel resigned as chair of the Fabian Society on Monday.",
     ("Maya Patel", "Fabian Society", "chair", False)),
    ("quit the party", "Labour MP Carl Dunn quit the party last week.",
     ("Carl Dunn", "Labour Party", "MP", False)),
    ("lost the seat", "Labour MP Carl Dunn lost his seat on Thursday.", ("Carl Dunn", "Labour Party", "MP", False)),
    ("is stepping down", "Example Corp chief executive Ian Marsh is stepping down.",
     ("Ian Marsh", "Example Corp", "leader", False)),
]


@pytest.mark.parametrize("name,text,expected", CASES, ids=[c[0] for c in CASES])
def test_role(extract, name, text, expected):
    assert expected in roles(extract(text))


NOT_ENDED = [
    ("will step down", "Example Corp chief executive Ian Marsh will step down next year.",
     ("Ian Marsh", "Example Corp", "leader", True)),
    ("calls for him to step down", "Example Corp chief executive Ian Marsh faces calls to step down.",
     ("Ian Marsh", "Example Corp", "leader", True)),
    ("a member resigning a seat stays in the party", "Luis Marin, a Democrat from Ithaca, resigned the seat in May.",
     ("Luis Marin", "Democratic Party", "member", True)),
    ("did not resign", "Example Corp chief executive Ian Marsh did not resign.",
     ("Ian Marsh", "Example Corp", "leader", True)),
]


@pytest.mark.parametrize("name,text,expected", NOT_ENDED, ids=[c[0] for c in NOT_ENDED])
def test_role_still_held(extract, name, text, expected):
    assert expected in roles(extract(text))


def test_a_premier_is_not_of_the_national_government(extract):
    facts = extract("Premier Rob Dale of the province said the result hurt. Canada's parliament sits today.")
    assert not [m for m in roles(facts) if m[0] == "Rob Dale" and m[1] == "Canadian Government"]
