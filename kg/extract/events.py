"""Events named in an article: elections above all, and the events news links to them.

Found by their words: "the X by-election", "a special election in X", "the
2019 general election", "the 2016 vote to leave the EU", "a contest X" in an
article about by-elections, "the resignation of X", "X was murdered", "the
pandemic". "The by-election" alone refers to the article's main one. Dates
come from the words around a mention ("in May", "last week", "in 2016"),
resolved against the article date. Outcomes are found in kg.extract.outcomes.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from ..dates import day, relative
from ..model import EVENT, ORGANIZATION, PARTY, PERSON, PLACE, EventInfo, LocalEntity, Span
from .contests import SeatContests, office_elections, seat_contests, special_elections
from .happenings import PersonEvents
from .names import DocNames, Mention

ELECTION_TYPES = ("ByElection", "Election", "Referendum")
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
WHEN = re.compile(rf"^[\s,]*(?:in|on|last|this|earlier this)\s+(?:(?:{MONTHS})(?:\s+(?:19|20)\d\d)?|(?:19|20)\d\d|week|month|year)\b")
ON_DAY = re.compile(r"^[\s,]*(?:on\s+)?(?:yesterday|today|(?:on\s+)(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday))\b",
                    re.I)
DAY_BEFORE = re.compile(r"\b(?:yesterday|today|tonight|monday|tuesday|wednesday|thursday|friday|saturday|sunday)['’]s"
                        r"(?:\s+\w+){0,4}\s*$", re.I)
# (The lookahead, the first letters of a year or a kind, lets the scan skip other positions quickly.)
KIND_ELECTION = re.compile(r"\b(?=[12mpaclsge])(?:(?P<year>(?:19|20)\d\d)\s+)?(?P<kind>mayoral|presidential|parliamentary|assembly|"
                           r"council|local|senate|gubernatorial|leadership|primary|congressional|midterm|european)\s+"
                           r"(?:election|race|contest|vote|ballot)s?\b", re.I)
CALENDAR = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
            "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
            "today", "yesterday", "tomorrow", "tonight", "weekend", "week", "month", "year", "last", "next"}
# Words between a place and "by-election" that are not part of its name: "the X riding byelection".
SEAT_WORDS = {"riding", "seat", "federal", "provincial", "state", "parliamentary", "council", "constituency",
              "electorate", "ward", "county", "district", "mayoral", "local"}
ELECTORAL = re.compile(r"\b(candidates?|votes|deposit|majority|ballots?|turnout|polling)\b", re.I)


@dataclass
class EventMention:
    type: str
    name: str
    key: tuple
    spans: list[Span] = field(default_factory=list)
    date: str | None = None
    place: int | None = None
    kind: str | None = None      # by-election, general, council, special, mayoral, leadership ...
    parent: int | None = None    # the event this contest is part of (a constituency's in a general election)


class EventFinder(SeatContests, PersonEvents):
    def __init__(self, doc: Doc, names: DocNames, article_date: str | None):
        self.doc, self.names, self.date = doc, names, article_date
        self.toks = names.tokens   # one Token per word, made once
        self.text = names.text
        self.events: list[EventMention] = []
        self.by_key: dict[tuple, int] = {}
        self.tok_event: dict[int, int] = {}      # token index -> event index
        self.by_place: dict[int, int] = {}       # place entity -> the first contest held there
        self.aliases: dict[str, int] = {}        # other names of a contest ("Swindon BC"), lower case -> event
        self.sections: list[tuple[int, int]] = []   # (character where a results table starts, its contest)
        self.past: set[int] = set()              # earlier contests in a seat, which outcomes mention in passing
        self._recent: dict[int, int | None] = {}  # sentence start -> the contest named before it in its paragraph
        self.person_events_found: list[tuple[int, int, Token]] = []   # (event, person, trigger word)

    def add(self, type_: str, name: str, key: tuple, s: int | None, e: int | None, date=None, place=None,
            kind: str | None = None, parent: int | None = None) -> int:
        """The event of ``key``, made on first sight; (s, e) is a mention of it, when the text has one."""
        if key not in self.by_key:
            self.by_key[key] = len(self.events)
            self.events.append(EventMention(type_, name, key, place=place, kind=kind, parent=parent))
        ev = self.events[self.by_key[key]]
        if len(name) > len(ev.name) and not ev.name[:1].isdigit():
            ev.name = name
        ev.date = ev.date or date or (self.when(e, s) if e is not None else None)
        ev.parent = ev.parent if ev.parent is not None else parent
        if place is not None:
            self.by_place.setdefault(place, self.by_key[key])
        if s is not None and e is not None:
            ev.spans.append(Span(s, e, self.text[s:e]))
            for t in self.doc.char_span(s, e, alignment_mode="expand") or []:
                if place is not None and kind == "general":   # a seat's contest, not the whole election
                    self.tok_event[t.i] = self.by_key[key]
                else:
                    self.tok_event.setdefault(t.i, self.by_key[key])
        return self.by_key[key]

    def when(self, end: int, start: int | None = None) -> str | None:
        """A date written next to a mention: "the X by-election in May", "on Thursday", "yesterday's
        by-election", "Thursday's X by-election" (a day of the week: the last one before the article)."""
        m = WHEN.match(self.text[end:end + 40])
        if m:
            return relative(m.group(0), self.date)
        m = ON_DAY.match(self.text[end:end + 30])
        if m:
            return day(m.group(0), self.date)
        if start is not None:
            m = DAY_BEFORE.search(self.text[max(0, start - 40):start])
            if m:
                return day(m.group(0), self.date)
        return None

    def place_near(self, start: int, end: int) -> tuple[int | None, int]:
        """The place named right before ``start`` ("Exeter by-election") or after ``end``
        ("a special election in X"); returns (entity, where the event's words begin)."""
        before = self.doc.char_span(0, start, alignment_mode="contract")
        if before is not None and len(before):
            # "X by-election": X is a place even if the small model called it a person.
            k = len(before) - 1   # past "riding", "seat's", "federal": "the X riding byelection"
            while k > 0 and k > len(before) - 4 and (before[k].lower_ in SEAT_WORDS or before[k].tag_ == "POS"):
                k -= 1
            t = before[k]
            g = self.names.entity_at(t.i)
            if g is not None and self.names.kinds[g] in (PLACE, ORGANIZATION, PERSON) and not self.names.is_anonymous(g) \
                    and t.lower_ not in CALENDAR and t.ent_type_ not in ("DATE", "TIME"):
                return g, self.names.tok2mention[t.i].start
            if g is None and self._placename(t, strict=False):   # "X by-election", even heading a line
                return self.names.add_entity(t.text, PLACE, Mention(t.i, t.i + 1, t.text, {PLACE: 1.0})), t.i
        m = re.match(r"\s*(?:(?:in|for|of)\s+)?", self.text[end:end + 8])
        after = self.doc.char_span(end + m.end(), min(len(self.text), end + m.end() + 60), alignment_mode="expand")
        if after is not None and len(after):
            t = after[0]
            g = self.names.entity_at(t.i)
            if g is not None and self.names.kinds[g] in (PLACE, ORGANIZATION):
                return g, -1
            if g is None and self._placename(t) and not t.is_sent_start:
                return self.names.add_entity(t.text, PLACE, Mention(t.i, t.i + 1, t.text, {PLACE: 1.0})), -1
        return None, -1

    def _placename(self, t: Token, strict: bool = True) -> bool:
        """A capitalised word the NER left untagged, next to election words: a place."""
        return (t.pos_ == "PROPN" or (not strict and t.pos_ not in ("ADJ", "ADV", "DET", "VERB", "PRON", "ADP"))) \
            and t.text[:1].isupper() and t.is_alpha and t.lower_ not in SEAT_WORDS and t.lower_ not in CALENDAR \
            and not self.names.lex.role([t.lower_]) and not self.names.lex.org(t.text) \
            and not self.names.lex.honorific(t.text) and t.lower_ not in ("the", "a", "this", "that", "next", "last")

    def place_event(self, place: int, s: int | None, e: int | None) -> int:
        place = self._fullest(place)
        self.names.retype(place, PLACE)   # "Exeter by-election": a place, whatever the NER said
        after = min((m for m in self.names.groups[place] if e is not None and self.toks[m.start].idx >= e),
                    default=None, key=lambda m: m.start)
        if after is not None and self.toks[after.start].idx - e <= 5:   # "a contest X": the span covers X
            e = self.toks[after.end - 1].idx + len(self.toks[after.end - 1])
        return self.add("ByElection", f"{self.names.names[place]} by-election", ("ByElection", place), s, e,
                        place=place, kind="by-election")

    def _fullest(self, place: int) -> int:
        """The seat a short place name stands for: "Kelvale" for "Kelvale—Northmoor" when the article
        names that seat and no other that begins so."""
        name = self.names.names[place]
        longer = {g for g, n in enumerate(self.names.names) if g != place and self.names.kinds[g] == PLACE
                  and (re.match(rf"{re.escape(name)}\s*[-–—]\s*\w", n) or
                       re.fullmatch(rf"(?:City of|[A-Z][\w'’-]+(?: and| &)?)\s+{re.escape(name)}", n))}
        return longer.pop() if len(longer) == 1 else place

    def find(self) -> None:
        text, anaphoric = self.text, []
        # "by election" with a space is also "by Election Day", "by election night": not a contest.
        for m in re.finditer(r"\b(by-?elections?|by elections?(?!\s+(?:day|night|eve|time)\b))\b", text, re.I):
            place, first = self.place_near(m.start(), m.end())
            if place is not None:
                s = self.toks[first].idx if first >= 0 else m.start()
                self.place_event(place, s, m.end())
            elif re.search(r"\b(?:the|this|that|\w+day['’]s(?:\s+(?:federal|provincial|state|local))?|"
                           r"(?:federal|provincial|state|parliamentary))\s+$", text[max(0, m.start() - 30):m.start()], re.I):
                anaphoric.append((m.start(), m.end()))
        for m in re.finditer(r"\b((?:19|20)\d\d)\s+(?:[Gg]eneral\s+[Ee]lection|[Ee]lection)s?\b|"
                             r"\b[Gg]eneral [Ee]lection (?:of|in) ((?:19|20)\d\d)\b", text):
            year = m.group(1) or m.group(2)
            self.general(year, m.start(), m.end())
        for m in KIND_ELECTION.finditer(text):
            self.kind_election(m)
        for m in re.finditer(r"\b((?:19|20)\d\d)\s+(?:([A-Z][\w-]*)\s+)?referendum\b|"
                             r"\b((?:19|20)\d\d) vote to (?:leave|remain in|join|exit) (?:the )?([A-Z][\w-]*)",
                             text if "referendum" in text or " vote to " in text else ""):
            year, topic = m.group(1) or m.group(3), m.group(2) or m.group(4)
            self.add("Referendum", f"{year} {topic + ' ' if topic else ''}referendum", ("Referendum", year, topic),
                     m.start(), m.end(), date=year)
        for m in re.finditer(r"\b(?:[Cc]ovid(?:-19)?|[Cc]oronavirus)?\s?pandemic\b", text if "pandemic" in text else ""):
            name = "Covid-19 pandemic" if re.search(r"\b(covid|coronavirus)", text, re.I) else "pandemic"
            self.add("Pandemic", name, ("Pandemic",), m.start(), m.end())
        special_elections(self)
        if any(ev.type == "ByElection" for ev in self.events) or anaphoric:
            self.contests()
            self.salient_constituencies()
        if anaphoric and not any(ev.type == "ByElection" for ev in self.events):
            seat = self.described_seat()   # "X, a riding long held by ...", "the X riding"
            if seat is not None:
                self.place_event(seat, None, None)
        seat_contests(self)
        office_elections(self)
        self.person_events()
        main = self.main_election()
        if main is not None:
            ev = self.events[main]
            for s, e in anaphoric:
                self.add(ev.type, ev.name, ev.key, s, e)
            if ev.date is None and self.date and ev.type in ("ByElection", "Election") and main not in self.past:
                ev.date = self.date[:4]   # no polling day in the text: the year of the article

    def kind_election(self, m: re.Match) -> None:
        """"the 2021 Exeter mayoral election", "the Labour leadership contest", "the 2016 presidential election"."""
        year, kind = m.group("year"), m.group("kind").lower()
        place, first = self.place_near(m.start("kind"), m.end())
        owner = None
        if place is None and first < 0:   # "the Labour leadership contest": a party's own election
            before = self.doc.char_span(0, m.start("kind"), alignment_mode="contract")
            g = self.names.entity_at(before[-1].i) if before is not None and len(before) else None
            owner = g if g is not None and self.names.kinds[g] == PARTY else None
        if year is None and place is not None and first > 0 and re.fullmatch(r"(?:19|20)\d\d", self.toks[first - 1].text):
            year = self.toks[first - 1].text   # "the 2021 Exeter mayoral election"
        where = self.names.names[place] if place is not None and first >= 0 else \
            self.names.names[owner] if owner is not None else None
        if where is None and year is None:
            return
        name = " ".join(x for x in (year, where, kind, "election") if x)
        start = self.toks[first].idx if place is not None and first >= 0 else m.start()
        key = ("Election", year, kind, place if place is not None else owner)
        self.add("Election", name, key, start, m.end(), date=year, place=place, kind=kind)

    def main_election(self) -> int | None:
        """The by-election the article names most (with its place's mentions); failing one, the
        election it names most."""
        for types in (("ByElection",), ("Election",)):
            counts = Counter({i: len(ev.spans) + (len(self.names.groups[ev.place]) if ev.place is not None else 0)
                              for i, ev in enumerate(self.events) if ev.type in types})
            if counts:
                return max(counts, key=lambda i: (counts[i], -i))
        return None

    def event_for(self, sent, anchor: Token | None = None) -> int | None:
        """The election an outcome stated in ``sent`` (at ``anchor``) is about: the election the sentence
        names nearest the anchor, unless far from it in an article with a main by-election; else, in an
        article about by-elections, the contest in a constituency the sentence names with election
        words ("the candidate in X ... votes"); else the article's main one."""
        at = anchor.i if anchor is not None else sent.start
        named = sorted((abs(i - at), self.tok_event[i]) for i in range(sent.start, sent.end) if i in self.tok_event
                       and self.events[self.tok_event[i]].type in ELECTION_TYPES)
        main = self.main_election()
        scope = self._scope(sent)   # "In X, ...": the sentence is about X's contest
        if scope is not None:
            ev = named[0][1] if named else None
            if ev is not None and self.events[ev].kind == "general" and self.events[ev].place is None:
                return self.general(self.events[ev].date, place=scope)
            if ev is None or self.events[ev].place is None:
                return self.seat_contest(scope)
        if named and not (named[0][0] > 15 and main is not None and anchor is not None):
            return named[0][1]
        for i in range(sent.start, sent.end):   # (indices: a Span makes a Token per word it yields)
            g = self.names.entity_at(i)
            if g is None or self.names.kinds[g] != PLACE:
                continue
            if g in self.by_place and self.events[self.by_place[g]].type in ELECTION_TYPES:
                return self.by_place[g]
            if main is not None and ELECTORAL.search(sent.text) and self.constituency(g):
                m = self.names.tok2mention[i]
                return self.place_event(g, self.toks[m.start].idx, self.toks[m.end - 1].idx + len(self.toks[m.end - 1]))
        if self.aliases:
            low = sent.text.lower()
            named_by = [ev for alias, ev in self.aliases.items() if alias in low]
            if len(set(named_by)) == 1:
                return named_by[0]
        if len({ev for _, ev in self.sections}) > 1:   # a report of several contests, each before its table
            return next((ev for start, ev in self.sections if start >= sent.start_char), self.sections[-1][1])
        if sent.start not in self._recent:   # "... in X. The seat had been held by ..."
            self._recent[sent.start] = self._named_earlier_in_paragraph(sent.start)
        recent = self._recent[sent.start]
        return recent if recent is not None else main

    def _scope(self, sent) -> int | None:
        """The place a sentence opens with, "In X, ...", in an article about a general election's seats."""
        if sent.end - sent.start < 4 or self.toks[sent.start].lower_ != "in":
            return None
        m = self.names.tok2mention.get(sent.start + 1)
        if m is None or m.end >= sent.end or self.toks[m.end].text != "," or m.org is not None or \
                self.names.kinds[m.group] not in (PLACE, ORGANIZATION):
            return None
        main = self.main_election()
        if main is not None and self.events[main].type == "ByElection":
            return None
        self.names.retype(m.group, PLACE)   # "In Example Green, ...": a place, whatever the NER said
        return m.group

    def _named_earlier_in_paragraph(self, i: int) -> int | None:
        """The contest last named before token i in its paragraph, if any."""
        k = i - 1
        while k >= 0 and "\n" not in self.toks[k].whitespace_ and "\n" not in self.toks[k].text:
            ev = self.tok_event.get(k)
            if ev is not None and self.events[ev].type in ("ByElection", "Election") and ev not in self.past:
                return ev
            g = self.names.entity_at(k)
            if g is not None and g in self.by_place and self.events[self.by_place[g]].type in ELECTION_TYPES:
                return self.by_place[g]
            k -= 1
        return None

    def constituency(self, g: int) -> bool:
        """A place that names a seat: "X and Y", or one the article already holds a by-election in."""
        words = self.names.names[g].split()
        return len(words) >= 3 and words[1].lower() in ("and", "&")

    def entities(self, base: int) -> list[LocalEntity]:
        return [LocalEntity(key=base + i, kind=EVENT, name=ev.name, forms=(ev.name,), mentions=tuple(ev.spans),
                            event=EventInfo(type=ev.type, date=ev.date, place=ev.place, kind=ev.kind,
                                            part_of=base + ev.parent if ev.parent is not None else None))
                for i, ev in enumerate(self.events)]
