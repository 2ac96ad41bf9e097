"""Benchmark: what an incremental build and kg load cost as a store grows.

Parses the example corpus once, then clones its facts into N articles (new ids,
same people) and times, in one run:
  - parsing: seconds per article (what a fresh build pays for every article);
  - one new article: a real incremental build (kg.pipeline.build) of one new article into a
    store of N (load the model, parse it, read N cache entries, resolve, write everything but graph.html);
  - load: kg load of the N-article store into an Oxigraph server, twice.
Prints the ratio of a one-new-article incremental build to a fresh build.

    python bench/store.py [N ...]     (default: 100 1000)
"""
from __future__ import annotations

import dataclasses
import hashlib
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))


def clone(facts, n: int):
    out = []
    for i in range(n):
        f = facts[i % len(facts)]
        sha = hashlib.sha256(f"{f.meta.sha256}-{i}".encode()).hexdigest()
        meta = dataclasses.replace(f.meta, id=sha[:16], sha256=sha, name=f"{i:05d}_{f.meta.name}")
        out.append(dataclasses.replace(f, meta=meta))
    return out


def add_one(out: Path, article: Path) -> tuple[float, int]:
    """Seconds of a real incremental build of one new article into ``out``, and the store's triples."""
    from kg.pipeline import build
    new = out.parent / "new" / article.name
    new.parent.mkdir()
    new.write_text(article.read_text(encoding="utf-8") + "\nOne more line makes it a new article.\n", encoding="utf-8")
    report = build([new], out=out, view=False)
    assert report.ok and report.counts["stored"] == report.counts["earlier"] + 1, report.errors
    return report.seconds, report.counts["triples"]


def main(sizes: list[int]) -> None:
    from kg import nlp as nlp_stage
    from kg.cache import Cache
    from kg.endpoint import Endpoint
    from kg.export.rdf import ontology_quads, write_store
    from kg.graph import build_quads
    from kg.load import load
    from kg.pipeline import BuildReport, example_corpus, extract_all, read_articles
    from kg.resolve import resolve
    from servers import count_kg_triples, oxigraph

    nlp = nlp_stage.load()
    model = nlp_stage.model_id(nlp)
    started = time.perf_counter()
    report = BuildReport()
    seeds = list(extract_all(read_articles([example_corpus()], report), nlp, model, report))
    per_article = (time.perf_counter() - started) / len(seeds)
    print(f"parsing: {per_article:.2f} s per article ({len(seeds)} example articles)")
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "out"
            facts = clone(seeds, n)
            cache = Cache(out / "cache", model)
            for f in facts:
                cache.put(f)
            write_store(list(build_quads(facts, resolve(facts), model)) + ontology_quads(), out / "store")
            seconds, triples = add_one(out, sorted(example_corpus().glob("*.txt"))[0])
            fresh = (n + 1) * per_article
            print(f"N={n}: {triples} triples; one new article: {seconds:.1f} s; a fresh build would parse "
                  f"{n + 1} articles: {fresh:.0f} s and more (ratio at most {seconds / fresh:.3f})")
            with oxigraph(Path(tmp)) as base:
                times = []
                for _ in range(2):
                    report = load(out, Endpoint(f"{base}/store"))
                    times.append(report.seconds)
                    assert count_kg_triples(f"{base}/query") == triples
                print(f"N={n}: kg load {report.graphs} graphs into Oxigraph: {times[0]:.1f} s, again {times[1]:.1f} s "
                      f"({triples / times[0]:,.0f} triples/s); same count both times")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [100, 1000])
