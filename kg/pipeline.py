"""The build: ingest -> nlp -> extract -> resolve -> graph -> export.

Articles stream through the parser one batch at a time; only their extracted
facts (small) are kept for resolution. A file that cannot be read is reported
and skipped; the outputs of a failed build are never half-written. A build into
a directory that holds a store adds to it (kg.incremental), parsing only the
articles the extraction cache (kg.cache) does not already hold.
"""
from __future__ import annotations

import gc
import resource
import time
from collections import Counter
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Iterable, Iterator

from pyoxigraph import Store

from . import iri
from . import nlp as nlp_stage
from . import parallel
from .cache import Cache
from .export.facts import QUERIES as FACTS_QUERIES
from .export.facts import write_facts
from .export.outputs import clean as clean_outputs
from .export.outputs import new_set, publish
from .export.rdf import write_graph
from .export.rows import Rows
from .export.view import write_view
from .export.view_data import QUERIES as VIEW_QUERIES
from .graph import build_graphs
from .cache import fingerprint
from .export.outputs import current as current_set
from .incremental import StoreError, build_lock, held_articles, merge, stored_base, with_cache
from .index import NAME as INDEX_NAME
from .index import Index
from .update import FILES_LIMIT, Update, apply, plan, record_all
from .ingest import Problem, discover, read_source, url_key
from .model import Article, ArticleFacts, Resolution
from .sparql import open_store
from .reconcile import reconcile
from .resolve import resolve

__all__ = ["BuildReport", "build", "example_corpus", "extract_all", "open_store", "read_articles"]

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "seeds"

Progress = Callable[[int, int, str], None]   # (done, total, what): total 0 for a stage message


@dataclass
class BuildReport:
    articles: int = 0
    duplicates: int = 0
    errors: list[str] = field(default_factory=list)    # inputs not used, one line each
    notes: list[str] = field(default_factory=list)     # inputs used with a caveat (a guessed encoding, a duplicate)
    contradictions: list[str] = field(default_factory=list)   # outcomes the articles disagree on
    counts: Counter = field(default_factory=Counter)
    # Seconds by stage (parse and extract summed over workers; "background" overlaps other stages).
    timings: Counter = field(default_factory=Counter)
    outputs: list[Path] = field(default_factory=list)
    seconds: float = 0.0
    peak_mb: int = 0            # peak resident memory of this process
    worker_peak_mb: int = 0     # and of the largest worker process, with --workers
    model: str = ""

    @property
    def ok(self) -> bool:
        return not self.errors


def example_corpus() -> Path:
    """The example corpus: the repository's examples/seeds, or the copy installed with the package."""
    if EXAMPLES.is_dir():
        return EXAMPLES
    from importlib import resources
    return Path(str(resources.files("kg.examples")))


def read_articles(paths: Iterable[str | Path], report: BuildReport, progress: Progress | None = None) -> Iterator[Article]:
    """Articles from files, directories and standard input ("-"); each article once.

    Problems go to the report (errors: inputs not used; notes: used with a caveat). An
    article with the same text, or the same URL, as an earlier one is a duplicate, built once.
    """
    sources = []
    for item in discover(list(paths)):
        if isinstance(item, Problem):
            (report.errors if item.skipped else report.notes).append(str(item))
        else:
            sources.append(item)
    first: dict[str, str] = {}   # sha256 or URL key -> the article that had it first
    total = sum(map(expected_records, sources)) if progress else 0
    done = 0
    for source in sources:
        for item in read_source(source):
            done += 1   # records read, kept or not: what the total counted
            if isinstance(item, Problem):
                (report.errors if item.skipped else report.notes).append(str(item))
                continue
            meta = item.meta
            url = url_key(meta.url)
            earlier = first.get(meta.sha256) or (first.get(url) if url else None)
            if earlier is not None:
                report.duplicates += 1
                same = "text" if meta.sha256 in first else "URL"
                report.notes.append(str(Problem(meta.path, f"same {same} as {earlier}; built once", skipped=False)))
                continue
            first[meta.sha256] = meta.path
            if url:
                first[url] = meta.path
            if progress:
                progress(min(done, total), total, meta.path)
            yield item


