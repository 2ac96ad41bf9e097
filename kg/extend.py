"""Resolution of new articles against a store's entity index (kg.index), and of removals.

A new article's local entities are resolved as kg.resolve resolves a corpus, with the store's
entities standing in for its earlier articles: a shared name or gazetteer name joins an entity
the index finds by that key; a one-word name joins the one person of the store or of the new
articles it can stand for; a new full-name person also takes in a one-word entity of the store
that can now mean only them. When a new article joins two entities of the store (it names
"Jane Roe" and "J. Roe" both as "Jane Roe"), they merge: the one named most keeps its id and
the other's articles are written again. Entity ids never change otherwise: an entity keeps the
id it was given even when new articles change its most common name.

Only the entities the new articles touch are read and rewritten, so the work follows the new
articles, not the size of the store.
"""
from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field

from . import iri
from .extract.lexicon import lexicon
from .index import Index
from .model import EVENT, ORGANIZATION, PERSON, PLACE, ArticleFacts, Entity, LocalEntity
from .resolve import _the_one_meant, _UnionFind, bare, event_key, link_keys, name_keys
from .tally import EventTally, Tally


@dataclass
class Delta:
    """What a change of articles does to the store's entities."""

    entities: dict[str, Entity] = field(default_factory=dict)   # entities touched, as they are now
    assignment: dict[tuple[str, int], str] = field(default_factory=dict)   # of the new articles
    merged: dict[str, str] = field(default_factory=dict)       # entity id -> the id it merged into
    dropped: set[str] = field(default_factory=set)              # entities no article names any more
    kinds: set[str] = field(default_factory=set)                # entities whose kind changed
    moved: set[str] = field(default_factory=set)                # earlier articles that named a merged entity


class _Nodes(_UnionFind):
    """A growing union-find over the new local entities and the store's entities they meet."""

    def __init__(self, n: int):
        super().__init__(n)
        self.eids: dict[str, int] = {}

    def of(self, eid: str) -> int:
        if eid not in self.eids:
            self.eids[eid] = self.add()
        return self.eids[eid]


