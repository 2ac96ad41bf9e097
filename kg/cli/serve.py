"""kg serve: the embedded store as a read-only SPARQL endpoint on 127.0.0.1."""
from __future__ import annotations

import os
import sys

from ..serve import HOST, ServeError, command


def register(sub) -> None:
    p = sub.add_parser("serve", help="serve a built store as a read-only SPARQL endpoint on 127.0.0.1",
                       description="Serve the embedded store read-only over the SPARQL protocol with the Oxigraph "
                                   "server, on 127.0.0.1 only (the endpoint has no authentication). The default graph "
                                   "is the union of all graphs. Restart it after a build to serve the new store.")
    p.add_argument("--store", default="exports/store", metavar="DIR", help="store directory (default: exports/store)")
    p.add_argument("--port", type=int, default=7878, help="TCP port on 127.0.0.1 (default: 7878)")
    p.set_defaults(run=run, known_errors=(ServeError,))


def run(args) -> int:
    cmd = command(args.store, args.port)
    print(f"Serving {args.store} read-only: SPARQL at http://{HOST}:{args.port}/query "
          "(also a query page at /); Ctrl-C stops.", file=sys.stderr, flush=True)
    os.execv(cmd[0], cmd)   # the server takes over this process, so signals reach it directly