def expected_records(source) -> int:
    """How many articles a source will give, for progress: one per file, one per line of a JSON
    Lines file (blank lines aside, counted in one pass over its bytes), one for standard input."""
    if source.path is None or source.kind != "jsonl":
        return 1
    try:
        lines = blank = 0
        last = b"\n"
        with open(source.path, "rb") as f:
            while chunk := f.read(1 << 20):
                lines += chunk.count(b"\n")
                blank += chunk.count(b"\n\n") + chunk.count(b"\n\r\n")
                last = chunk[-1:]
        return max(1, lines - blank + (last != b"\n"))
    except OSError:
        return 1


def extract_all(articles: Iterable[Article], nlp, model_id: str, report: BuildReport, model: str | None = None,
                workers: int = 1, scheduler: str | None = None) -> Iterator[ArticleFacts]:
    """Facts of each article, in order: parsed and extracted here, in ``workers`` processes, or on a
    Dask cluster (kg.parallel). An article the extractors fail on is reported and skipped."""
    for result in parallel.run(articles, nlp, model, model_id, workers, scheduler):
        report.errors += result.errors
        report.timings["parse"] += result.parse_s
        report.timings["extract"] += result.extract_s
        yield from result.facts
        gc.freeze()   # the facts just taken are kept for the whole build: out of the collector's sight


def timed(items: Iterable, report: BuildReport, name: str) -> Iterator:
    """``items``, with the time spent producing them added to a stage of the report."""
    it = iter(items)
    while True:
        started = time.perf_counter()
        try:
            item = next(it)
        except StopIteration:
            report.timings[name] += time.perf_counter() - started
            return
        report.timings[name] += time.perf_counter() - started
        yield item


def settle() -> None:
    """Move every object alive now out of the garbage collector's sight: the facts and entities kept
    for the whole build are many, and each full collection would walk them all again."""
    gc.collect()
    gc.freeze()


@contextmanager
def stage(report: BuildReport, name: str):
    started = time.perf_counter()
    try:
        yield
    finally:
        report.timings[name] += time.perf_counter() - started


def build(paths: list[str | Path] | None = None, out: str | Path = "exports", model: str | None = None,
          progress: Progress | None = None, view: bool = True, fresh: bool = False, workers: int = 1,
          scheduler: str | None = None, min_confidence: float = 0.0, base_iri: str | None = None,
          formats: Iterable[str] = (), files_limit: int = FILES_LIMIT) -> BuildReport:
    """Build the knowledge graph of ``paths`` into ``out``; see BuildReport for what happened.

    When ``out`` already holds a store, its articles are kept (see kg.incremental) unless ``fresh``.
    Parsing and extraction run in ``workers`` processes, or on the Dask cluster at ``scheduler``.
    Quotations, memberships and outcomes with a confidence below ``min_confidence`` are left out.
    IRIs are minted under ``base_iri``, else the base the store in ``out`` was built with, else
    kg's default; the store records it for the next build. ``formats`` adds exports for other
    tools (jsonld, graphml, gexf, csv: see kg.export.formats). A build that adds to a store holding
    more than ``files_limit`` articles writes the store alone (see kg.update).
    """
    from .export.formats import parse_formats
    if not 0.0 <= min_confidence <= 1.0:
        raise ValueError(f"the minimum confidence must be between 0 and 1, not {min_confidence}")
    formats = parse_formats(formats)   # an unknown one is refused before any work
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise ValueError(f"{out}: --out must be a directory, and this is a file")
    started = time.perf_counter()
    report = BuildReport()
    _use_base(base_iri, out / "store", report, fresh)
    with stage(report, "load model"):
        nlp = nlp_stage.load(model)
    report.model = nlp_stage.model_id(nlp)
    out = Path(out)
    cache = Cache(out / "cache", report.model)
    extract = lambda articles: extract_all(articles, nlp, report.model, report, model, workers, scheduler)   # noqa: E731
    articles = timed(read_articles(paths or [example_corpus()], report, progress), report, "read")
    thresholds = gc.get_threshold()
    try:
        settle()   # the pipeline's own objects
        # Parsing and extraction make millions of short-lived objects: collecting the youngest
        # generation every 20,000 allocations instead of 700 halves the collector's time here.
        gc.set_threshold(20_000, 20, 100)
        facts = list(with_cache(articles, cache, extract, report.counts, timings=report.timings))
        settle()
        _reduce(facts, out, cache, extract, report, progress, view, fresh, min_confidence, formats, files_limit)
    finally:
        gc.unfreeze()
        gc.set_threshold(*thresholds)
    report.seconds = time.perf_counter() - started
    report.peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    report.worker_peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024
    return report


