"""kg validate: check a built graph against the ontology's SHACL shapes."""
from __future__ import annotations



def register(sub) -> None:
    p = sub.add_parser("validate", help="check a built graph against the SHACL shapes",
                       description="Check a built graph (a build directory, its store, or an RDF file) against "
                                   "ontology/shapes.ttl: every fact's evidence and confidence, and the arithmetic of "
                                   "election results. Prints one line per violation; exit status 1 if there are any.")
    p.add_argument("source", nargs="?", default="exports", metavar="PATH",
                   help="build directory, store directory or RDF file (default: exports)")
    p.set_defaults(run=run, known_errors=(FileNotFoundError, OSError, SyntaxError))


def run(args) -> int:
    from ..validate import validate   # rdflib and pyshacl: imported only for this command
    violations = validate(args.source)
    for v in violations:
        print(v)
    print(f"{len(violations)} violation{'s' if len(violations) != 1 else ''}" if violations else "conforms: no violations")
    return 1 if violations else 0
