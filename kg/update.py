"""Adding articles to a store, and removing them, at the cost of what changes.

The store's entity index (kg.index) tells which entities the new articles meet (kg.extend). The
new set of outputs starts from a copy of the current store that shares its files (Oxigraph's
backup makes hard links), into which go the new articles' graphs, the entities they touch, and
the few earlier articles that must be written again: those naming an entity merged into another,
an entity whose kind changed, or a person a new article reports dead or out of a role they
hold there. Those earlier articles come from the extraction cache.

The RDF files, facts.json and the view show the whole graph, so writing them costs what the
store holds: they are written again from the new store while it holds at most FILES_LIMIT
articles, and beyond that only on request (``kg export DIR --format files``).
"""
from __future__ import annotations

import time
from collections.abc import Mapping
from pathlib import Path

from pyoxigraph import NamedNode, Store

from . import iri
from .cache import Cache
from .export.outputs import current as current_set
from .export.outputs import new_set, publish
from .extend import Extender, single_word
from .graph import GraphBuilder
from .incremental import meta_key
from .index import Index
from .model import EVENT, PERSON, ArticleFacts, Resolution
from .reconcile import contradictions_of, figure_rows, flags, former_roles
from .resolve import event_key, link_keys, name_keys
from .tally import EventTally, Tally

FILES_LIMIT = 250   # articles up to which an incremental build writes every file again


class _Entities(Mapping):
    """The entities as they are after the change: touched ones from the delta, others from the index."""

    def __init__(self, ext: Extender):
        self.ext = ext

    def __getitem__(self, eid):
        found = self.ext.current(eid)
        if found is None:
            raise KeyError(eid)
        return found

    def get(self, eid, default=None):
        return self.ext.current(eid) if eid is not None else default

    def __iter__(self):
        return iter(self.ext.delta.entities)

    def __len__(self):
        return len(self.ext.delta.entities)


def ident(facts: ArticleFacts) -> str:
    kind, value = meta_key(facts.meta)
    return f"{kind}:{value}"


def plan(index: Index, facts: list[ArticleFacts]) -> tuple[list[ArticleFacts], list[str], int]:
    """(the articles the store lacks, the ids of the stored articles they replace, how many it has already)."""
    new, replaced, held = [], [], 0
    for f in facts:
        if index.articles_by("sha256", [f.meta.sha256]):
            held += 1
            continue
        new.append(f)
        replaced += [row[0] for row in index.articles_by("ident", [ident(f)])]
    return new, sorted(set(replaced)), held


def record_articles(index: Index, facts: list[ArticleFacts], res: Resolution) -> None:
    """What the index keeps of each article beside its entities: identity, flags, roles and figures."""
    dead, former = flags(facts, res)
    for a in facts:
        aid = a.meta.id
        index.add_article(aid, a.meta.sha256, a.meta.name, ident(a))
        index.add_flags(aid, [("dead", res.id(aid, o.subject), None, None) for o in a.outcomes
                              if o.predicate == "victim" and res.id(aid, o.subject)]
                        + [("former", res.id(aid, m.person), m.role_key, res.id(aid, m.organization))
                           for m in a.memberships if not m.current and m.organization is not None])
        index.add_roles(aid, [(res.id(aid, m.person), m.role_key, res.id(aid, m.organization))
                              for m in a.memberships if m.current and res.id(aid, m.person)])
        index.add_figures(aid, [r[1:] for r in figure_rows([a], res)])


def record_all(index: Index, facts: list[ArticleFacts], res: Resolution) -> None:
    """The index of a whole resolution (a full build): every member with its share and keys, every
    entity with its tally, and what record_articles keeps."""
    event_keys = {}
    for a in facts:
        aid = a.meta.id
        for e in a.entities:
            eid = res.assignment.get((aid, e.key))
            if eid is None:
                continue
            if e.kind == EVENT and e.event is not None:
                place = res.id(aid, e.event.place)
                key = event_keys.setdefault(eid, event_key(e, place))
                index.add_member(aid, e.key, eid, EventTally.of(key[0], e, place, res.id(aid, e.event.part_of)), [])
            else:
                index.add_member(aid, e.key, eid, Tally.of(e), link_keys(e) + name_keys(e))
    for eid, entity in res.entities.items():
        tally = res.tallies[eid]
        if entity.kind == EVENT:
            index.put_entity(eid, EVENT, tally, event_keys[eid], entity.event_place)
        else:
            index.put_entity(eid, entity.kind, tally)
            word = single_word(entity)
            if word:
                index.set_key("single:" + word, eid, True)
    record_articles(index, facts, res)