def _use_base(base_iri: str | None, store_dir: Path, report: BuildReport, fresh: bool) -> None:
    try:
        stored = stored_base(store_dir)
    except StoreError:
        if not fresh:
            raise
        stored = None   # a store that cannot be read is replaced by a fresh build
    base = iri.use_base(base_iri or stored or iri.DEFAULT_BASE)
    if stored and base != stored:
        report.notes.append(f"IRIs move from the store's base {stored} to {base}: every article is rewritten")


def confident(facts: ArticleFacts, minimum: float) -> ArticleFacts:
    """An article's facts without those whose confidence is below ``minimum``."""
    return replace(facts, quotes=tuple(q for q in facts.quotes if q.confidence >= minimum),
                   memberships=tuple(m for m in facts.memberships if m.confidence >= minimum),
                   outcomes=tuple(o for o in facts.outcomes if o.confidence >= minimum))


def _reduce(facts: list[ArticleFacts], out: Path, cache: Cache, extract, report: BuildReport,
            progress: Progress | None, view: bool, fresh: bool, min_confidence: float = 0.0,
            formats: list[str] | None = None, files_limit: int = FILES_LIMIT) -> None:
    """Resolution and everything after it: the graph, its files, the store, facts.json and the view."""
    report.articles = len(facts)
    if not facts:
        report.errors.append("no articles could be read; nothing was written")
        return
    with build_lock(out):
        clean_outputs(out)   # what a killed build left
        index = None if fresh else usable_index(out, settings(report.model, min_confidence))
        if index is not None:
            try:
                if progress:
                    progress(0, 0, "adding to the store: resolving the new articles and writing the graph")
                _grow(facts, out, index, cache, report, view, formats or [], min_confidence, files_limit)
            finally:
                index.close()
            return
        held = [] if fresh else held_articles(out / "store")
        facts, merged = merge(facts, held, cache, extract)
        report.notes += merged.stale
        if min_confidence > 0:
            facts = [confident(f, min_confidence) for f in facts]
        report.counts.update({"earlier": merged.kept + merged.reparsed, "replaced": merged.replaced,
                              "stored": len(facts)})
        if progress:
            progress(0, 0, "resolving entities and writing the graph")
        with stage(report, "resolve"):
            resolution = resolve(facts)
            raw, (facts, conflicts) = facts, reconcile(facts, resolution)
        report.contradictions = [str(c) for c in conflicts]
        settle()
        _write(facts, resolution, out, cache, report, view, formats or [],
               lambda folder, quads: _index_all(out, folder, raw, resolution, quads, settings(report.model, min_confidence)))


def settings(model: str, min_confidence: float) -> str:
    """What an index must have been made with for a build to add to it: the extractor, the model and
    the minimum confidence (anything else resolves every article again)."""
    return f"{fingerprint()}|{model}|{min_confidence:g}"


