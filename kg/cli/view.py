"""kg view: the interactive network view of a built graph, or of part of it."""
from __future__ import annotations

import argparse
from pathlib import Path

from ..export import DEFAULT_MAX_NODES


def _at_least(low: int):
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if value < low:
            raise argparse.ArgumentTypeError(f"{value} is below {low}")
        return value
    return parse


def register(sub) -> None:
    p = sub.add_parser("view", help="write an interactive network view (one HTML file) of a built graph",
                       description="Write an HTML network view that opens offline: the whole graph (its most "
                                   "connected part when it is large), everything within --depth facts of one "
                                   "entity (--focus), or the graph of a SPARQL CONSTRUCT query (--construct).")
    what = p.add_mutually_exclusive_group()
    what.add_argument("--focus", metavar="NAME", help="the entity at the centre: its name, an alias or its id "
                                                      "(person/jane-doe)")
    what.add_argument("--construct", metavar="QUERY", help="a CONSTRUCT or DESCRIBE query, inline or a .rq file; "
                                                           "its triples are drawn")
    p.add_argument("--depth", type=_at_least(0), default=2, metavar="N",
                   help="with --focus: how many facts away from the entity to go (default: 2)")
    p.add_argument("--store", default="exports/store", metavar="DIR", help="store directory (default: exports/store)")
    p.add_argument("--out", metavar="FILE", help="the HTML file to write (default: view.html beside the store)")
    p.add_argument("--max-nodes", type=_at_least(1), default=DEFAULT_MAX_NODES, metavar="N",
                   help=f"draw at most N nodes, the most connected (default: {DEFAULT_MAX_NODES:,})")
    p.add_argument("--quotes", type=_at_least(0), default=5, metavar="N",
                   help="quotations drawn per speaker, the longest first (default: 5; all are counted)")
    p.set_defaults(run=run, known_errors=known_errors)


def known_errors() -> tuple:
    from ..export.view_data import ViewError
    from ..sparql import QueryError
    return ViewError, QueryError, FileNotFoundError, OSError


def run(args) -> int:
    from ..export.view import view   # pyvis and networkx: imported only for this command
    from ..export.view_data import ViewError
    from ..sparql import open_store
    store = open_store(args.store)
    out = Path(args.out) if args.out else Path(args.store).parent / "view.html"
    try:
        g = view(store, out, name=args.focus, depth=args.depth, construct=args.construct,
                 max_nodes=args.max_nodes, max_quotes=args.quotes)
    except ViewError as e:
        raise ViewError(f"{args.store}: {e}") from None
    total = g.graph.get("total_nodes")
    print(f"Wrote {out}: {g.number_of_nodes():,} nodes, {g.number_of_edges():,} edges"
          + (f" (the most connected of {total:,} nodes)" if total else "") + ".")
    return 0
