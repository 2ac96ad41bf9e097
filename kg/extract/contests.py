"""Contests an article refers to without a name of the "X by-election" kind.

- a special election for a congressional district ("the special election for the 19th Congressional
  seat", "Ohio's Fourth Congressional District"): named after the district;
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

from collections import Counter

from ..model import ORG_KINDS, ORGANIZATION, PERSON, PLACE
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
CONTEST = re.compile(r"\b(?:contest|race|poll|vote)\b", re.I)
# "the next general election", or one qualified by its body ("Assembly ..."): the kind an article reports.
GENERAL = re.compile(r"\b(?:(?P<q>[A-Z][\w\u00C0-\u017F]+)\s+)?(?P<kind>[Gg]eneral|[Ff]ederal|[Pp]rovincial|[Ss]tate) "
                     r"[Ee]lections?\b")
NOT_QUALIFIERS = {"the", "a", "next", "last", "this", "that", "previous", "snap", "early", "upcoming", "federal",
                  "national", "uk", "british", "irish", "in", "at", "of", "since", "every", "each"}


class SeatContests:
    """The contests of seats for EventFinder (a mixin): a by-election's seat, a seat's contest in a
    general election (part of it), its earlier contests, and the seat a by-election is for when the
    article names it only as a riding or a seat."""

    def general(self, year: str | None, s: int | None = None, e: int | None = None, place: int | None = None,
                qualifier: str = "", previous: bool = False, stage: str = "") -> int:
        """A general election (``year``'s, when known), or its contest in one seat (``place``), part of
        it; ``previous``: the seat's last contest before the one reported, its year unknown."""
        if place is None:
            return self.add("Election", " ".join(x for x in (year, qualifier, "general election") if x),
                            ("Election", year, "general", None), s, e, date=year, kind="general")
        parent = self.general(year, qualifier=qualifier) if year else None
        where = self.names.names[place]
        first = year or ("previous" if previous else "")
        name = " ".join(x for x in (first, qualifier, f"general election in {where}") if x) + (f" ({stage})" if stage else "")
        return self.add("Election", name, ("Election", year or ("previous" if previous else None), "general", place),
                        s, e, date=year, place=place, kind="general", parent=parent)

    def seat_contest(self, place: int, s: int | None = None, e: int | None = None, stage: str = "") -> int:
        """The contest of the article's kind in a seat it names (a results table's heading): its
        by-election in an article about by-elections, else its contest in the general election."""
        main = self.main_election()
        if main is not None and self.events[main].type == "ByElection":
            return self.place_event(place, s, e)
        m = GENERAL.search(self.text)
        if m is None:   # "this election", "the race for X": the seat's contest, of no named kind
            return self.add("Election", f"election in {self.names.names[place]}", ("Election", None, "seat", place),
                            s, e, place=place, kind="seat")
        if m.group("kind").lower() != "general":
            qualifier = m.group("kind").lower()
            return self.add("Election", f"{qualifier} election in {self.names.names[place]}",
                            ("Election", None, qualifier, place), s, e, place=place, kind=qualifier)
        years = {k[1] for k in self.by_key if k[0] == "Election" and k[2] == "general" and k[1] and k[3] is None}
        if re.search(r"\b(?:next|upcoming|forthcoming|coming|expected)\s+(?:\w+\s+)?election", self.text, re.I):
            years = set()   # "the next general election": not the one of a year it names
        qualifier = m.group("q") if m.group("q") and m.group("q").lower() not in NOT_QUALIFIERS else ""
        return self.general(years.pop() if len(years) == 1 else None, s, e, place=place, qualifier=qualifier,
                            stage=stage)

    def earlier(self, ev: int, year: str | None) -> int | None:
        """The earlier contest in the seat of ``ev`` ("a majority of 23,000 in 2019", "overturning a
        Tory majority"): the general election of ``year`` there; without a year, the one the article
        dates, if it names only one, else the seat's previous election."""
        place = self.events[ev].place
        if place is None or self.events[ev].kind not in ("by-election", "special", "general"):
            return None
        if year is None:
            years = {k[1] for k in self.by_key if k[0] == "Election" and k[2] == "general" and k[1]
                     and (k[3] in (None, place)) and (self.events[ev].date or "9999") > k[1]}
            year = years.pop() if len(years) == 1 else None
        if year is not None and self.events[ev].date and self.events[ev].date[:4] == year \
                and self.events[ev].kind == "general":
            return ev
        ev = self.general(year, place=place, previous=year is None)
        self.past.add(ev)
        return ev

    def salient_constituencies(self) -> None:
        """In an article about by-elections, a constituency it names twice or more has its contest,
        even when the article never writes "X by-election" ("our victory in X", "the X campaign")."""
        for g, mentions in enumerate(self.names.groups):
            if len(mentions) >= 2 and self.names.kinds[g] == PLACE and self.constituency(g) \
                    and ("ByElection", g) not in self.by_key:
                first = mentions[0]
                self.place_event(g, self.toks[first.start].idx, self.toks[first.end - 1].idx + len(self.toks[first.end - 1]))

    def described_seat(self) -> int | None:
        """The place the article calls a seat ("X riding", "X, a riding", "the seat of X"), the most
        named one if several."""
        seats = Counter()
        for g, mentions in enumerate(self.names.groups):
            if self.names.kinds[g] not in (PLACE, ORGANIZATION, PERSON) or any(m.org for m in mentions) \
                    or (self.names.kinds[g] == PERSON and len(mentions[0].words) > 1 if mentions else True):
                continue
            for m in mentions:
                after = " ".join(self.names.lowers[m.end:m.end + 3])
                before = " ".join(self.names.lowers[max(0, m.start - 3):m.start])
                if re.match(r"^(?:, (?:a|the) )?(?:riding|seat|constituency|electorate|district|ward)\b", after) or \
                        re.search(r"\b(?:riding|seat|constituency|electorate) of$", before):
                    seats[g] += 1
        if not seats:
            return None
        seat = max(seats, key=lambda g: (seats[g], len(self.names.groups[g])))
        self.names.retype(seat, PLACE)   # "X, a riding ...": a place, whatever the NER said
        return seat

    def contests(self) -> None:
        """In an article about by-elections, "a contest X" or "the race in X" is X's by-election."""
        for m in CONTEST.finditer(self.text):
            if re.match(r"\s+(?:for|of|to|against|with)\b", self.text[m.end():m.end() + 10]):
                continue   # "the race for X's seat", "the race to replace X"
            place, first = self.place_near(m.start(), m.end())
            if place is not None and self.names.kinds[place] == PLACE and first < 0:
                self.place_event(place, m.start(), m.end())


def special_elections(ef: EventFinder) -> None:
    """"a special election for the 12th Congressional seat": the district's contest."""
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
