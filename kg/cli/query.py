"""kg query: run SPARQL over a built store, or over any SPARQL endpoint."""
from __future__ import annotations

from ..endpoint import PASSWORD_ENV, Endpoint, EndpointError
from ..sparql import (QueryError, format_result, named_queries, named_query, open_store, run as run_query, run_remote,
                     summary)


def register(sub) -> None:
    p = sub.add_parser("query", help="run a SPARQL query over a built graph",
                       description="Run a SPARQL query, given inline, as a .rq file or by name (--named), over the "
                                   "embedded store or a SPARQL endpoint (--endpoint). On the embedded store all named "
                                   "graphs are merged into the default graph; the project's prefixes (kg:, schema:, "
                                   "org:, pe:, prov:, oa:, skos:, person: ...) are predeclared everywhere.")
    p.add_argument("query", metavar="QUERY", nargs="?", help="the query text, or a path to a .rq file")
    p.add_argument("--named", metavar="NAME", help="run one of kg's named queries instead (see --list)")
    p.add_argument("--list", action="store_true", help="list the named queries and what each answers")
    p.add_argument("--store", default="exports/store", metavar="DIR", help="store directory (default: exports/store)")
    p.add_argument("--endpoint", metavar="URL", help="query this SPARQL endpoint over HTTP instead of the store "
                                                    "(e.g. http://127.0.0.1:7878/query)")
    p.add_argument("--user", metavar="NAME", help=f"user for the endpoint; the password is read from {PASSWORD_ENV}")
    p.add_argument("--allow-plain-http-auth", action="store_true",
                   help="send the password with Basic authentication over plain http to another machine (by "
                        "default refused: use https)")
    p.add_argument("--format", choices=("table", "csv", "tsv", "json"), default="table", help="output format")
    p.set_defaults(run=run, known_errors=(QueryError, EndpointError, FileNotFoundError, OSError))


def run(args) -> int:
    if args.list:
        for name, text in named_queries().items():
            print(f"{name:28} {summary(text)}")
        return 0
    if (args.query is None) == (args.named is None):
        raise QueryError("give a QUERY or --named NAME (kg query --list shows the names)")
    text = named_query(args.named) if args.named else args.query
    if args.endpoint:
        endpoint = Endpoint(args.endpoint, user=args.user, allow_plain_auth=args.allow_plain_http_auth)
        result = run_remote(endpoint, text)
    else:
        result = run_query(open_store(args.store), text)
    print(format_result(result, args.format), end="")
    return 0
