"""kg query: run SPARQL over a built store."""
from __future__ import annotations

from ..pipeline import open_store
from ..query import QueryError, format_result, run as run_query


def register(sub) -> None:
    p = sub.add_parser("query", help="run a SPARQL query over a built graph",
                       description="Run a SPARQL query, given inline or as a .rq file, over the embedded store. "
                                   "All named graphs are merged into the default graph; the project's prefixes "
                                   "(kg:, schema:, org:, pe:, prov:, oa:, skos:, person: ...) are predeclared.")
    p.add_argument("query", metavar="QUERY", help="the query text, or a path to a .rq file")
    p.add_argument("--store", default="exports/store", metavar="DIR", help="store directory (default: exports/store)")
    p.add_argument("--format", choices=("table", "csv", "tsv", "json"), default="table", help="output format")
    p.set_defaults(run=run, known_errors=(QueryError, FileNotFoundError, OSError))


def run(args) -> int:
    store = open_store(args.store)
    print(format_result(run_query(store, args.query), args.format), end="")
    return 0
