"""Events and their outcomes: elections above all, and the events news links to them.

Event mentions are found by their words ("the X by-election", "the 2019
general election", "a special election in X", "the resignation of X", "X was
murdered", "the pandemic"); "the by-election" alone refers to the article's
main one. Outcomes come from the clauses that state them: "X won the seat",
"took 13,296 votes", "came second with 12,973", "X's vote of 8,264",
"a majority of 323", "Labour held the seat", "lost her deposit".
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from ..dates import relative
from ..model import EVENT, ORG_KINDS, ORGANIZATION, PARTY, PERSON, PLACE, EventInfo, LocalEntity, Outcome, Span
from .names import DocNames

NUMBER_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty".split())}
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "last": None}
WIN_OBJECTS = {"seat", "election", "by-election", "race", "contest", "victory", "vote", "poll", "ballot", "it"}
HOLD_OBJECTS = {"seat", "ground", "constituency", "it"}
VOTE_VERBS = {"take", "win", "receive", "get", "poll", "gain", "secure", "garner", "attract", "collect"}
MODALS = {"would", "could", "might", "may", "should", "will", "can"}
ELECTION_TYPES = ("ByElection", "Election", "Referendum")


@dataclass
class EventMention:
    type: str
    name: str
    key: tuple
    spans: list[Span] = field(default_factory=list)
    date: str | None = None
    place: int | None = None


def parse_number(tok: Token) -> int | None:
    text = tok.text.replace(",", "")
    if re.fullmatch(r"\d+", text):
        return int(text)
    return NUMBER_WORDS.get(tok.lower_)


class EventFinder:
    def __init__(self, doc: Doc, names: DocNames, article_date: str | None, base_key: int):
        self.doc, self.names, self.date, self.base = doc, names, article_date, base_key
        self.text = doc.text
        self.events: list[EventMention] = []
        self.by_key: dict[tuple, int] = {}
        self.tok_event: dict[int, int] = {}      # token index -> event index
        self.outcomes: list[Outcome] = []
        self._seen: set[tuple] = set()

    # ------------------------------------------------------------------ events

    def _event(self, type_: str, name: str, key: tuple, s: int, e: int, date=None, place=None) -> int:
        if key not in self.by_key:
            self.by_key[key] = len(self.events)
            self.events.append(EventMention(type_, name, key, date=date, place=place))
        ev = self.events[self.by_key[key]]
        if len(name) > len(ev.name):
            ev.name = name
        ev.date = ev.date or date
        ev.spans.append(Span(s, e, self.text[s:e]))
        span = self.doc.char_span(s, e, alignment_mode="expand")
        for t in span or []:
            self.tok_event.setdefault(t.i, self.by_key[key])
        return self.by_key[key]

    def place_before(self, char: int) -> int | None:
        """A place (or mistyped organisation) named right before a character offset."""
        tok = self.doc.char_span(0, char, alignment_mode="contract")
        if tok is None or not len(tok):
            return None
        last = tok[-1]
        g = self.names.entity_at(last.i)
        if g is not None and self.names.kinds[g] in (PLACE, ORGANIZATION):
            self.names.kinds[g] = PLACE   # "Hartlepool by-election": a place, whatever the NER said
            return g
        return None

    def place_after(self, char: int) -> int | None:
        m = re.match(r"\s+(?:in|for|of)\s+", self.text[char:char + 8])
        if not m:
            return None
        span = self.doc.char_span(char + m.end(), min(len(self.text), char + m.end() + 60), alignment_mode="expand")
        if span is None or not len(span):
            return None
        g = self.names.entity_at(span[0].i)
        return g if g is not None and self.names.kinds[g] in (PLACE, ORGANIZATION) else None

    def find_events(self) -> None:
        text = self.text
        anaphoric = []
        for m in re.finditer(r"\b(by[- ]?elections?|special elections?)\b", text, re.I):
            place = self.place_before(m.start()) if not m.group(1).lower().startswith("special") else None
            place = place if place is not None else self.place_after(m.end())
            if place is not None:
                self.names.kinds[place] = PLACE
                name = f"{self.names.names[place]} by-election"
                start = self.names.groups[place][0].start
                s = min(m.start(), self.doc[start].idx) if self.place_before(m.start()) == place else m.start()
                self._event("ByElection", name, ("ByElection", place), s, m.end(), place=place)
            elif re.search(r"\b(the|this|that)\s+$", text[max(0, m.start() - 6):m.start()], re.I):
                anaphoric.append((m.start(), m.end()))
        for m in re.finditer(r"\b((?:19|20)\d\d)\s+(?:[Gg]eneral\s+[Ee]lection|[Ee]lection|presidential election)s?\b|"
                             r"\b[Gg]eneral [Ee]lection (?:of|in) ((?:19|20)\d\d)\b", text):
            year = m.group(1) or m.group(2)
            self._event("Election", f"{year} general election", ("Election", year), m.start(), m.end(), date=year)
        for m in re.finditer(r"\b((?:19|20)\d\d)\s+(?:([A-Z][\w-]*)\s+)?referendum\b|"
                             r"\b((?:19|20)\d\d) vote to (?:leave|remain in|join|exit) (?:the )?([A-Z][\w-]*)", text):
            year, topic = m.group(1) or m.group(3), m.group(2) or m.group(4)
            name = f"{year} {topic + ' ' if topic else ''}referendum"
            self._event("Referendum", name, ("Referendum", year, topic), m.start(), m.end(), date=year)
        for m in re.finditer(r"\b(?:[Cc]ovid(?:-19)?|[Cc]oronavirus)?\s?pandemic\b", text):
            name = "Covid-19 pandemic" if re.search(r"\b(covid|coronavirus)", text, re.I) else "pandemic"
            self._event("Pandemic", name, ("Pandemic",), m.start(), m.end())
        self.find_person_events()
        main = self.main_election()
        if main is not None:
            for s, e in anaphoric:
                self._event(self.events[main].type, self.events[main].name, self.events[main].key, s, e)

    def find_person_events(self) -> None:
        """Resignations and murders, named after the person they happened to."""
        doc, names = self.doc, self.names
        for t in doc:
            lemma = t.lemma_.lower()
            if lemma in ("resignation", "resign") or (lemma == "stand" and any(c.lower_ == "down" for c in t.children)):
                who = self._person_of_event(t)
                if who is not None:
                    self._person_event("Resignation", "Resignation of", who, t, "resigned")
            elif lemma in ("murder", "kill", "assassinate", "assassination") and t.pos_ in ("VERB", "NOUN"):
                if t.pos_ == "VERB" and not any(c.dep_ == "auxpass" for c in t.children):
                    continue
                who = self._person_of_event(t)
                if who is not None:
                    self._person_event("Murder", "Murder of", who, t, "victim")

    def _person_of_event(self, t: Token) -> int | None:
        cands = []
        if t.pos_ == "NOUN":
            for prep in t.children:
                if prep.lower_ == "of":
                    cands += [c for c in prep.children if c.dep_ == "pobj"]
            cands += [c for c in t.children if c.dep_ == "poss"]
            if t.dep_ == "pobj" and t.head.head.dep_ == "appos" or t.head.lower_ == "after":
                cands += [c for c in t.subtree if c.dep_ == "relcl"]
        else:
            cands += [c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")]
            if t.dep_ == "relcl":
                cands.append(t.head)
        for c in cands:
            for tok in [c] + list(c.subtree):
                g = self.names.resolve(tok) if tok.pos_ == "PRON" else self.names.entity_at(tok.i)
                if g is not None and self.names.kinds[g] == PERSON:
                    return g
        return None

    def _person_event(self, type_: str, prefix: str, who: int, t: Token, predicate: str) -> None:
        sent = t.sent
        date = None
        m = re.search(r"\b(last (week|month|year)|this (week|month|year)|in (?:19|20)\d\d|"
                      r"(?:in|since|last) (January|February|March|April|May|June|July|August|September|October|November|December))\b",
                      sent.text)
        if m:
            date = relative(m.group(0), self.date)
        idx = self._event(type_, f"{prefix} {self.names.names[who]}", (type_, who), t.idx, t.idx + len(t), date=date)
        self._outcome(idx, predicate, who, None, sent, 0.75, f"event.{type_.lower()}")

    def main_election(self) -> int | None:
        counts = Counter({i: len(ev.spans) for i, ev in enumerate(self.events) if ev.type == "ByElection"})
        if not counts:
            return None
        return counts.most_common(1)[0][0]

    # ------------------------------------------------------------------ outcomes

    def _outcome(self, event: int, predicate: str, subject: int | None, value: int | None, evidence, conf: float,
                 rule: str) -> None:
        sig = (event, predicate, subject, value)
        if sig in self._seen:
            return
        self._seen.add(sig)
        s, e = evidence.start_char, evidence.end_char
        while e > s and self.text[e - 1].isspace():
            e -= 1
        self.outcomes.append(Outcome(self.base + event, predicate, subject, value, Span(s, e, self.text[s:e]),
                                     conf, rule))

    def event_for(self, sent) -> int | None:
        """The election a sentence is about: one it names, else the article's main one."""
        named = [self.tok_event[t.i] for t in sent if t.i in self.tok_event
                 and self.events[self.tok_event[t.i]].type in ELECTION_TYPES]
        if named:
            return named[0]
        for t in sent:
            g = self.names.entity_at(t.i)
            if g is not None and ("ByElection", g) in self.by_key:
                return self.by_key[("ByElection", g)]
        return self.main_election()

    def hypothetical(self, verb: Token) -> bool:
        return any(c.dep_ == "neg" or (c.dep_ == "aux" and c.lower_ in MODALS) or c.lower_ == "if"
                   for c in verb.children) or verb.tag_ == "VB" and verb.dep_ in ("xcomp", "advcl")

    def subject(self, verb: Token) -> int | None:
        t = verb
        for _ in range(4):
            subj = [c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")]
            if subj:
                return self.names.resolve(subj[0])
            if t.dep_ not in ("advcl", "conj", "xcomp", "pcomp", "acl", "relcl") or t.head is t:
                return None
            if t.dep_ == "relcl" or (t.dep_ == "acl" and t.head.pos_ in ("PROPN", "NOUN")):
                return self.names.resolve(t.head)
            t = t.head
        return None

    def find_outcomes(self) -> None:
        doc, names = self.doc, self.names
        for t in doc:
            lemma = t.lemma_.lower()
            sent = t.sent
            if t.pos_ == "VERB" and lemma in ("win", "claim", "clinch", "secure", "take") and not self.hypothetical(t):
                objs = [c for c in t.children if c.dep_ in ("dobj", "attr")]
                if any(o.lemma_.lower() in WIN_OBJECTS or o.i in self.tok_event for o in objs) \
                        or (lemma == "win" and not objs and t.dep_ == "ROOT"):
                    subj = self.subject(t)
                    ev = self.event_for(sent)
                    if subj is not None and ev is not None and names.kinds[subj] in (PERSON, PARTY):
                        self._outcome(ev, "winner", subj, None, sent, 0.8, "outcome.win")
                        self.gained(ev, subj, t, sent)
            if t.pos_ == "NOUN" and lemma in ("triumph", "victory", "win"):
                owner = [c for c in t.children if c.dep_ == "poss"]
                g = names.resolve(owner[0]) if owner else None
                ev = self.event_for(sent)
                if g is not None and ev is not None and names.kinds[g] == PERSON:
                    self._outcome(ev, "winner", g, None, sent, 0.7, "outcome.victory")
            if lemma in ("hold", "retain", "keep", "cling") and t.pos_ == "VERB" and not self.hypothetical(t):
                objs = [c for c in t.subtree if c.lemma_.lower() in HOLD_OBJECTS or names.entity_at(c.i) is not None
                        and names.kinds[names.entity_at(c.i)] == PLACE]
                subj = self.subject(t)
                ev = self.event_for(sent)
                if subj is not None and ev is not None and names.kinds[subj] == PARTY and (objs or lemma == "cling"):
                    self._outcome(ev, "held_by", subj, None, sent, 0.8, "outcome.hold")
            if t.like_num or parse_number(t) is not None:
                self.numbers(t, sent)
            if lemma == "deposit":
                verb = t.head
                if verb.lemma_.lower() in ("lose", "forfeit") and not self.hypothetical(verb):
                    subj = self.subject(verb)
                    ev = self.event_for(sent)
                    if subj is not None and ev is not None and names.kinds[subj] == PERSON:
                        self._outcome(ev, "lost_deposit", subj, None, sent, 0.8, "outcome.deposit")

    def gained(self, ev: int, winner: int, verb: Token, sent) -> None:
        """"X won the seat from Y", "X shocked Y by winning ...": a gain."""
        names = self.names
        if names.kinds[winner] != PARTY:
            return
        froms = [c for c in verb.children if c.dep_ == "prep" and c.lower_ == "from"]
        losers = [names.resolve(p) for f in froms for p in f.children if p.dep_ == "pobj"]
        if verb.dep_ == "pcomp" and verb.head.lower_ == "by":
            main = verb.head.head
            losers += [names.resolve(c) for c in main.children if c.dep_ == "dobj"]
        if any(g is not None and g != winner and names.kinds[g] == PARTY for g in losers):
            self._outcome(ev, "gained_by", winner, None, sent, 0.75, "outcome.gain")

    def numbers(self, t: Token, sent) -> None:
        value = parse_number(t)
        if value is None or t.ent_type_ in ("DATE", "PERCENT", "MONEY", "TIME"):
            return
        doc, names = self.doc, self.names
        nxt = doc[t.i + 1] if t.i + 1 < len(doc) else None
        window = doc[max(sent.start, t.i - 4):t.i].text.lower()
        after = doc[t.i + 1:min(sent.end, t.i + 4)].text.lower()
        ev = self.event_for(sent)
        if ev is None:
            return
        # Majority: "a majority of (just) 323", "a 323-vote majority".
        if re.search(r"majority of( just| only)?$", window) or re.match(r"^-?\s*vote majority", after):
            self._outcome(ev, "majority", None, value, sent, 0.85, "outcome.majority")
            return
        # "X took 13,296 votes", "came second with 12,973", "X's vote of 8,264".
        head = t.head
        verb = head.head if head.lemma_ == "vote" else head
        if head.lower_ == "with" and head.head.lemma_ == "come":
            verb = head.head
        if re.search(r"vote of$", window):
            owner = [c for c in doc[t.i - 2].children if c.dep_ == "poss"] if t.i >= 2 else []
            g = names.resolve(owner[0]) if owner else None
            if g is not None and names.kinds[g] == PERSON:
                self._votes(ev, g, value, sent)
            return
        if verb.pos_ == "VERB" and (verb.lemma_ in VOTE_VERBS or verb.lemma_ == "come") and \
                (nxt is not None and nxt.lemma_ == "vote" or verb.lemma_ == "come"):
            if verb.lemma_ in ("lose",) or self.hypothetical(verb):
                return
            g = self.subject(verb)
            if g is not None and names.kinds[g] == PERSON:
                self._votes(ev, g, value, sent)
            return
        # "13,296 to 12,973 votes in favour of X": the first number is X's.
        if re.match(r"^to [\d,]+ votes? in favou?r of", after):
            for tok in doc[t.i + 4:sent.end]:
                g = names.entity_at(tok.i)
                if g is not None and names.kinds[g] == PERSON:
                    self._votes(ev, g, value, sent)
                    break

    def _votes(self, ev: int, person: int, value: int, sent) -> None:
        self._outcome(ev, "votes", person, value, sent, 0.8, "outcome.votes")
        self._outcome(ev, "candidate", person, None, sent, 0.7, "outcome.votes")

    def candidates(self, memberships) -> None:
        """People the article calls a candidate stood in its main election."""
        ev = self.main_election()
        if ev is None:
            return
        for m in memberships:
            if m.role_key == "candidate" and m.current:
                sent = self.doc.char_span(m.evidence.start, m.evidence.end, alignment_mode="expand")
                if sent is not None:
                    self._outcome(ev, "candidate", m.person, None, sent, 0.65, "outcome.candidate")

    def finish(self) -> None:
        """Deaths in a pandemic: "Britain recording more than 128,000 deaths"."""
        for t in self.doc:
            if t.lemma_ == "death" and t.i > 0:
                nums = [c for c in t.children if c.dep_ == "nummod"]
                if not nums:
                    continue
                value = parse_number(nums[0])
                verb = t.head
                place = self.subject(verb) if verb.pos_ == "VERB" else None
                pandemic = self.by_key.get(("Pandemic",))
                if value and place is not None and pandemic is not None and self.names.kinds[place] == PLACE:
                    self._outcome(pandemic, "deaths", place, value, t.sent, 0.7, "outcome.deaths")

    # ------------------------------------------------------------------ output

    def entities(self) -> list[LocalEntity]:
        out = []
        for i, ev in enumerate(self.events):
            info = EventInfo(type=ev.type, date=ev.date, place=ev.place)
            out.append(LocalEntity(key=self.base + i, kind=EVENT, name=ev.name, forms=(ev.name,),
                                   mentions=tuple(ev.spans), event=info))
        return out


def find_events(doc: Doc, names: DocNames, article_date: str | None, memberships) -> tuple[list[LocalEntity], list[Outcome]]:
    finder = EventFinder(doc, names, article_date, base_key=len(names.groups))
    finder.find_events()
    finder.find_outcomes()
    finder.candidates(memberships)
    finder.finish()
    # A majority belongs to the election; its subject is the winner when the article names
    # one, else it is left open (the graph fills it from other articles' winners).
    outcomes = []
    for o in finder.outcomes:
        if o.predicate == "majority":
            winners = [w.subject for w in finder.outcomes if w.event == o.event and w.predicate == "winner"
                       and names.kinds[w.subject] == PERSON]
            o = Outcome(o.event, o.predicate, winners[0] if winners else None, o.value, o.evidence,
                        o.confidence, o.rule)
        outcomes.append(o)
    return finder.entities(), outcomes
