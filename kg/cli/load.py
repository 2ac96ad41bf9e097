"""kg load: put a built graph into any SPARQL 1.1 store through the Graph Store HTTP Protocol."""
from __future__ import annotations

import sys

from ..endpoint import PASSWORD_ENV, Endpoint, EndpointError
from ..load import SourceError, load
from ..sparql import QueryError


def register(sub) -> None:
    p = sub.add_parser("load", help="load a built graph into a SPARQL store over HTTP",
                       description="Load a build's output directory, a store directory or an RDF file into any "
                                   "SPARQL 1.1 store with the Graph Store HTTP Protocol: each named graph (one per "
                                   "article, one for entities, one for the ontology) replaces the store's graph of "
                                   "the same name, so loading twice leaves the same triples. Transient errors are "
                                   "retried; the password comes from the environment, never from an argument.")
    p.add_argument("source", metavar="FILE_OR_DIR", help="a build's output directory (e.g. exports), a store "
                                                         "directory, or a .nq, .trig, .ttl, .nt or .rdf file")
    p.add_argument("--endpoint", required=True, metavar="URL",
                   help="the store's Graph Store protocol URL: Oxigraph http://HOST:7878/store, "
                        "Virtuoso http://HOST:8890/sparql-graph-crud-auth, Fuseki http://HOST:3030/DATASET/data")
    p.add_argument("--user", metavar="NAME", help=f"user name; the password is read from {PASSWORD_ENV}")
    p.add_argument("--graph", metavar="IRI", help="the graph for a file of triples (.ttl, .nt, .rdf); "
                                                  "default: the default graph")
    p.add_argument("--batch", type=int, default=10_000, metavar="N",
                   help="triples per request; a larger graph is PUT in its first batch, the rest POSTed (default 10000)")
    p.add_argument("--retries", type=int, default=4, metavar="N",
                   help="retries of a request on connection errors and 5xx answers, with backoff (default 4)")
    p.add_argument("--prune", action="store_true", help="also delete graphs of kg's namespace that the store has "
                                                       "and the source does not (articles replaced since); needs --sparql")
    p.add_argument("--sparql", metavar="URL", help="the store's SPARQL query URL, for --prune "
                                                  "(Oxigraph http://HOST:7878/query, Virtuoso http://HOST:8890/sparql)")
    p.add_argument("--default-graph", action="store_true",
                   help="also put every triple into the store's default graph, for stores whose queries see only "
                        "that graph (a plain Oxigraph server, Fuseki without unionDefaultGraph)")
    p.add_argument("--allow-plain-http-auth", action="store_true",
                   help="send the password with Basic authentication over plain http to another machine (by "
                        "default refused: use https)")
    p.add_argument("-q", "--quiet", action="store_true", help="print only the summary")
    p.set_defaults(run=run, known_errors=(EndpointError, SourceError, QueryError, OSError))


def progress(quiet: bool):
    def show(done: int, total: int, what: str) -> None:
        if not quiet and (done == total or done % max(1, total // 10) == 0):
            print(f"loaded {done}/{total} graphs", file=sys.stderr, flush=True)
    return show


def run(args) -> int:
    if args.batch < 1 or args.retries < 0:
        raise SourceError("--batch must be at least 1 and --retries at least 0")
    endpoint = Endpoint(args.endpoint, user=args.user, retries=args.retries, allow_plain_auth=args.allow_plain_http_auth)
    sparql = Endpoint(args.sparql, user=args.user, retries=args.retries,
                      allow_plain_auth=args.allow_plain_http_auth) if args.sparql else None
    report = load(args.source, endpoint, batch=args.batch, graph=args.graph, prune=args.prune, sparql=sparql,
                  progress=progress(args.quiet), default_graph=args.default_graph)
    print(f"Loaded {report.graphs} graph{'s' if report.graphs != 1 else ''} ({report.triples} triples) into "
          f"{endpoint.shown} in {report.seconds:.1f} s with {report.requests} requests"
          + (f"; deleted {report.pruned} stale graph{'s' if report.pruned != 1 else ''}" if report.pruned else "")
          + ".")
    return 0
