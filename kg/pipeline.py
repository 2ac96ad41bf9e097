"""The build: ingest -> nlp -> extract -> resolve -> graph -> export.

Articles stream through the parser one batch at a time; only their extracted
facts (small) are kept for resolution. A file that cannot be read is reported
and skipped; the outputs of a failed build are never half-written.
"""
from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from pyoxigraph import Store

from . import nlp as nlp_stage
from .export.facts import write_facts
from .export.rdf import ontology_quads, write_files, write_store
from .export.view import write_view
from .extract import extract_article
from .graph import build_quads
from .ingest import IngestError, discover, read_article
from .model import Article, ArticleFacts
from .reconcile import reconcile
from .resolve import resolve

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "seeds"

Progress = Callable[[int, int, str], None]   # (done, total, what): total 0 for a stage message


@dataclass
class BuildReport:
    articles: int = 0
    duplicates: int = 0
    errors: list[str] = field(default_factory=list)
    contradictions: list[str] = field(default_factory=list)
    counts: Counter = field(default_factory=Counter)
    outputs: list[Path] = field(default_factory=list)
    seconds: float = 0.0
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
    """Articles from files, skipping unreadable files (reported) and repeated texts."""
    seen: set[str] = set()
    try:
        files = discover(list(paths))
    except IngestError as e:
        report.errors.append(str(e))
        return
    for n, path in enumerate(files, 1):
        try:
            article = read_article(path)
        except IngestError as e:
            report.errors.append(str(e))
            continue
        if article.meta.sha256 in seen:
            report.duplicates += 1
            continue
        seen.add(article.meta.sha256)
        if progress:
            progress(n, len(files), str(path))
        yield article


def extract_all(articles: Iterable[Article], nlp, model: str, report: BuildReport,
                batch_size: int = 16) -> Iterator[ArticleFacts]:
    """Facts of each article; an article the extractors fail on is reported and skipped, never the run."""
    stream = ((a.clean, a) for a in articles)
    for doc, article in nlp.pipe(stream, as_tuples=True, batch_size=batch_size):
        try:
            yield extract_article(doc, article, model)
        except Exception as e:   # a bug must cost one article, not the build
            report.errors.append(f"{article.meta.path}: extraction failed ({type(e).__name__}: {e})")


def build(paths: list[str | Path] | None = None, out: str | Path = "exports", model: str | None = None,
          progress: Progress | None = None, view: bool = True) -> BuildReport:
    """Build the knowledge graph of ``paths`` into ``out``; see BuildReport for what happened."""
    started = time.perf_counter()
    report = BuildReport()
    nlp = nlp_stage.load(model)
    report.model = nlp_stage.model_id(nlp)
    facts = list(extract_all(read_articles(paths or [example_corpus()], report, progress), nlp, report.model, report))
    report.articles = len(facts)
    if not facts:
        report.errors.append("no articles could be read; nothing was written")
        report.seconds = time.perf_counter() - started
        return report
    if progress:
        progress(0, 0, "resolving entities and writing the graph")
    resolution = resolve(facts)
    facts, conflicts = reconcile(facts, resolution)
    report.contradictions = [str(c) for c in conflicts]
    out = Path(out)
    quads = list(build_quads(facts, resolution, report.model)) + ontology_quads()
    store = write_store(quads, out / "store")
    report.outputs += write_files(store, out)
    data = write_facts(store, out / "facts.json")
    report.outputs.append(out / "facts.json")
    if view:
        write_view(store, out / "graph.html")
        report.outputs.append(out / "graph.html")
    report.outputs.append(out / "store")
    report.counts.update({"entities": len(data["entities"]),
                          "people": sum(1 for e in data["entities"] if e["type"] == "Person"),
                          "quotes": len(data["quotes"]), "memberships": len(data["memberships"]),
                          "events": len(data["events"]),
                          "outcomes": sum(len(e["outcomes"]) for e in data["events"]), "triples": len(store)})
    report.seconds = time.perf_counter() - started
    return report


def open_store(path: str | Path = "exports/store", read_only: bool = True) -> Store:
    """The embedded store of a build, for SPARQL from Python."""
    path = Path(path)
    if not path.is_dir():
        raise FileNotFoundError(f"{path}: no store here; run kg build first")
    return Store.read_only(str(path)) if read_only else Store(str(path))
