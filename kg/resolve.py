"""Entity resolution across articles: local entities -> one Entity per real thing.

Local entities merge when they share a full name (honorifics aside), a
gazetteer organisation, or an organisation/place name. A one-word name
("Doe", "Jane") joins the one full-name person it can be the surname or
first name of; when several people share it, it stays apart rather than be
guessed. The kind of a merged entity is voted across all its mentions, which
fixes the small model's per-article typing errors. Events merge by type and
place (by-elections), year (elections) or name. Ids come from canonical names
and are deterministic.
"""
from __future__ import annotations

from collections import Counter, defaultdict

from . import iri
from .extract.lexicon import lexicon, plain
from .ingest.text import visible
from .model import EVENT, ORGANIZATION, PARTY, PERSON, PLACE, ArticleFacts, Entity, LocalEntity, Resolution
from .tally import EventTally, Tally


class _UnionFind:
    def __init__(self, n: int):
        self.parent = list(range(n))

    def add(self) -> int:
        """A new element of its own set; returns its index."""
        self.parent.append(len(self.parent))
        return len(self.parent) - 1

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def bare(name: str) -> str:
    """A name folded, without honorifics, leading "the", a possessive or invisible characters."""
    lex = lexicon()
    words = [w for w in plain(visible(name)).replace("'s", "").replace("&", " and ").split() if not lex.honorific(w)]
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def resolve(articles: list[ArticleFacts]) -> Resolution:
    items: list[tuple[str, LocalEntity]] = [(a.meta.id, e) for a in articles for e in a.entities if e.kind != EVENT]
    uf = _UnionFind(len(items))
    first_with_key: dict[str, int] = {}

    def link(key: str, i: int) -> None:
        if key in first_with_key:
            uf.union(first_with_key[key], i)
        else:
            first_with_key[key] = i

    for i, (_, e) in enumerate(items):
        for key in link_keys(e):
            link(key, i)
    _attach_partial_names(items, uf)
    return _build(items, uf, articles)


def link_keys(e: LocalEntity) -> list[str]:
    """The keys that merge local entities: a gazetteer name ("org:"), and every name it is written
    with ("name:"), one-word person names aside (see _attach_partial_names)."""
    keys = []
    entry = lexicon().org(e.name)
    if entry is not None and entry.name == e.name:
        keys.append("org:" + entry.name)
        if entry.kind == PARTY:
            return keys   # "Labour" in UK and in New Zealand news: two parties, each known by its own name
    for form in (e.name, *e.forms):
        b = bare(form)
        if b and not (e.kind == PERSON and len(b.split()) < 2):
            keys.append("name:" + b)
    return list(dict.fromkeys(keys))


def name_keys(e: LocalEntity) -> list[str]:
    """What one-word names find a person by: the surname ("sur:"), given name ("first:") and the
    handle spelled by each full name ("handle:")."""
    keys = []
    if e.kind == PERSON:
        for form in e.forms:
            words = bare(form).split()
            if len(words) >= 2:
                keys += ["sur:" + words[-1], "first:" + words[0]]
                if not form.startswith("@"):
                    keys.append("handle:" + "".join(words).replace("-", ""))
    return list(dict.fromkeys(keys))


def _attach_partial_names(items, uf: _UnionFind) -> None:
    """One-word names join the single full-name person they can stand for."""
    surnames, firsts = defaultdict(set), defaultdict(set)
    local_surnames: dict[tuple[str, str], set[int]] = defaultdict(set)   # (article, surname) -> people
    for i, (aid, e) in enumerate(items):
        if e.kind == PERSON:
            for form in e.forms:
                words = bare(form).split()
                if len(words) >= 2:
                    surnames[words[-1]].add(uf.find(i))
                    firsts[words[0]].add(uf.find(i))
                    local_surnames[(aid, words[-1])].add(uf.find(i))
    handles = defaultdict(set)
    for i, (_, e) in enumerate(items):
        if e.kind == PERSON:
            for form in e.forms:
                if not form.startswith("@") and len(bare(form).split()) >= 2:
                    handles[bare(form).replace(" ", "").replace("-", "")].add(uf.find(i))
    stats = None   # each full-name person's mentions and genders, made when first needed
    for i, (aid, e) in enumerate(items):
        if e.name.startswith("@"):   # "@AlanGrey": the one person whose name it spells
            roots = {uf.find(r) for r in handles.get(e.name[1:].lower().replace("_", ""), set())}
            if len(roots) == 1:
                uf.union(roots.pop(), i)
            continue
        words = bare(e.name).split()
        if len(words) != 1 or lexicon().org(e.name) is not None:
            continue
        votes = dict(e.kind_votes)
        if e.kind == PLACE and votes.get(PERSON, 0) <= 0:
            continue
        if e.kind not in (PERSON, ORGANIZATION, PLACE):
            continue
        word = words[0]
        if e.kind != PERSON:   # a place or organisation the NER half took for a surname: only beside its person
            pools = (local_surnames.get((aid, word), set()),)
        else:
            pools = (surnames.get(word, set()), firsts.get(word, set()))
        for pool in pools:
            roots = {uf.find(r) for r in pool}
            if len(roots) > 1 and e.kind == PERSON:
                stats = stats or _people_stats(items, uf)
                roots = _the_one_meant(roots, e, stats)
            if len(roots) == 1:
                root = roots.pop()
                uf.union(root, i)
                if stats is not None:   # the person's counts follow it to its new root
                    mentions, genders = stats
                    new = uf.find(i)
                    for old in {root, i} - {new}:
                        mentions[new] += mentions.pop(old, 0)
                        genders[new] |= genders.pop(old, set())
                break
            if roots:
                break   # several people could be meant: keep it apart