def stored_flags(index: Index, people) -> tuple[set, set]:
    dead, former = set(), set()
    for kind, person, role, org in index.flags_of(people):
        if kind == "dead":
            dead.add(person)
        else:
            former.add((person, role, org))
    return dead, former


def people_of(facts: list[ArticleFacts], res: Resolution) -> set[str]:
    return {res.id(a.meta.id, m.person) for a in facts for m in a.memberships} - {None}


class Update:
    """One change to a store: articles added (replacing any with the same URL or name) or removed."""

    def __init__(self, out: Path, index: Index, cache: Cache, model: str):
        self.out, self.index, self.cache, self.model = Path(out), index, cache, model
        self.ext = Extender(index)
        self.res = Resolution(entities=_Entities(self.ext), assignment={})
        self.notes: list[str] = []
        self.contradictions: list[str] = []
        self.removed: list[str] = []      # article ids taken out
        self.added: list[ArticleFacts] = []
        self.rewritten: list[ArticleFacts] = []
        self.again: set[str] = set()       # earlier articles to write again

    def remove(self, article_ids: list[str]) -> None:
        self.removed += article_ids
        self.ext.remove(article_ids)

    def add(self, facts: list[ArticleFacts]) -> None:
        delta = self.ext.add(facts)
        self.res.assignment.update(delta.assignment)
        dead, former = flags(facts, self.res)
        old_dead, old_former = stored_flags(self.index, people_of(facts, self.res) | dead)
        self.added = [former_roles(a, self.res, dead | old_dead, former | old_former) for a in facts]
        record_articles(self.index, facts, self.res)
        # Earlier articles whose graphs change: a current role there that a new article ends.
        again = {aid for aid, person, role, org in self.index.roles_of(set(dead) | {f[0] for f in former})
                 if person in dead or (person, role, org) in former}
        events = {self.res.id(a.meta.id, o.event) for a in facts for o in a.outcomes} - {None}
        rows = list(self.index.figures_of(events))
        self.contradictions = [str(c) for c in contradictions_of(rows, self.res.entities.get)]
        self.again |= again

    def finish(self) -> None:
        """Which earlier articles are written again, read back from the cache."""
        delta = self.ext.delta
        again = self.again | delta.moved
        for eid in delta.kinds:
            again |= set(self.index.members_of(eid))
        again -= {f.meta.id for f in self.added} | set(self.removed)
        for aid, sha, name, _ in self.index.articles_by("id", sorted(again)):
            found = self.cache.read(sha)
            if found is None:
                self.notes.append(f"{name}: its cached facts are gone; its graph keeps the entity ids it had")
                continue
            facts = found[0]
            assignment = {(aid, k): e for k, e in self.index.assignment(aid).items()}
            res = Resolution(entities=self.res.entities, assignment=assignment)
            dead, former = stored_flags(self.index, people_of([facts], res))
            self.rewritten.append(former_roles(facts, res, dead, former))
            self.res.assignment.update(assignment)

    # ------------------------------------------------------------------ the store

    def write(self, store: Store) -> int:
        """Apply the change to ``store`` (a copy of the current one); returns how many quads it gained."""
        delta = self.ext.delta
        builder = GraphBuilder(self.res, self.model)
        gained = 0
        g = NamedNode(iri.ENTITIES_GRAPH)
        for aid in self.removed + [f.meta.id for f in self.rewritten]:
            gained -= self._drop(store, NamedNode(iri.graph(aid)))
        for eid in set(delta.entities) | delta.dropped | set(delta.merged):
            subject = NamedNode(iri.entity(eid))
            quads = list(store.quads_for_pattern(subject, None, None, g))
            for q in quads:
                store.remove(q)
            gained -= len(quads)
        only = [delta.entities[e] for e in sorted(delta.entities)]
        new = [q for q in builder.entity_quads(only=only) if q not in store]
        for facts in self.added + self.rewritten:
            new += dict.fromkeys(builder.article_quads(facts))
        store.extend(new)
        return gained + len(new)

    @staticmethod
    def _drop(store: Store, graph: NamedNode) -> int:
        n = sum(1 for _ in store.quads_for_pattern(None, None, None, graph))
        store.remove_graph(graph) if store.contains_named_graph(graph) else None
        return n

    def counts(self) -> dict[str, int]:
        db = self.index.db
        kinds = dict(db.execute("SELECT kind, count(*) FROM entities GROUP BY kind").fetchall())
        return {"entities": sum(kinds.values()), "people": kinds.get(PERSON, 0), "events": kinds.get(EVENT, 0),
                "stored": self.index.article_count()}


