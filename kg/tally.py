"""What the local entities of one resolved entity say about it, summed so that members can be
added and taken away: the kind votes, the names and how often each is used, the genders, the
mentions. kg.resolve makes each entity from its tally, in a full build and when articles are
added to or removed from a store (kg.index keeps each entity's tally and each article's share
of it), so both ways give an entity the same kind, name, aliases and counts.

A tally is plain JSON: counters are dicts that keep the order in which values were first seen,
which is what breaks ties (as the order of articles did when every member was at hand).
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .extract.lexicon import lexicon
from .model import EVENT, ORGANIZATION, PERSON, TIE_ORDER, Entity, EventInfo, LocalEntity


def _add(into: dict, other: dict, sign: int = 1) -> None:
    for k, v in other.items():
        n = into.get(k, 0) + sign * v
        if sign < 0 and abs(n) < 1e-9:
            into.pop(k, None)
        else:
            into[k] = n


@dataclass
class Tally:
    """The sums of a named entity's members (people, organisations, parties, places)."""

    votes: dict = field(default_factory=dict)     # kind -> the NER's and the rules' votes
    kinds: dict = field(default_factory=dict)     # kind -> members that decided it locally
    forms: dict = field(default_factory=dict)     # a member's name -> its mentions
    named: dict = field(default_factory=dict)     # a member's name -> members so named
    aliases: dict = field(default_factory=dict)   # surface form -> members that use it
    genders: dict = field(default_factory=dict)   # gender -> members that give it
    known: dict = field(default_factory=dict)     # a gazetteer name a member is called exactly -> members
    mentions: int = 0
    members: int = 0

    @classmethod
    def of(cls, e: LocalEntity) -> "Tally":
        t = cls()
        for k, v in e.kind_votes:
            t.votes[k] = t.votes.get(k, 0) + v
        if not e.kind_votes:
            t.votes[e.kind] = t.votes.get(e.kind, 0) + 1
        t.kinds[e.kind] = 1
        t.forms[e.name], t.named[e.name] = len(e.mentions), 1
        for f in dict.fromkeys(e.forms):
            t.aliases[f] = 1
        if e.gender:
            t.genders[e.gender] = 1
        entry = lexicon().org(e.name)
        if entry is not None and entry.name == e.name:
            t.known[e.name] = 1
        t.mentions, t.members = len(e.mentions), 1
        return t

    def add(self, other: "Tally", sign: int = 1) -> "Tally":
        for name in ("votes", "kinds", "named", "aliases", "genders", "known"):
            _add(getattr(self, name), getattr(other, name), sign)
        for name, n in other.forms.items():   # a name stays while a member is so named, even with no mentions
            self.forms[name] = self.forms.get(name, 0) + sign * n
            if name not in self.named:
                del self.forms[name]
        self.mentions += sign * other.mentions
        self.members += sign * other.members
        return self

    def entry(self):
        """The gazetteer entry a member is named exactly by, if any."""
        for name in self.known:
            return lexicon().org(name)
        return None

    def kind(self) -> str:
        entry = self.entry()
        if entry is not None:
            return entry.kind
        votes: Counter = Counter()
        for k, v in self.votes.items():
            votes[k] += v
        for k, n in self.kinds.items():   # a local decision that used context (a party, a compound place) counts as well
            votes[k] += 0.5 * n
        if not votes:
            return ORGANIZATION
        return max(votes, key=lambda k: (votes[k], -TIE_ORDER.index(k) if k in TIE_ORDER else -99))

    def canonical(self, kind: str) -> str:
        from .resolve import bare, strip_honorific
        entry = self.entry()
        if entry is not None:
            return entry.name
        forms = self.forms
        if kind == PERSON:
            full = [f for f in forms if len(bare(f).split()) >= 2]
            if full:
                best = max(full, key=lambda f: (forms[f], len(f.split()) <= 3, -len(f), f))
                return strip_honorific(best)
        return max(forms, key=lambda f: (forms[f], len(f), f))

    def entity(self, eid: str, kind: str | None = None) -> Entity:
        kind = kind or self.kind()
        name = self.canonical(kind)
        aliases = sorted((f for f in self.aliases if f != name), key=lambda f: (f.lower(), f))
        gender = max(self.genders, key=lambda g: self.genders[g]) if kind == PERSON and self.genders else None
        return Entity(id=eid, kind=kind, name=name, aliases=tuple(aliases), gender=gender, mention_count=self.mentions)

    def as_json(self) -> dict:
        return {k: v for k, v in vars(self).items() if v}

    @classmethod
    def from_json(cls, data: dict) -> "Tally":
        return cls(**data)


@dataclass
class EventTally:
    """The sums of an event's members. ``place`` and ``parents`` hold entity ids."""

    type: str = ""
    names: dict = field(default_factory=dict)     # a member's name -> members
    dates: dict = field(default_factory=dict)     # date -> members
    kinds: dict = field(default_factory=dict)     # an election's kind -> members (the first seen wins)
    aliases: dict = field(default_factory=dict)   # mention text -> mentions
    places: dict = field(default_factory=dict)    # place entity id -> members
    parents: dict = field(default_factory=dict)   # entity id of the event it is part of -> members
    mentions: int = 0
    members: int = 0

    @classmethod
    def of(cls, type: str, e: LocalEntity, place: str | None, parent: str | None) -> "EventTally":
        t = cls(type=type, names={e.name: 1}, mentions=len(e.mentions), members=1)
        if e.event.date:
            t.dates[e.event.date] = 1
        if e.event.kind:
            t.kinds[e.event.kind] = 1
        for m in e.mentions:
            text = m.text.strip()
            if text and len(m.text) < 80:
                t.aliases[text] = t.aliases.get(text, 0) + 1
        if place:
            t.places[place] = 1
        if parent:
            t.parents[parent] = 1
        return t

    def add(self, other: "EventTally", sign: int = 1) -> "EventTally":
        self.type = self.type or other.type
        for name in ("names", "dates", "kinds", "aliases", "places", "parents"):
            _add(getattr(self, name), getattr(other, name), sign)
        self.mentions += sign * other.mentions
        self.members += sign * other.members
        return self

    def entity(self, eid: str, by_election_of: str | None) -> Entity:
        """The event; ``by_election_of``: the name of the place a by-election is named after, if it is."""
        if by_election_of is not None:
            name = f"{by_election_of} {'special election' if 'special' in self.kinds else 'by-election'}"
        else:
            name = max(self.names, key=lambda n: self.names[n])
        dates = self.dates
        date = max(dates, key=lambda d: (len(d), dates[d])) if dates else None
        aliases = sorted(a for a in self.aliases if a != name)
        parent = next((p for p in self.parents if p != eid), None)
        return Entity(id=eid, kind=EVENT, name=name, aliases=tuple(aliases), mention_count=self.mentions,
                      event=EventInfo(type=self.type, date=date, kind=next(iter(self.kinds), None)),
                      event_place=next(iter(self.places), None), event_part_of=parent)

    def as_json(self) -> dict:
        return {k: v for k, v in vars(self).items() if v}

    @classmethod
    def from_json(cls, data: dict) -> "EventTally":
        return cls(**data)
