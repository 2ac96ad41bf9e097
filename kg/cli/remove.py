"""kg remove: take articles out of a built store, at the cost of what they touch."""
from __future__ import annotations

import sys


def register(sub) -> None:
    p = sub.add_parser("remove", help="take articles out of a built store",
                       description="Remove articles from the store in --out: each article's graph goes, and the "
                                   "entities it named lose its mentions (an entity no other article names goes "
                                   "too). Only what the articles touch is rewritten. Name an article by its URL, "
                                   "its file name as facts.json gives it, or its id.")
    p.add_argument("articles", nargs="+", metavar="ARTICLE", help="a URL, a file name or an article id")
    p.add_argument("--out", default="exports", metavar="DIR", help="the build directory (default: exports)")
    p.add_argument("--no-view", action="store_true", help="do not write graph.html")
    p.set_defaults(run=run, known_errors=known_errors)


def known_errors() -> tuple:
    from ..incremental import StoreError
    return (StoreError,)


def run(args) -> int:
    from ..remove import remove
    report = remove(args.articles, out=args.out, view=not args.no_view)
    for line in report.notes:
        print(f"kg remove: note: {line}", file=sys.stderr)
    for error in report.errors:
        print(f"kg remove: {error}", file=sys.stderr)
    c = report.counts
    if not c["removed"]:
        print("Removed no article.", file=sys.stderr)
        return 2
    print(f"Removed {c['removed']} article{'s' if c['removed'] != 1 else ''} in {report.seconds:.1f} s; "
          f"the store holds {c['stored']}, with {c['people']} people ({c['entities']} entities) and {c['triples']} triples.")
    print("Wrote: " + ", ".join(str(p) for p in report.outputs))
    return 1 if report.errors else 0
