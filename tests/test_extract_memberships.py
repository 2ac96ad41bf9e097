"""Person - role - organisation, one construction per case. Names are invented."""
from __future__ import annotations

import pytest


def roles(facts):
    names = {e.key: e.name for e in facts.entities}
    return {(names[m.person], names.get(m.organization), m.role_key, m.current) for m in facts.memberships}


CASES = [
    ("party premodifier", "Green Party leader Ann Black spoke to supporters on Friday.",
     ("Ann Black", "Green Party", "leader", True)),
    ("organisation and hyphenated title", "Fabian Society Co-Chair Sam Lee said the vote mattered.",
     ("Sam Lee", "Fabian Society", "co-chair", True)),
    ("apposition with 'at'", "Ian Hart, a history professor at the University of Exeter, said little.",
     ("Ian Hart", "University of Exeter", "academic", True)),
    ("apposition with 'of'", "Nora Quinn, leader of the Scottish National Party, arrived.",
     ("Nora Quinn", "Scottish National Party", "leader", True)),
    ("copula", "Lisa Wong is co-editor of the Clarion Review, a monthly magazine.",
     ("Lisa Wong", "Clarion Review", "staff", True)),
    ("X of Y", "Ben Ode of the Resolution Foundation said the figures were stark.",
     ("Ben Ode", "Resolution Foundation", "member", True)),
    ("possessive party", "Labour's Rachel Green won the ward easily.",
     ("Rachel Green", "Labour Party", "member", True)),
    ("possessive leader", "Nigel Hart's Reform UK gained ground in the north.",
     ("Nigel Hart", "Reform UK", "leader", True)),
    ("candidate premodifier", "The Liberal Democrat candidate Tom Price came third.",
     ("Tom Price", "Liberal Democrats", "candidate", True)),
    ("former", "Former Conservative MP Jack Stone backed the bid.",
     ("Jack Stone", "Conservative Party", "MP", False)),
    ("late", "The late Labour MP Ruth Hale was remembered at the count.",
     ("Ruth Hale", "Labour Party", "MP", False)),
    ("ex-", "Ex-Tory minister Paul Day criticised the plan.",
     ("Paul Day", "Conservative Party", "minister", False)),
    ("past tense copula", "Maya Patel was chair of the Fabian Society until 2019.",
     ("Maya Patel", "Fabian Society", "chair", False)),
    ("government role and country", "British Prime Minister Anna Gray visited the port.",
     ("Anna Gray", "UK Government", "head of government", True)),
    ("coordinated parties", "Former Labour and Respect MP Carl Dunn stood again.",
     ("Carl Dunn", "Respect Party", "MP", False)),
    ("sat on a body", "Kate Moss and Leo Frank sat on the Fabian Society's review panel.",
     ("Leo Frank", "Fabian Society", "member", False)),
    ("succession", "Zoe Lin, who replaced Ravi Shah as Labour treasurer, spoke first.",
     ("Ravi Shah", "Labour Party", "official", False)),
    ("party in brackets", "Jane Doe (Lab) spoke first at the count.",
     ("Jane Doe", "Labour Party", "member", True)),
    ("US party and state", "Sen. Ted Roe (R-Texas) objected to the bill.",
     ("Ted Roe", "Republican Party", "member", True)),
    ("standing for a party", "Omar Reyes, who is standing for the Greens, campaigned hard.",
     ("Omar Reyes", "Green Party", "candidate", True)),
    ("who leads", "Lea Park, who leads the Fabian Society, spoke.",
     ("Lea Park", "Fabian Society", "leader", True)),
    ("photo credit", "The count went on late. (Photo by Gina Ross/Getty Images)",
     ("Gina Ross", "Getty Images", "staff", True)),
]


@pytest.mark.parametrize("name,text,expected", CASES, ids=[c[0] for c in CASES])
def test_membership(extract, name, text, expected):
    assert expected in roles(extract(text))


def test_the_role_is_kept_as_written(extract):
    facts = extract("Labour’s new national campaign coordinator, Priya Das, toured the seat.")
    assert {m.role for m in facts.memberships} == {"national campaign coordinator"}


def test_a_relation_between_people_is_not_a_membership(extract):
    facts = extract("Olga Berg, a close ally of Victor Lane, said nothing.")
    assert not [m for m in facts.memberships if m.role_key == "member" and m.organization is not None]


def test_evidence_is_the_stating_words(extract):
    text = "Green Party leader Ann Black spoke to supporters on Friday."
    m = extract(text).memberships[0]
    assert text[m.evidence.start:m.evidence.end] == m.evidence.text == "Green Party leader Ann Black"
