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
from dataclasses import replace

from . import iri
from .extract.lexicon import lexicon, plain
from .ingest.text import visible
from .model import TIE_ORDER, EVENT, ORGANIZATION, PARTY, PERSON, PLACE, ArticleFacts, Entity, EventInfo, LocalEntity, Resolution


class _UnionFind:
    def __init__(self, n: int):
        self.parent = list(range(n))

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
    lex = lexicon()
    items: list[tuple[str, LocalEntity]] = [(a.meta.id, e) for a in articles for e in a.entities if e.kind != EVENT]
    uf = _UnionFind(len(items))
    first_with_key: dict[str, int] = {}

    def link(key: str, i: int) -> None:
        if key in first_with_key:
            uf.union(first_with_key[key], i)
        else:
            first_with_key[key] = i

    for i, (_, e) in enumerate(items):
        entry = lex.org(e.name)
        if entry is not None and entry.name == e.name:
            link("org:" + entry.name, i)
            if entry.kind == PARTY:
                continue   # "Labour" in UK and in New Zealand news: two parties, each known by its own name
        for form in (e.name, *e.forms):
            b = bare(form)
            if b and not (e.kind == PERSON and len(b.split()) < 2):   # one-word person names: see below
                link("name:" + b, i)
    _attach_partial_names(items, uf)
    return _build(items, uf, articles)


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


def _known(members: list[LocalEntity]):
    """The gazetteer entry one of the members is named exactly by, if any."""
    lex = lexicon()
    for e in members:
        entry = lex.org(e.name)
        if entry is not None and entry.name == e.name:
            return entry
    return None


def _kind(members: list[LocalEntity]) -> str:
    entry = _known(members)
    if entry is not None:
        return entry.kind
    votes: Counter = Counter()
    for e in members:
        for k, v in e.kind_votes:
            votes[k] += v
        if not e.kind_votes:
            votes[e.kind] += 1
    # A local decision that used context (a party, a compound place) counts as well.
    for e in members:
        votes[e.kind] += 0.5
    if not votes:
        return ORGANIZATION
    return max(votes, key=lambda k: (votes[k], -TIE_ORDER.index(k) if k in TIE_ORDER else -99))


def _canonical(members: list[LocalEntity], kind: str) -> str:
    entry = _known(members)
    if entry is not None:
        return entry.name
    forms: Counter = Counter()
    for e in members:
        forms[e.name] += len(e.mentions)
    if kind == PERSON:
        full = [f for f in forms if len(bare(f).split()) >= 2]
        if full:
            best = max(full, key=lambda f: (forms[f], len(f.split()) <= 3, -len(f), f))
            return _strip_honorific(best)
    return max(forms, key=lambda f: (forms[f], len(f), f))


def _strip_honorific(name: str) -> str:
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
    # Deterministic order: by the first article and position that names each cluster.
    order = sorted(clusters.values(), key=lambda ix: (items[ix[0]][0], items[ix[0]][1].key))
    for ix in order:
        members = [items[i][1] for i in ix]
        kind = _kind(members)
        name = _canonical(members, kind)
        eid = _unique(iri.entity_path(kind, iri.slugify(name)), taken)
        aliases = sorted({f for e in members for f in e.forms if f != name}, key=lambda f: (f.lower(), f))
        genders = Counter(e.gender for e in members if e.gender)
        entities[eid] = Entity(id=eid, kind=kind, name=name, aliases=tuple(aliases),
                               gender=genders.most_common(1)[0][0] if kind == PERSON and genders else None,
                               mention_count=sum(len(e.mentions) for e in members))
        for i in ix:
            assignment[(items[i][0], items[i][1].key)] = eid
    _resolve_events(articles, entities, assignment, taken)
    return Resolution(entities=entities, assignment=assignment)


def _unique(eid: str, taken: set[str]) -> str:
    base, n = eid, 2
    while eid in taken:
        eid, n = f"{base}-{n}", n + 1
    taken.add(eid)
    return eid


def _resolve_events(articles, entities, assignment, taken) -> None:
    """Events merge by what they are: a by-election by its place (a council's by its council too),
    an election by its year, kind and place, a referendum by its year and name, anything else by
    its type and name. The contest of a seat in a general election keeps its link to it."""
    groups: dict[tuple, list[tuple[str, LocalEntity, str | None]]] = defaultdict(list)
    for a in articles:
        for e in a.entities:
            if e.kind != EVENT or e.event is None:
                continue
            info = e.event
            place = assignment.get((a.meta.id, info.place)) if info.place is not None else None
            if info.type == "ByElection" and place:
                key = ("ByElection", place, bare(e.name) if info.kind == "council" else "")
            elif info.type == "Election" and (info.date or place or info.kind == "general"):
                previous = "previous" if bare(e.name).startswith("previous") else ""
                key = ("Election", (info.date or "")[:4] or previous, info.kind or "", place or "",
                       "" if place or info.kind == "general" else bare(e.name))
            elif info.type == "Referendum" and info.date:
                key = (info.type, info.date[:4], bare(e.name))
            else:
                key = (info.type, bare(e.name))
            groups[key].append((a.meta.id, e, place))
    parents = []
    for key, members in sorted(groups.items(), key=lambda kv: (kv[1][0][0], kv[1][0][1].key)):
        place = next((p for _, _, p in members if p), None)
        kinds = [e.event.kind for _, e, _ in members if e.event.kind]
        if key[0] == "ByElection" and place and not key[2]:
            name = f"{entities[place].name} {'special election' if 'special' in kinds else 'by-election'}"
        else:
            name = Counter(e.name for _, e, _ in members).most_common(1)[0][0]
        dates = [e.event.date for _, e, _ in members if e.event.date]
        date = max(dates, key=lambda d: (len(d), dates.count(d))) if dates else None
        eid = _unique(iri.entity_path(EVENT, iri.slugify(name)), taken)
        aliases = sorted({m.text.strip() for _, e, _ in members for m in e.mentions
                          if m.text.strip() and m.text.strip() != name and len(m.text) < 80})
        entities[eid] = Entity(id=eid, kind=EVENT, name=name, aliases=tuple(aliases),
                               mention_count=sum(len(e.mentions) for _, e, _ in members),
                               event=EventInfo(type=key[0], date=date, kind=kinds[0] if kinds else None),
                               event_place=place)
        for aid, e, _ in members:
            assignment[(aid, e.key)] = eid
            if e.event.part_of is not None:
                parents.append((eid, aid, e.event.part_of))
    for eid, aid, part_of in parents:
        parent = assignment.get((aid, part_of))
        if parent is not None and parent != eid and entities[eid].event_part_of is None:
            entities[eid] = replace(entities[eid], event_part_of=parent)
