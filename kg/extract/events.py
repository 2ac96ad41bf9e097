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

from ..dates import relative
from ..model import EVENT, ORGANIZATION, PARTY, PERSON, PLACE, EventInfo, LocalEntity, Span
from .names import DocNames, Mention

ELECTION_TYPES = ("ByElection", "Election", "Referendum")
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
WHEN = re.compile(rf"^[\s,]*(?:in|on|last|this|earlier this)\s+(?:(?:{MONTHS})(?:\s+(?:19|20)\d\d)?|(?:19|20)\d\d|week|month|year)\b")
CONTEST = re.compile(r"\b(?:contest|race|poll|vote)\b", re.I)
# (The lookahead, the first letters of a year or a kind, lets the scan skip other positions quickly.)
KIND_ELECTION = re.compile(r"\b(?=[12mpaclsge])(?:(?P<year>(?:19|20)\d\d)\s+)?(?P<kind>mayoral|presidential|parliamentary|assembly|"
                           r"council|local|senate|gubernatorial|leadership|primary|congressional|midterm|european)\s+"
                           r"(?:election|race|contest|vote|ballot)s?\b", re.I)
PERSON_EVENT_WORDS = {"stand", "step", "resignation", "resign", "quit", "murder", "kill", "assassinate", "assassination"}
ELECTORAL = re.compile(r"\b(candidates?|votes|deposit|majority|ballots?|turnout|polling)\b", re.I)


@dataclass
class EventMention:
    type: str
    name: str
    key: tuple
    spans: list[Span] = field(default_factory=list)
    date: str | None = None
    place: int | None = None