class Extender:
    def __init__(self, index: Index):
        self.index = index
        self.delta = Delta()
        self._old: dict[str, Entity | None] = {}
        self._minted: set[str] = set()

    # ------------------------------------------------------------------ reading the index

    def stored(self, eid: str) -> Entity | None:
        """An entity as the index has it (before this change)."""
        if eid not in self._old:
            found = self.index.entity(eid)
            if found is None:
                self._old[eid] = None
            else:
                kind, tally, key = found
                self._old[eid] = self._render(eid, kind, tally, key)
        return self._old[eid]

    def current(self, eid: str) -> Entity | None:
        return self.delta.entities.get(eid) or (None if eid in self.delta.dropped else self.stored(eid))

    def _render(self, eid: str, kind: str, tally, key) -> Entity:
        if isinstance(tally, EventTally):
            return self._event(eid, tally, key)
        return tally.entity(eid, kind)

    def _event(self, eid: str, tally: EventTally, key: tuple) -> Entity:
        """An event entity; a by-election named after its place takes the place's name as it is now."""
        place = None
        if key[0] == "ByElection" and not key[2] and tally.places:
            found = self.current(next(iter(tally.places)))
            place = found.name if found else None
        return tally.entity(eid, place)

    # ------------------------------------------------------------------ adding

    def add(self, articles: list[ArticleFacts]) -> Delta:
        items = [(a.meta.id, e) for a in articles for e in a.entities if e.kind != EVENT]
        nodes = _Nodes(len(items))
        first: dict[str, int] = {}
        for i, (_, e) in enumerate(items):
            for key in link_keys(e):
                if key in first:
                    nodes.union(first[key], i)
                else:
                    first[key] = i
                for eid in self.index.lookup(key):
                    nodes.union(nodes.of(eid), i)
        self._partial_names(items, nodes)
        self._entities(items, nodes)
        self._events(articles)
        return self.delta

    def _partial_names(self, items, nodes: _Nodes) -> None:
        """kg.resolve._attach_partial_names, with the store's people in the pools."""
        pools: dict[str, set[int]] = defaultdict(set)   # "sur:doe" -> nodes
        local: dict[tuple[str, str], set[int]] = defaultdict(set)
        for i, (aid, e) in enumerate(items):
            for key in name_keys(e):
                pools[key].add(i)
                if key.startswith("sur:"):
                    local[(aid, key[4:])].add(i)
        looked: set[str] = set()

        def pool(key: str) -> set[int]:
            if key not in looked:
                looked.add(key)
                pools[key] |= {nodes.of(eid) for eid in self.index.lookup(key)}
            return pools[key]

        for i, (aid, e) in enumerate(items):
            if e.name.startswith("@"):
                roots = {nodes.find(r) for r in pool("handle:" + e.name[1:].lower().replace("_", ""))}
                if len(roots) == 1:
                    nodes.union(roots.pop(), i)
                continue
            words = bare(e.name).split()
            if len(words) != 1 or lexicon().org(e.name) is not None:
                continue
            if e.kind == PLACE and dict(e.kind_votes).get(PERSON, 0) <= 0 or e.kind not in (PERSON, ORGANIZATION, PLACE):
                continue
            word = words[0]
            choices = (local.get((aid, word), set()),) if e.kind != PERSON else (pool("sur:" + word), pool("first:" + word))
            self._join(i, e.gender, e.kind == PERSON, choices, items, nodes)
        # One-word people of the store that a new full name can now stand for.
        words = {k.split(":", 1)[1] for k in list(pools) if k.startswith(("sur:", "first:"))}
        for word in sorted(words):
            for eid in self.index.lookup("single:" + word):
                old = self.stored(eid)
                if old is not None and old.kind == PERSON:
                    self._join(nodes.of(eid), old.gender, True, (pool("sur:" + word), pool("first:" + word)),
                               items, nodes)

    def _join(self, i: int, gender: str | None, person: bool, choices, items, nodes: _Nodes) -> None:
        for choice in choices:
            roots = {nodes.find(r) for r in choice}
            if len(roots) > 1 and person:
                roots = _the_one_meant(roots, _Gender(gender), self._stats(roots, items, nodes))
            if len(roots) == 1:
                nodes.union(roots.pop(), i)
                return
            if roots:
                return   # several people could be meant: keep it apart

    def _stats(self, roots: set[int], items, nodes: _Nodes):
        """Mentions and genders of each root, from its new members and the store's entities in it."""
        lex = lexicon()
        mentions: dict[int, int] = defaultdict(int)
        genders: dict[int, set[str]] = defaultdict(set)
        for j, (_, e) in enumerate(items):
            r = nodes.find(j)
            if r in roots and e.kind == PERSON:
                mentions[r] += len(e.mentions)
                full = [f.split()[0] for f in e.forms if len(f.split()) >= 2]
                sex = e.gender or next((lex.first_names[w] for w in full if lex.first_names.get(w)), None)
                if sex:
                    genders[r].add(sex)
        for eid, j in nodes.eids.items():
            r = nodes.find(j)
            old = self.stored(eid)
            if r in roots and old is not None:
                mentions[r] += old.mention_count
                if old.gender:
                    genders[r].add(old.gender)
        return mentions, genders

    def _entities(self, items, nodes: _Nodes) -> None:
        groups: dict[int, tuple[list[int], list[str]]] = defaultdict(lambda: ([], []))
        for i in range(len(items)):
            groups[nodes.find(i)][0].append(i)
        for eid, j in sorted(nodes.eids.items()):
            groups[nodes.find(j)][1].append(eid)
        for ix, eids in groups.values():
            eids = [e for e in eids if self.stored(e) is not None]
            if not ix and len(eids) < 2:
                continue
            tally = Tally()
            for i in ix:
                tally.add(Tally.of(items[i][1]))
            if eids:
                winner = max(eids, key=lambda e: (self.stored(e).mention_count, e))
                for eid in sorted(eids, key=lambda e: e != winner):
                    tally.add(self.index.entity(eid)[1])
                    if eid != winner:
                        self._merge(eid, winner)
            else:
                kind = tally.kind()
                winner = self._new_id(kind, tally.canonical(kind))
            self._put(winner, tally)
            for i in ix:
                aid, e = items[i]
                self.delta.assignment[(aid, e.key)] = winner
                self.index.add_member(aid, e.key, winner, Tally.of(e), link_keys(e) + name_keys(e))

    def _merge(self, loser: str, winner: str) -> None:
        events = self.index.events_at(loser)
        self.delta.moved |= set(self.index.members_of(loser))
        for event in events:
            self.delta.moved |= set(self.index.members_of(event))
        self.index.rename(loser, winner)
        self.delta.merged[loser] = winner
        for old in [o for o, w in self.delta.merged.items() if w == loser]:
            self.delta.merged[old] = winner
        self.delta.entities.pop(loser, None)
        for event in events:   # its by-elections are now the winner's: merged with the winner's own, if any
            kind, tally, key = self.index.entity(event)
            key = tuple(winner if k == loser else k for k in key)
            same = self.index.event_by_key(key)
            if same is not None and same != event:
                tally.add(self.index.entity(same)[1])
                self.index.rename(event, same)
                self.delta.merged[event] = same
                self.delta.entities.pop(event, None)
                event = same
            self._put_event(event, tally, key)

    def _new_id(self, kind: str, name: str) -> str:
        base = iri.entity_path(kind, iri.slugify(name))
        eid, n = base, 2
        while self.index.has(eid) or eid in self._minted:
            eid, n = f"{base}-{n}", n + 1
        self._minted.add(eid)
        return eid

    def _put(self, eid: str, tally: Tally) -> None:
        old = self.stored(eid)
        kind = tally.kind()
        if old is not None and old.kind != kind:
            self.delta.kinds.add(eid)
        self.index.put_entity(eid, kind, tally)
        entity = tally.entity(eid, kind)
        self.delta.entities[eid] = entity
        word = single_word(entity)
        if word:
            self.index.set_key("single:" + word, eid, True)
        elif old is not None and single_word(old):
            self.index.set_key("single:" + single_word(old), eid, False)
        if old is not None and old.name != entity.name:   # by-elections named after it are renamed
            for event in self.index.events_at(eid):
                if event not in self.delta.entities:
                    kind, tally, key = self.index.entity(event)
                    self._put_event(event, tally, key)

    def _put_event(self, eid: str, tally: EventTally, key: tuple) -> None:
        self.index.put_entity(eid, EVENT, tally, key, next(iter(tally.places), None))
        self.delta.entities[eid] = self._event(eid, tally, key)

    def _events(self, articles: list[ArticleFacts]) -> None:
        assign = self.delta.assignment
        found: list[tuple[str, LocalEntity, str | None, tuple]] = []
        new_keys: dict[tuple, str] = {}
        for a in articles:
            for e in a.entities:
                if e.kind != EVENT or e.event is None:
                    continue
                place = assign.get((a.meta.id, e.event.place)) if e.event.place is not None else None
                key = event_key(e, place)
                eid = new_keys.get(key) or self.index.event_by_key(key)
                if eid is None:
                    name = e.name
                    if key[0] == "ByElection" and place and not key[2]:
                        name = f"{self.current(place).name} {'special election' if e.event.kind == 'special' else 'by-election'}"
                    eid = self._new_id(EVENT, name)
                new_keys[key] = eid
                assign[(a.meta.id, e.key)] = eid
                found.append((a.meta.id, e, place, key))
        tallies: dict[str, tuple[EventTally, tuple]] = {}
        for aid, e, place, key in found:
            eid = assign[(aid, e.key)]
            if eid not in tallies:
                stored = self.index.entity(eid)
                tallies[eid] = (stored[1] if stored else EventTally(), key)
            parent = assign.get((aid, e.event.part_of)) if e.event.part_of is not None else None
            share = EventTally.of(key[0], e, place, parent)
            tallies[eid][0].add(share)
            self.index.add_member(aid, e.key, eid, share, [])
        for eid, (tally, key) in tallies.items():
            self._put_event(eid, tally, key)

    # ------------------------------------------------------------------ removing

    def remove(self, article_ids: list[str]) -> Delta:
        """Take articles out of the index; their entities lose their shares, and go when none is left."""
        changed: dict[str, object] = {}
        for aid in article_ids:
            for _, eid, share, keys in self.index.remove_article(aid):
                if eid not in changed:
                    stored = self.index.entity(eid)
                    if stored is None:
                        continue
                    changed[eid] = stored
                    self.stored(eid)   # the entity as it was, to see what changes
                kind, tally, key = changed[eid]
                share_tally = EventTally.from_json(json.loads(share)) if key is not None else Tally.from_json(json.loads(share))
                tally.add(share_tally, -1)
                self.index.count_keys(keys, eid, -1)
        for eid, (kind, tally, key) in changed.items():
            if tally.members <= 0:
                self.index.drop_entity(eid)
                self.delta.dropped.add(eid)
                self.delta.entities.pop(eid, None)
            elif key is not None:
                self._put_event(eid, tally, key)
            else:
                self._put(eid, tally)
        return self.delta


def single_word(entity: Entity) -> str | None:
    """The one word a person is known by, when no article gives them a fuller name."""
    if entity.kind != PERSON or any(len(bare(f).split()) >= 2 for f in (entity.name, *entity.aliases)):
        return None
    words = bare(entity.name).split()
    return words[0] if len(words) == 1 else None


class _Gender:
    """The one thing kg.resolve._the_one_meant reads of the entity it places."""

    def __init__(self, gender: str | None):
        self.gender = gender
