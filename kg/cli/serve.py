"""kg serve: the embedded store as a read-only SPARQL endpoint on 127.0.0.1, behind a guard."""
from __future__ import annotations

import argparse
import sys

from ..serve import HOST, Limits, ServeError, serve

DEFAULTS = Limits()


def _positive(text: str) -> int:
    try:
        value = int(text.replace("_", ""))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} is below 1")
    return value


def register(sub) -> None:
    p = sub.add_parser("serve", help="serve a built store as a read-only SPARQL endpoint on 127.0.0.1",
                       description="Serve the embedded store read-only over the SPARQL protocol on 127.0.0.1 only "
                                   "(the endpoint has no authentication), with the Oxigraph server behind a guard "
                                   "that refuses writes, requests naming another host or coming from another "
                                   "site's pages, over-long, deeply nested and SERVICE queries, and cuts off slow "
                                   "queries and large answers. The default graph is the union of all graphs. "
                                   "Restart it after a build to serve the new store.")
    p.add_argument("--store", default="exports/store", metavar="DIR", help="store directory (default: exports/store)")
    p.add_argument("--port", type=int, default=7878, help="TCP port on 127.0.0.1 (default: 7878)")
    p.add_argument("--max-query-bytes", type=_positive, default=DEFAULTS.max_query_bytes, metavar="N",
                   help=f"refuse longer queries (default: {DEFAULTS.max_query_bytes:,})")
    p.add_argument("--max-nesting", type=_positive, default=DEFAULTS.max_nesting, metavar="N",
                   help=f"refuse queries with brackets nested deeper (default: {DEFAULTS.max_nesting})")
    p.add_argument("--timeout-s", type=_positive, default=DEFAULTS.timeout_s, metavar="S",
                   help=f"cut off a query after S seconds, restarting the engine (default: {DEFAULTS.timeout_s})")
    p.add_argument("--max-result-bytes", type=_positive, default=DEFAULTS.max_result_bytes, metavar="N",
                   help=f"cut off longer answers (default: {DEFAULTS.max_result_bytes:,})")
    p.add_argument("--allow-host", action="append", default=[], metavar="NAME",
                   help="also accept requests for this host name (repeatable; default: localhost, 127.0.0.1, [::1])")
    p.add_argument("--allow-origin", action="append", default=[], metavar="ORIGIN",
                   help="also accept requests from pages of this origin, e.g. http://localhost:8888 (repeatable)")
    p.add_argument("--allow-service", action="store_true",
                   help="let queries use SERVICE, which makes the server fetch from other endpoints")
    p.set_defaults(run=run, known_errors=(ServeError,))


def run(args) -> int:
    limits = Limits(max_query_bytes=args.max_query_bytes, max_nesting=args.max_nesting, timeout_s=args.timeout_s,
                    max_result_bytes=args.max_result_bytes, allow_service=args.allow_service,
                    allow_hosts=tuple(args.allow_host), allow_origins=tuple(args.allow_origin))

    def ready() -> None:
        print(f"Serving {args.store} read-only: SPARQL at http://{HOST}:{args.port}/query (also a query page at /); "
              f"Ctrl-C stops.\nLimits: queries up to {limits.max_query_bytes:,} bytes nested up to "
              f"{limits.max_nesting} deep, {limits.timeout_s} s, answers up to {limits.max_result_bytes:,} bytes; "
              f"SERVICE {'allowed' if limits.allow_service else 'refused'}.", file=sys.stderr, flush=True)

    try:
        serve(args.store, args.port, limits, ready)
    except KeyboardInterrupt:   # Ctrl-C, or SIGTERM (which kg raises as one): both processes are stopped by now
        print("kg serve: stopped", file=sys.stderr)
    return 0