def usable_index(out: Path, made_with: str | None) -> Index | None:
    """The entity index of the published set in ``out``, if it describes it (made with ``made_with``,
    unless None); None otherwise."""
    folder = current_set(out)
    path = out / INDEX_NAME
    if folder is None or not path.is_file() or not (folder / "store").is_dir():
        return None
    index = Index(path)
    if index.describes(folder.name, iri.BASE, made_with if made_with is not None else index.meta("model")):
        return index
    index.close()
    return None


def _index_all(out: Path, folder: Path, facts, resolution: Resolution, quads: int, made_with: str) -> None:
    index = Index(out / INDEX_NAME)
    try:
        index.clear()
        record_all(index, facts, resolution)
        index.set_meta("quads", str(quads))
        index.commit(folder.name, iri.BASE, made_with)
    finally:
        index.close()


def _grow(facts: list[ArticleFacts], out: Path, index: Index, cache: Cache, report: BuildReport, view: bool,
          formats: list[str], min_confidence: float, files_limit: int) -> None:
    """Add this run's articles to the store through its index (kg.update)."""
    new, replaced, held = plan(index, facts)
    if min_confidence > 0:
        new = [confident(f, min_confidence) for f in new]
    update = Update(out, index, cache, report.model)
    gone = {row[1] for row in index.articles_by("id", replaced)}
    with stage(report, "resolve"):
        update.remove(replaced)
        update.add(new)
        update.finish()
    report.notes += update.notes
    report.contradictions = update.contradictions
    apply(out, update, report, formats, view, settings(report.model, min_confidence), files_limit)
    cache.forget(gone - {f.meta.sha256 for f in facts})
    stored = report.counts["stored"]
    report.counts.update({"earlier": stored - len(new) - held, "replaced": len(replaced), "added": len(new),
                          "kept": held})


def _write(facts: list[ArticleFacts], resolution: Resolution, out: Path, cache: Cache, report: BuildReport,
           view: bool, formats: list[str], before_publish=None) -> None:
    """The outputs, all into a new folder that replaces the current set in one step when everything
    is written (kg.export.outputs). The quads stream into the three RDF files and the new store
    (kg.export.rdf), and piece by piece into small stores in memory that answer the queries
    facts.json and the view are made from (kg.export.rows), so that no copy of the whole graph is
    kept. facts.json and the view are written while the store on disk takes its last pieces."""
    from .export.formats import export
    rows = Rows(FACTS_QUERIES, VIEW_QUERIES if view else {})
    with new_set(out) as folder:
        store = Store(str(folder / "store"))
        with ExitStack() as loading:
            with stage(report, "graph files and store"):
                written = write_graph(build_graphs(facts, resolution, report.model), folder, store, rows.add, loading)
            with stage(report, "facts.json"):
                data = write_facts(rows, folder / "facts.json")
            written.append(folder / "facts.json")
            if view:
                with stage(report, "view"):
                    write_view(rows, folder / "graph.html")
                written.append(folder / "graph.html")
            with stage(report, "graph files and store"):   # waiting for the disk store, if it is still loading
                loading.close()
        store.flush()
        written.append(folder / "store")
        files = [f for f in formats if f != "csv"]
        if files:
            with stage(report, "export"):
                written += export(store, folder, files)
        del store
        if before_publish is not None:
            with stage(report, "index"):
                before_publish(folder, rows.quads)
        publish(out, folder)
    cache.prune({f.meta.sha256 for f in facts})   # only now: a failed build keeps the entries its store needs
    report.outputs += [out / p.name for p in written]
    if "csv" in formats:   # a folder users work in: a real one beside the links, so that ".." is DIR
        with stage(report, "export"):
            report.outputs += export(out / "store", out, ["csv"])
    report.counts.update({"entities": len(data["entities"]),
                          "people": sum(1 for e in data["entities"] if e["type"] == "Person"),
                          "quotes": len(data["quotes"]), "memberships": len(data["memberships"]),
                          "events": len(data["events"]),
                          "outcomes": sum(len(e["outcomes"]) for e in data["events"]), "triples": rows.quads})
