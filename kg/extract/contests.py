"""Contests an article refers to without a name of the "X by-election" kind.

- a special election for a congressional district ("the special election for the 19th Congressional
  seat", "New York's Third Congressional District"): named after the district;
- a seat's contest in a general election, part of it: in an article about one seat, "the 2019
  general election" said of that seat ("in the constituency at the 2019 general election") is
  "2019 general election in X"; outcome patterns ask for the seat's earlier contests too ("a
  majority of 23,000 in 2019": kg.extract.events.EventFinder.earlier);
- an office holder's re-election ("Example City Mayor Jane Doe has won re-election": the Example
  City mayoral election) and an organisation's election of its leader ("has been elected general
  secretary of the Example union" in an article about its ballot).
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..model import ORG_KINDS, PLACE
from .names import Mention

if TYPE_CHECKING:
    from .events import EventFinder

_ORDINAL = (r"\d{1,2}(?:st|nd|rd|th)|First|Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth|Ninth|Tenth|Eleventh|"
            r"Twelfth|Thirteenth|Fourteenth|Fifteenth|Sixteenth|Seventeenth|Eighteenth|Nineteenth|Twentieth")
DISTRICT = re.compile(rf"\b(?:(?P<state>(?:[A-Z][a-z]+ ){{0,2}}[A-Z][a-z]+)['’]s\s+)?(?P<n>{_ORDINAL})\s+"
                      r"(?:[Cc]ongressional\s+(?:[Dd]istrict|seat)|[Dd]istrict)\b")
# Words that tell a seat's contest is meant: "in the constituency at the 2019 general election".
SEAT_REFERENCE = re.compile(r"\b(?:constituency|seat|riding|electorate|district|division|ward|here)\b", re.I)
OFFICES = {"mayor": "mayoral", "lord mayor": "mayoral", "governor": "gubernatorial", "premier": "premier",
           "senator": "senate", "sheriff": "sheriff", "district attorney": "district attorney"}
OFFICE = re.compile(r"\b(?P<place>(?:[A-Z][\w.'’-]+ ){1,3})(?P<office>Lord Mayor|Mayor|Governor)\b")
REELECTION = re.compile(r"\bre-?elect(?:ion|ed)\b|\belection night\b|\bballots?\b", re.I)
ORG_ELECTION = re.compile(r"\belected(?: as)?(?: the)?(?: new)? (?P<role>[a-z][a-z -]{2,40}?) of (?:the )?"
                          r"(?P<org>[A-Z][\w&.'’-]*(?: [A-Z][\w&.'’-]*){0,5})")
BALLOT_WORDS = re.compile(r"\b(?:ballot|votes|candidates|turnout|hustings|count)\b", re.I)


def special_elections(ef: EventFinder) -> None:
    """"a special election for the 19th Congressional seat": the district's contest."""
    text = ef.text
    for m in re.finditer(r"\bspecial elections?\b", text, re.I):
        place, first = ef.place_near(m.start(), m.end())
        near = DISTRICT.search(text, m.end(), m.end() + 60)
        if place is not None and ef.names.kinds[place] == PLACE and not (near and first < 0):
            ef.place_event(place, ef.toks[first].idx if first >= 0 else m.start(), m.end())   # "in X": X's
            continue
        else:
            district = _district(ef, m.start())
            if district is None:
                continue
            name = ef.names.names[district]
            ev = ef.add("ByElection", f"{name} special election", ("ByElection", district), m.start(), m.end(),
                        place=district, kind="special")
        ef.events[ev].kind = "special"


def _district(ef: EventFinder, near: int) -> int | None:
    """The congressional district the article names (the fullest form, nearest ``near``), as a place."""
    found = list(DISTRICT.finditer(ef.text))
    if not found:
        return None
    best = min(found, key=lambda d: (d.group("state") is None, "seat" in d.group(0).lower(), abs(d.start() - near)))
    s, e = best.start(), best.end()
    name = ef.text[s:e]
    name = name[0].upper() + name[1:]
    span = ef.doc.char_span(s, e, alignment_mode="expand")
    mention = Mention(span.start, span.end, name, {PLACE: 5.0}) if span is not None else None
    return ef.names.add_entity(name, PLACE, mention)


def seat_contests(ef: EventFinder) -> None:
    """In an article about one seat's contest, a general election said of the seat is its contest there."""
    main = ef.main_election()
    if main is None or ef.events[main].place is None or ef.events[main].type != "ByElection":
        return
    place = ef.events[main].place
    for key, i in list(ef.by_key.items()):
        if key[0] != "Election" or key[2] != "general" or key[3] is not None:
            continue
        for span in ef.events[i].spans:
            sent = ef.doc.char_span(span.start, span.end, alignment_mode="expand")
            if sent is None:
                continue
            words = sent[0].sent.text
            here = SEAT_REFERENCE.search(words) or any(ef.names.entity_at(t.i) == place for t in sent[0].sent)
            if here:
                ef.general(key[1], span.start, span.end, place=place)


def office_elections(ef: EventFinder) -> None:
    """A mayor's or governor's re-election, and an organisation's election of its leader."""
    text = ef.text
    if REELECTION.search(text):
        for m in OFFICE.finditer(text):
            where = m.group("place").strip()
            if where.split()[0].lower() in ("the", "a", "former", "incumbent", "then", "new", "acting"):
                where = " ".join(where.split()[1:])
            if not where or where.lower() in ("former", "incumbent", "acting", "deputy"):
                continue
            kind = OFFICES[m.group("office").lower()]
            span = ef.doc.char_span(m.start("place"), m.start("place") + len(m.group("place").rstrip()),
                                    alignment_mode="expand")
            g = ef.names.entity_at(span[-1].i) if span is not None and len(span) else None
            place = g if g is not None and ef.names.kinds[g] == PLACE else \
                ef.names.add_entity(where, PLACE, Mention(span.start, span.end, where, {PLACE: 3.0}) if span else None)
            ef.add("Election", f"{ef.names.names[place]} {kind} election", ("Election", None, kind, place),
                   None, None, place=place, kind=kind)
            break
    if BALLOT_WORDS.search(text):
        for m in ORG_ELECTION.finditer(text):
            span = ef.doc.char_span(m.start("org"), m.end("org"), alignment_mode="contract")
            g = next((ef.names.entity_at(t.i) for t in span or () if ef.names.entity_at(t.i) is not None), None)
            if g is None or ef.names.kinds[g] not in ORG_KINDS:
                continue
            role = m.group("role").strip()
            ef.add("Election", f"{ef.names.names[g]} {role} election", ("Election", None, role, g),
                   m.start(), m.end(), kind="leadership")