class EventFinder:
    def __init__(self, doc: Doc, names: DocNames, article_date: str | None):
        self.doc, self.names, self.date = doc, names, article_date
        self.toks = names.tokens   # one Token per word, made once
        self.text = names.text
        self.events: list[EventMention] = []
        self.by_key: dict[tuple, int] = {}
        self.tok_event: dict[int, int] = {}      # token index -> event index
        self.person_events_found: list[tuple[int, int, Token]] = []   # (event, person, trigger word)

    def add(self, type_: str, name: str, key: tuple, s: int, e: int, date=None, place=None) -> int:
        if key not in self.by_key:
            self.by_key[key] = len(self.events)
            self.events.append(EventMention(type_, name, key, place=place))
        ev = self.events[self.by_key[key]]
        if len(name) > len(ev.name):
            ev.name = name
        ev.date = ev.date or date or self.when(e)
        ev.spans.append(Span(s, e, self.text[s:e]))
        for t in self.doc.char_span(s, e, alignment_mode="expand") or []:
            self.tok_event.setdefault(t.i, self.by_key[key])
        return self.by_key[key]

    def when(self, end: int) -> str | None:
        """A date written right after a mention: "the X by-election in May"."""
        m = WHEN.match(self.text[end:end + 40])
        return relative(m.group(0), self.date) if m else None

    def place_near(self, start: int, end: int) -> tuple[int | None, int]:
        """The place named right before ``start`` ("Hartlepool by-election") or after ``end``
        ("a special election in X"); returns (entity, where the event's words begin)."""
        before = self.doc.char_span(0, start, alignment_mode="contract")
        if before is not None and len(before):
            # "X by-election": X is a place even if the small model called it a person.
            t = before[-1]
            g = self.names.entity_at(t.i)
            if g is not None and self.names.kinds[g] in (PLACE, ORGANIZATION, PERSON) and not self.names.is_anonymous(g):
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
        return (t.pos_ == "PROPN" or not strict) and t.text[:1].isupper() and t.is_alpha \
            and not self.names.lex.role([t.lower_]) and not self.names.lex.org(t.text) \
            and not self.names.lex.honorific(t.text) and t.lower_ not in ("the", "a", "this", "that", "next", "last")

    def place_event(self, place: int, s: int, e: int) -> int:
        self.names.retype(place, PLACE)   # "Hartlepool by-election": a place, whatever the NER said
        after = min((m for m in self.names.groups[place] if self.toks[m.start].idx >= e), default=None,
                    key=lambda m: m.start)
        if after is not None and self.toks[after.start].idx - e <= 5:   # "a contest X": the span covers X
            e = self.toks[after.end - 1].idx + len(self.toks[after.end - 1])
        return self.add("ByElection", f"{self.names.names[place]} by-election", ("ByElection", place), s, e,
                        place=place)

    def find(self) -> None:
        text, anaphoric = self.text, []
        # "by election" with a space is also "by Election Day", "by election night": not a contest.
        for m in re.finditer(r"\b(by-?elections?|by elections?(?!\s+(?:day|night|eve|time)\b)|special elections?)\b",
                             text, re.I):
            place, first = self.place_near(m.start(), m.end())
            if place is not None:
                s = self.toks[first].idx if first >= 0 else m.start()
                self.place_event(place, s, m.end())
            elif re.search(r"\b(the|this|that)\s+$", text[max(0, m.start() - 6):m.start()], re.I):
                anaphoric.append((m.start(), m.end()))
        for m in re.finditer(r"\b((?:19|20)\d\d)\s+(?:[Gg]eneral\s+[Ee]lection|[Ee]lection)s?\b|"
                             r"\b[Gg]eneral [Ee]lection (?:of|in) ((?:19|20)\d\d)\b", text):
            year = m.group(1) or m.group(2)
            self.add("Election", f"{year} general election", ("Election", year), m.start(), m.end(), date=year)
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
        if any(ev.type == "ByElection" for ev in self.events) or anaphoric:
            self.contests()
            self.salient_constituencies()
        self.person_events()
        main = self.main_election()
        if main is not None:
            ev = self.events[main]
            for s, e in anaphoric:
                self.add(ev.type, ev.name, ev.key, s, e)

    def kind_election(self, m: re.Match) -> None:
        """"the 2021 London mayoral election", "the Labour leadership contest", "the 2016 presidential election"."""
        year, kind = m.group("year"), m.group("kind").lower()
        place, first = self.place_near(m.start("kind"), m.end())
        owner = None
        if place is None and first < 0:   # "the Labour leadership contest": a party's own election
            before = self.doc.char_span(0, m.start("kind"), alignment_mode="contract")
            g = self.names.entity_at(before[-1].i) if before is not None and len(before) else None
            owner = g if g is not None and self.names.kinds[g] == PARTY else None
        if year is None and place is not None and first > 0 and re.fullmatch(r"(?:19|20)\d\d", self.toks[first - 1].text):
            year = self.toks[first - 1].text   # "the 2021 London mayoral election"
        where = self.names.names[place] if place is not None and first >= 0 else \
            self.names.names[owner] if owner is not None else None
        if where is None and year is None:
            return
        name = " ".join(x for x in (year, where, kind, "election") if x)
        start = self.toks[first].idx if place is not None and first >= 0 else m.start()
        key = ("Election", year, kind, place if place is not None else owner)
        self.add("Election", name, key, start, m.end(), date=year, place=place)

    def salient_constituencies(self) -> None:
        """In an article about by-elections, a constituency it names twice or more has its contest,
        even when the article never writes "X by-election" ("our victory in X", "the X campaign")."""
        for g, mentions in enumerate(self.names.groups):
            if len(mentions) >= 2 and self.names.kinds[g] == PLACE and self.constituency(g) \
                    and ("ByElection", g) not in self.by_key:
                first = mentions[0]
                self.place_event(g, self.toks[first.start].idx, self.toks[first.end - 1].idx + len(self.toks[first.end - 1]))

    def contests(self) -> None:
        """In an article about by-elections, "a contest X" or "the race in X" is X's by-election."""
        for m in CONTEST.finditer(self.text):
            place, first = self.place_near(m.start(), m.end())
            if place is not None and self.names.kinds[place] == PLACE and first < 0:
                self.place_event(place, m.start(), m.end())

    def person_events(self) -> None:
        """Resignations and murders, named after the person they happened to."""
        for i, lemma in enumerate(self.names.lemmas):
            if lemma not in PERSON_EVENT_WORDS:
                continue
            t = self.toks[i]
            down = lemma in ("stand", "step") and any(c.lower_ in ("down", "aside") for c in t.children)
            if lemma in ("resignation", "resign", "quit") or down:
                self._person_event("Resignation", "Resignation of", t)
            elif lemma in ("murder", "kill", "assassinate", "assassination") and t.pos_ in ("VERB", "NOUN"):
                if t.pos_ == "NOUN" or any(c.dep_ == "auxpass" for c in t.children):
                    self._person_event("Murder", "Murder of", t)

    def person_of(self, t: Token) -> int | None:
        """Who a resignation or murder happened to: "resignation of X", "X's resignation", "X was murdered",
        "X, the former MP who was murdered"."""
        cands = []
        if t.pos_ == "NOUN":   # "the resignation (last week) of X", "X's resignation"
            cands += [c for c in t.children if c.dep_ == "poss"]
            cands += [p for prep in t.subtree if prep.lower_ == "of" for p in prep.children]
            cands += [c for c in t.subtree if c.dep_ == "relcl"]
        else:
            cands += [c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")]
            head = t.head if t.dep_ == "relcl" else None
            while head is not None:
                cands.append(head)
                head = head.head if head.dep_ == "appos" else None   # "X, the region's former MP who was ..."
        if t.pos_ == "NOUN":   # surface fallback: "resignation last month of health secretary X"
            of = next((k for k in range(t.i + 1, min(t.sent.end, t.i + 6)) if self.toks[k].lower_ == "of"), None)
            cands += list(self.doc[of + 1:min(t.sent.end, of + 6)]) if of is not None else []
        for c in cands:
            for tok in [c, *c.subtree]:
                g = self.names.resolve(tok) if tok.pos_ == "PRON" else self.names.entity_at(tok.i)
                if g is not None and self.names.kinds[g] == PERSON and not self.names.is_anonymous(g):
                    return g
        return None

    def _person_event(self, type_: str, prefix: str, t: Token) -> None:
        who = self.person_of(t)
        if who is None:
            return
        date = None
        m = re.search(rf"\b(last (week|month|year)|this (week|month|year)|in (?:19|20)\d\d|(?:in|since|last) ({MONTHS}))\b",
                      t.sent.text)
        if m:
            date = relative(m.group(0), self.date)
        self.add(type_, f"{prefix} {self.names.names[who]}", (type_, who), t.idx, t.idx + len(t), date=date)
        self.person_events_found.append((self.by_key[(type_, who)], who, t))

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
        if named and not (named[0][0] > 15 and main is not None and anchor is not None):
            return named[0][1]
        for i in range(sent.start, sent.end):   # (indices: a Span makes a Token per word it yields)
            g = self.names.entity_at(i)
            if g is None or self.names.kinds[g] != PLACE:
                continue
            if ("ByElection", g) in self.by_key:
                return self.by_key[("ByElection", g)]
            if main is not None and ELECTORAL.search(sent.text) and self.constituency(g):
                m = self.names.tok2mention[i]
                return self.place_event(g, self.toks[m.start].idx, self.toks[m.end - 1].idx + len(self.toks[m.end - 1]))
        return main

    def constituency(self, g: int) -> bool:
        """A place that names a seat: "X and Y", or one the article already holds a by-election in."""
        words = self.names.names[g].split()
        return len(words) >= 3 and words[1].lower() in ("and", "&")

    def entities(self, base: int) -> list[LocalEntity]:
        return [LocalEntity(key=base + i, kind=EVENT, name=ev.name, forms=(ev.name,), mentions=tuple(ev.spans),
                            event=EventInfo(type=ev.type, date=ev.date, place=ev.place))
                for i, ev in enumerate(self.events)]
