"""kg export: a built graph as JSON-LD, GraphML, GEXF and CSV for other tools."""
from __future__ import annotations

from pathlib import Path

FORMATS = ("jsonld", "graphml", "gexf", "csv", "files")   # kg.export.formats.FORMATS, without importing it to register


def register(sub) -> None:
    p = sub.add_parser("export", help="write a built graph as JSON-LD, GraphML, GEXF or CSV for other tools",
                       description="Write a built graph for tools that are not SPARQL stores: graph.jsonld (JSON-LD "
                                   "with the named graphs), graph.graphml and graph.gexf (Gephi, yEd, networkx) and "
                                   "csv/ (one file per node label and relationship type, for neo4j-admin database "
                                   "import, with load.cypher for Kùzu). The ontology graph is left out.")
    p.add_argument("source", metavar="STORE_OR_BUILD_DIR", nargs="?", default="exports/store",
                   help="a store directory, or a build's output directory holding one (default: exports/store)")
    p.add_argument("--out", metavar="DIR", help="where to write (default: the store's parent directory)")
    p.add_argument("--format", action="append", metavar="NAMES", dest="formats",
                   help=f"what to write, repeatable or a comma list: {', '.join(FORMATS)} (default: all but "
                        "files); files: graph.nq, graph.trig, graph.ttl, facts.json and graph.html, which a build "
                        "into a large store leaves to this command")
    p.set_defaults(run=run, known_errors=known_errors)


def known_errors() -> tuple:
    from ..export.formats import ExportError
    return ExportError, FileNotFoundError, OSError


def run(args) -> int:
    from ..export.formats import export, parse_formats, store_dir
    from ..export.outputs import current, link_current
    chosen = parse_formats(args.formats or FORMATS[:-1])   # an unknown format is an error before anything is read
    store = store_dir(args.source)
    out = Path(args.out) if args.out else (store if store.name not in ("", ".", "..") else store.resolve()).parent
    paths = []
    if "files" in chosen and not args.out and current(out) is not None:   # a build's folder: into its current set
        from ..incremental import build_lock
        with build_lock(out):
            paths += [out / p.name for p in export(current(out) / "store", current(out), ["files"])]
            link_current(out)
        chosen.remove("files")
    paths += export(store, out, chosen) if chosen else []
    print(f"Wrote {', '.join(str(p) for p in paths)}")
    return 0
