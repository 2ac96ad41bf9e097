"""A synthetic news graph of any size, built through kg's own graph stage.

Invented people, parties, organisations, places and by-elections; articles
that quote a few people, state their roles and report election results. The
facts go through kg.graph.build_quads into an Oxigraph store exactly as a
build's would, so a view of it exercises the real SPARQL, layout and page.
Popularity follows a Zipf-like law, as in news: a few people are everywhere.
"""
from __future__ import annotations

import random

from pyoxigraph import Store

from kg import iri
from kg.export.rdf import ontology_quads
from kg.graph import build_quads
from kg.model import (EVENT, ORGANIZATION, PARTY, PERSON, PLACE, ArticleFacts, ArticleMeta, Entity, EventInfo,
                      LocalEntity, Membership, Outcome, Quote, Resolution, Span)

SYLLABLES = "ba bel cor da del fen gar hal ith jo ka lem mor nad ol pra quin ros sel tor ul vek wyn xa yor zel".split()
ROLES = [("leader", "leader"), ("MP", "MP"), ("councillor", "member"), ("spokesperson", "official"),
         ("chair", "chair"), ("candidate", "candidate"), ("minister", "minister")]


def _name(rng: random.Random, words: int) -> str:
    return " ".join("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize() for _ in range(words))


def _pick(rng: random.Random, n: int, skew: float = 1.1) -> int:
    """An index in 0..n-1, small ones far more often."""
    return min(int(n * rng.random() ** (1 + skew * 2)), n - 1)


class Corpus:
    def __init__(self, size: int, seed: int = 11):
        self.rng = rng = random.Random(seed)
        self.entities: dict[str, Entity] = {}
        self.assignment: dict[tuple[str, int], str] = {}
        self.people = [self._entity(PERSON, _name(rng, 2)) for _ in range(int(size * 0.42))]
        self.parties = [self._entity(PARTY, _name(rng, 1) + " Party") for _ in range(8)]
        self.orgs = [self._entity(ORGANIZATION, _name(rng, 2) + " Trust") for _ in range(max(4, size // 40))]
        self.places = [self._entity(PLACE, _name(rng, 1)) for _ in range(max(3, size // 80))]
        self.events = []
        for place in self.places:
            eid = self._entity(EVENT, f"{self.entities[place].name} by-election",
                               event=EventInfo("ByElection", f"20{rng.randint(10, 24)}"), event_place=place)
            self.events.append(eid)
        self.articles = [self._article(i) for i in range(max(5, size // 7))]

    def _entity(self, kind: str, name: str, **more) -> str:
        eid = iri.entity_path(kind, iri.slugify(name))
        while eid in self.entities:
            eid += "-x"
        self.entities[eid] = Entity(id=eid, kind=kind, name=name, aliases=(name.split()[-1],), mention_count=1, **more)
        return eid

    def _article(self, n: int) -> ArticleFacts:
        rng, text, local, facts = self.rng, [], {}, {"quotes": [], "memberships": [], "outcomes": []}

        def say(sentence: str) -> Span:
            start = sum(len(t) + 1 for t in text)
            text.append(sentence)
            return Span(start, start + len(sentence), sentence)

        def key(eid: str) -> int:
            return local.setdefault(eid, len(local))

        for _ in range(rng.randint(2, 6)):
            person = self.people[_pick(rng, len(self.people))]
            org = rng.choice(self.parties) if rng.random() < 0.6 else self.orgs[_pick(rng, len(self.orgs))]
            role, role_key = rng.choice(ROLES)
            name, org_name = self.entities[person].name, self.entities[org].name
            if rng.random() < 0.7:
                span = say(f"{name}, {role} of the {org_name}, spoke today.")
                facts["memberships"].append(Membership(key(person), key(org), role, role_key, rng.random() < 0.8,
                                                       span, 0.8, "synthetic"))
            for _ in range(rng.choice((0, 1, 1, 2, 3))):
                span = say(f"“{_name(rng, 6).capitalize()} and {_name(rng, 5).lower()}.” said {name}.")
                quote = Span(span.start + 1, span.start + span.text.index("”"), span.text[1:span.text.index("”")])
                facts["quotes"].append(Quote(key(person), quote, "direct", "said", None, 0.9, "synthetic"))
        if rng.random() < 0.3:
            event = rng.choice(self.events)
            for predicate in ("winner", "candidate", "votes"):
                person = self.people[_pick(rng, len(self.people))]
                span = say(f"{self.entities[person].name} {predicate} in the {self.entities[event].name}.")
                facts["outcomes"].append(Outcome(key(event), predicate, key(person),
                                                 rng.randint(900, 30000) if predicate == "votes" else None,
                                                 span, 0.85, "synthetic"))
        body = "\n".join(text)
        aid = iri.digest(n, body)[:16]
        meta = ArticleMeta(id=aid, path=f"synthetic/{n:06d}.txt", name=f"{n:06d}.txt", sha256=aid * 4,
                           title=f"Report {n}", date=f"2024-{1 + n % 12:02d}-{1 + n % 28:02d}", length=len(body))
        entities = tuple(LocalEntity(k, self.entities[eid].kind, self.entities[eid].name, (self.entities[eid].name,),
                                     (Span(0, 1, body[:1]),)) for eid, k in local.items())
        self.assignment.update({(aid, k): eid for eid, k in local.items()})
        return ArticleFacts(meta, entities, tuple(facts["quotes"]), tuple(facts["memberships"]),
                            tuple(facts["outcomes"]), "synthetic")

    def store(self) -> Store:
        store = Store()
        resolution = Resolution(self.entities, self.assignment)
        store.bulk_extend(list(build_quads(self.articles, resolution, "synthetic")) + ontology_quads())
        return store