def fact_counts(data: dict) -> dict[str, int]:
    """The build summary's counts, from facts.json's data."""
    return {"entities": len(data["entities"]), "people": sum(1 for e in data["entities"] if e["type"] == "Person"),
            "quotes": len(data["quotes"]), "memberships": len(data["memberships"]), "events": len(data["events"]),
            "outcomes": sum(len(e["outcomes"]) for e in data["events"])}


def apply(out: Path, update: Update, report, formats: list[str], view: bool, made_with: str,
          files_limit: int = FILES_LIMIT) -> None:
    """Write the change into a new set of outputs and publish it (kg.export.outputs)."""
    from .export.formats import export
    from .export.files import write_files
    old = current_set(out)
    with new_set(out) as folder:
        started = time.perf_counter()
        if old is not None and (old / "store").is_dir():
            Store(str(old / "store")).backup(str(folder / "store"))
        store = Store(str(folder / "store"))
        gained = update.write(store)
        quads = int(update.index.meta("quads") or 0) + gained
        update.index.set_meta("quads", str(quads))
        store.flush()
        report.timings["graph files and store"] += time.perf_counter() - started
        written = [folder / "store"]
        stored = update.index.article_count()
        if stored <= files_limit:
            with _stage(report, "files"):
                paths, data = write_files(store, folder, view=view)
            written = paths + written
            report.counts.update(fact_counts(data))
        else:
            report.notes.append(f"the store holds {stored} articles (more than {files_limit}): graph.nq, graph.trig, "
                                f"graph.ttl, facts.json and graph.html were not written again; "
                                f"`kg export {out} --format files` writes them")
        files = [f for f in formats if f != "csv"]
        if files:
            with _stage(report, "export"):
                written += export(store, folder, files)
        del store
        update.index.commit(folder.name, iri.BASE, made_with)
        publish(out, folder)
    report.outputs += [out / p.name for p in written]
    if "csv" in formats:
        report.outputs += export(out / "store", out, ["csv"])
    for k, v in update.counts().items():
        report.counts.setdefault(k, v)
    report.counts["triples"] = quads


class _stage:
    def __init__(self, report, name):
        self.report, self.name = report, name

    def __enter__(self):
        self.started = time.perf_counter()

    def __exit__(self, *_):
        self.report.timings[self.name] += time.perf_counter() - self.started


def find_articles(index: Index, which: list[str]) -> tuple[list[str], list[str]]:
    """(ids of the stored articles named, the names that match none): an article is named by its
    URL, its file name as facts.json gives it, or its id."""
    from .ingest import url_key
    ids, unknown = [], []
    for w in which:
        key = url_key(w)
        rows = (index.articles_by("id", [w]) or index.articles_by("name", [w])
                or index.articles_by("ident", [f"name:{w}"] + ([f"url:{key}"] if key else [])))
        if rows:
            ids += [r[0] for r in rows]
        else:
            unknown.append(w)
    return sorted(set(ids)), unknown