def _people_stats(items, uf: _UnionFind) -> tuple[Counter, dict[int, set[str]]]:
    """For each person (a union-find root): how often the corpus names them, and the genders its
    articles or its given name give them."""
    lex = lexicon()
    mentions: Counter = Counter()
    genders: dict[int, set[str]] = defaultdict(set)
    for j, (_, other) in enumerate(items):
        if other.kind != PERSON:
            continue
        r = uf.find(j)
        mentions[r] += len(other.mentions)
        full = [f.split()[0] for f in other.forms if len(f.split()) >= 2]
        sex = other.gender or next((lex.first_names[w] for w in full if lex.first_names.get(w)), None)
        if sex:
            genders[r].add(sex)
    return mentions, genders


def _the_one_meant(roots: set[int], e: LocalEntity, stats) -> set[int]:
    """Of several people a surname can stand for, the one it means: the only one of the gender the
    article gives it ("Obama ... his"), or one named far more often than the others across the corpus
    (ten times the next), of a gender that fits; else all of them (it stays apart)."""
    mentions, genders = stats
    if e.gender:
        fitting = {r for r in roots if genders[r] == {e.gender}}
        if len(fitting) == 1 and all(genders[r] for r in roots):
            return fitting
    ranked = sorted(roots, key=lambda r: -mentions[r])
    top, second = ranked[0], mentions[ranked[1]]
    if mentions[top] >= 10 * max(second, 1) and (not e.gender or genders[top] in (set(), {e.gender})):
        return {top}
    return roots


def strip_honorific(name: str) -> str:
    words = name.split()
    while len(words) > 2 and lexicon().honorific(words[0]):
        words = words[1:]
    return " ".join(words)


def _build(items, uf: _UnionFind, articles: list[ArticleFacts]) -> Resolution:
    clusters: dict[int, list[int]] = defaultdict(list)
    for i in range(len(items)):
        clusters[uf.find(i)].append(i)
    entities: dict[str, Entity] = {}
    assignment: dict[tuple[str, int], str] = {}
    taken: set[str] = set()
    tallies: dict[str, Tally] = {}
    # Deterministic order: by the first article and position that names each cluster.
    order = sorted(clusters.values(), key=lambda ix: (items[ix[0]][0], items[ix[0]][1].key))
    for ix in order:
        tally = Tally()
        for i in ix:
            tally.add(Tally.of(items[i][1]))
        kind = tally.kind()
        eid = _unique(iri.entity_path(kind, iri.slugify(tally.canonical(kind))), taken)
        entities[eid] = tally.entity(eid, kind)
        tallies[eid] = tally
        for i in ix:
            assignment[(items[i][0], items[i][1].key)] = eid
    events = _resolve_events(articles, entities, assignment, taken)
    return Resolution(entities=entities, assignment=assignment, tallies={**tallies, **events})


def _unique(eid: str, taken: set[str]) -> str:
    base, n = eid, 2
    while eid in taken:
        eid, n = f"{base}-{n}", n + 1
    taken.add(eid)
    return eid


def event_key(e: LocalEntity, place: str | None) -> tuple:
    """What an event is merged by: a by-election by its place (a council's by its council too), an
    election by its year, kind and place, a referendum by its year and name, anything else by its
    type and name. ``place``: the entity id of its place."""
    info = e.event
    if info.type == "ByElection" and place:
        return ("ByElection", place, bare(e.name) if info.kind == "council" else "")
    if info.type == "Election" and (info.date or place or info.kind == "general"):
        previous = "previous" if bare(e.name).startswith("previous") else ""
        return ("Election", (info.date or "")[:4] or previous, info.kind or "", place or "",
                "" if place or info.kind == "general" else bare(e.name))
    if info.type == "Referendum" and info.date:
        return (info.type, info.date[:4], bare(e.name))
    return (info.type, bare(e.name))


def named_after(key: tuple, tally: EventTally, entities) -> str | None:
    """The name of the place a by-election entity is named after (None: it is named as written)."""
    if key[0] == "ByElection" and not key[2]:
        place = next(iter(tally.places), None)
        if place is not None and place in entities:
            return entities[place].name
    return None


def _resolve_events(articles, entities, assignment, taken) -> dict[str, EventTally]:
    """Events merged by event_key; the contest of a seat in a general election keeps its link to it."""
    groups: dict[tuple, list[tuple[str, LocalEntity, str | None]]] = defaultdict(list)
    for a in articles:
        for e in a.entities:
            if e.kind != EVENT or e.event is None:
                continue
            place = assignment.get((a.meta.id, e.event.place)) if e.event.place is not None else None
            groups[event_key(e, place)].append((a.meta.id, e, place))
    ordered = sorted(groups.items(), key=lambda kv: (kv[1][0][0], kv[1][0][1].key))
    ids = {}
    for key, members in ordered:
        place = next((p for _, _, p in members if p), None)
        kinds = [e.event.kind for _, e, _ in members if e.event.kind]
        if key[0] == "ByElection" and place and not key[2]:
            name = f"{entities[place].name} {'special election' if 'special' in kinds else 'by-election'}"
        else:
            name = Counter(e.name for _, e, _ in members).most_common(1)[0][0]
        ids[key] = eid = _unique(iri.entity_path(EVENT, iri.slugify(name)), taken)
        for aid, e, _ in members:
            assignment[(aid, e.key)] = eid
    tallies = {}
    for key, members in ordered:
        eid, tally = ids[key], EventTally()
        for aid, e, place in members:
            tally.add(EventTally.of(key[0], e, place, assignment.get((aid, e.event.part_of))
                                    if e.event.part_of is not None else None))
        entities[eid] = tally.entity(eid, named_after(key, tally, entities))
        tallies[eid] = tally
    return tallies
