"""Exports for other tools, read from a built store: JSON-LD, GraphML, GEXF and CSV.

- ``graph.jsonld``: every quad but the ontology's, one ``@graph`` per named graph, compacted with
  the project's prefixes (FILE_PREFIXES, read when it runs) as its ``@context``.
- ``graph.graphml``, ``graph.gexf``: the property graph (kg.export.property_graph) for Gephi,
  yEd, Cytoscape or networkx. Every node has ``kind`` and ``label``, every edge ``relation``
  (MEMBER_OF, SAID ...) and ``label`` ("leader", "said", "won" ...); literals are attributes.
- ``csv/``: one file per node label (``Person.csv`` ...) and per edge type (``MEMBER_OF.csv`` ...),
  always the same files, whose headers are neo4j-admin's (``id:ID,name:string,mentions:int``,
  ``:START_ID,:END_ID,...``), so that ``neo4j-admin database import`` takes them as they are; Kùzu
  reads the same files by position, with the ``load.cypher`` written beside them. An edge file
  names the labels of its ends (``from_label:IGNORE``, which neo4j skips) for Kùzu, whose
  relationship tables are typed by both ends. Text cells that would start a spreadsheet formula
  get a leading apostrophe (kg.sparql.safe_cell); number and boolean columns are written as
  numbers ("-3.5" stays a number), so the typed columns load as numbers.
"""
from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Iterable

from pyoxigraph import DefaultGraph, NamedNode, RdfFormat, Store, serialize

from .. import iri
from . import atomic_file
from .property_graph import EDGES, NODES, PropertyGraph, property_graph

FORMATS = ("jsonld", "graphml", "gexf", "csv", "files")
DEFAULT = FORMATS[:-1]   # what kg export writes unless told: the files are a build's own
KUZU_TYPES = {"string": "STRING", "int": "INT64", "double": "DOUBLE", "boolean": "BOOLEAN"}
EDGE_WORDS = {"SAID": "said", "ABOUT": "about", "QUOTED_IN": "quoted in", "MENTIONS": "mentions",
              "LOCATED_IN": "in", "PART_OF": "part of"}
ENDS = [":START_ID", ":END_ID", "from_label:IGNORE", "to_label:IGNORE"]


class ExportError(Exception):
    """An export that cannot be made (an unknown format); str() is one line."""


def parse_formats(values: Iterable[str]) -> list[str]:
    """Format names from a list of names or comma lists, in FORMATS order; an unknown one is an error."""
    wanted = {f.strip().lower() for value in values for f in value.split(",") if f.strip()}
    unknown = sorted(wanted - set(FORMATS))
    if unknown:
        raise ExportError(f"unknown format {', '.join(unknown)}; choose from {', '.join(FORMATS)}")
    return [f for f in FORMATS if f in wanted]


def store_dir(source: str | Path) -> Path:
    """The store of a build directory (DIR/store), or the store directory itself."""
    source = Path(source)
    return source / "store" if (source / "store").is_dir() else source


def export(source: Store | str | Path, out: str | Path, formats: Iterable[str] = DEFAULT) -> list[Path]:
    """Write the chosen formats of a built store (a Store, a store directory or a build directory)
    into ``out``; returns the paths written (for csv, the folder)."""
    from ..sparql import open_store, store_base
    chosen = parse_formats(formats)
    store = source if isinstance(source, Store) else open_store(store_dir(source))   # (which adopts its base)
    base = store_base(store)
    if base and base != iri.BASE:   # ids and prefixes under the base the store was built with
        iri.use_base(base)
    out = Path(out)
    paths = []
    if "files" in chosen:   # graph.nq, graph.trig, graph.ttl, facts.json, graph.html (kg.export.files)
        from .files import write_files
        paths += write_files(store, out)[0]
    if "jsonld" in chosen:
        paths.append(write_jsonld(store, out / "graph.jsonld"))
    if set(chosen) & {"graphml", "gexf", "csv"}:
        pg = property_graph(store)
        if set(chosen) & {"graphml", "gexf"}:
            g = to_networkx(pg)
            for fmt in ("graphml", "gexf"):
                if fmt in chosen:
                    paths.append(write_network(g, out / f"graph.{fmt}"))
        if "csv" in chosen:
            write_csv(pg, out / "csv")
            paths.append(out / "csv")
    return paths


# JSON-LD

def write_jsonld(store: Store, path: Path) -> Path:
    """graph.jsonld, written graph by graph (the default graph's triples, if any, first)."""
    from . import rdf   # the prefixes as they are when this runs: the namespaces are the ontology's
    compact = compactor(rdf.FILE_PREFIXES)
    ontology = NamedNode(iri.ONTOLOGY_GRAPH)
    graphs = [DefaultGraph()] + sorted((g for g in store.named_graphs() if g != ontology), key=lambda g: g.value)
    with atomic_file(path, "w") as f:
        f.write('{"@context": ' + json.dumps(rdf.FILE_PREFIXES, indent=1) + ',\n"@graph": [')
        sep = "\n"
        for graph in graphs:
            quads = list(store.quads_for_pattern(None, None, None, graph))
            if not quads:
                continue
            for item in map(compact, json.loads(serialize(quads, None, RdfFormat.JSON_LD))):
                nodes = item.pop("@graph", None)   # a named graph: a line for it, and one per node in it
                text = json.dumps(item, ensure_ascii=False)
                if nodes is not None:
                    text = (text[:-1] + ', "@graph": [\n' + ",\n".join(json.dumps(n, ensure_ascii=False)
                                                                      for n in nodes) + "]}")
                f.write(sep + text)
                sep = ",\n"
        f.write("\n]}\n")
    return Path(path)


def compactor(prefixes: dict[str, str]):
    """A function from expanded JSON-LD (as Oxigraph writes it) to the same with prefixed names
    ("schema:name"), rdf:type as @type, plain strings as strings and one value as itself."""
    spaces = sorted(((ns, p) for p, ns in prefixes.items()), key=lambda item: -len(item[0]))
    rdf_type = prefixes["rdf"] + "type"

    def curie(value: str) -> str:
        for ns, p in spaces:
            rest = value[len(ns):]
            if value.startswith(ns) and rest and not rest.startswith("//"):
                return f"{p}:{rest}"
        return value

    def one(values: list):
        return values[0] if len(values) == 1 else values

    def value(v: dict):
        if set(v) == {"@value"} and isinstance(v["@value"], str):
            return v["@value"]
        return {k: curie(x) if k in ("@id", "@type") else x for k, x in v.items()}

    def node(n: dict) -> dict:
        out: dict = {}
        for key, values in n.items():
            if key == "@id":
                out[key] = curie(values)
            elif key == "@graph":
                out[key] = [node(x) for x in values]
            elif key in ("@type", rdf_type) and all(isinstance(v, str) or set(v) == {"@id"} for v in values):
                types = out.get("@type", [])
                types = types if isinstance(types, list) else [types]
                out["@type"] = one(types + [curie(v if isinstance(v, str) else v["@id"]) for v in values])
            else:
                out[curie(key)] = one([value(v) for v in values])
        return out
    return node


# GraphML and GEXF

def node_label(kind: str, props: dict) -> str:
    if kind == "Quotation":
        text = " ".join(props["text"].split())
        return text if len(text) <= 60 else text[:58].rstrip() + "…"
    if kind == "Article":
        return props.get("title") or props["file"]
    return props["name"]


def edge_label(type: str, props: dict) -> str:
    if type == "MEMBER_OF":
        return ("" if props["current"] else "former ") + props["role"]
    return props["label"] if type == "OUTCOME" else EDGE_WORDS[type]


def to_networkx(pg: PropertyGraph):
    """The property graph as a networkx MultiDiGraph: attributes are str, int, float or bool, never None."""
    import networkx as nx
    g = nx.MultiDiGraph()
    for node_id, (kind, props) in pg.nodes.items():
        g.add_node(node_id, **props, kind=kind, label=node_label(kind, props))
    for n, e in enumerate(pg.edges):
        g.add_edge(e.source, e.target, key=f"e{n}", **{**e.props, "relation": e.type, "label": edge_label(e.type, e.props)})
    return g


def write_network(g, path: Path) -> Path:
    import networkx as nx
    write = nx.write_gexf if Path(path).suffix == ".gexf" else nx.write_graphml
    with atomic_file(path, "wb") as f:
        write(g, f)
    return Path(path)


# CSV for neo4j-admin and Kùzu

def csv_cell(value, type: str = "string") -> str:
    """One CSV cell: empty for None, true/false, numbers as written, text made safe for spreadsheets."""
    from ..sparql import safe_cell
    if value is None:
        return ""
    if type == "boolean":
        return "true" if value else "false"
    if type in ("int", "double"):
        return repr(float(value)) if type == "double" else str(int(value))
    return safe_cell(str(value))


def _write_rows(path: Path, header: list[str], types: list[str], rows: Iterable[list]) -> None:
    with atomic_file(path, "w") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(header)
        writer.writerows([csv_cell(v, t) for v, t in zip(row, types)] for row in rows)


def write_csv(pg: PropertyGraph, folder: Path) -> list[Path]:
    """One file per node label and per edge type, always all of them, and load.cypher for Kùzu."""
    paths = []
    for label, columns in NODES.items():
        header = ["id:ID"] + [f"{c}:{t}" for c, t in columns.items()]
        rows = ([node_id] + [props.get(c) for c in columns] for node_id, (kind, props) in pg.nodes.items()
                if kind == label)
        paths.append(folder / f"{label}.csv")
        _write_rows(paths[-1], header, ["string", *columns.values()], rows)
    for type, columns in EDGES.items():
        header = ENDS + [f"{c}:{t}" for c, t in columns.items()]
        rows = ([e.source, e.target, pg.label(e.source), pg.label(e.target)] + [e.props.get(c) for c in columns]
                for e in pg.edges if e.type == type)
        paths.append(folder / f"{type}.csv")
        _write_rows(paths[-1], header, ["string"] * 4 + list(columns.values()), rows)
    paths.append(folder / "load.cypher")
    with atomic_file(paths[-1], "w") as f:
        f.write(kuzu_script(pg))
    return paths


def kuzu_script(pg: PropertyGraph) -> str:
    """Kùzu's DDL and COPY statements for the CSV files, one statement a line; paths are relative
    to the csv folder, so it runs there."""
    lines = ["// Kùzu: tables for the CSV files of this folder, then the data. Run it in this folder."]
    for label, columns in NODES.items():
        cols = ", ".join(["id STRING PRIMARY KEY"] + [f"{c} {KUZU_TYPES[t]}" for c, t in columns.items()])
        lines.append(f"CREATE NODE TABLE {label}({cols});")
    pairs = pg.pairs()
    for type, columns in EDGES.items():
        ends = [f"FROM {a} TO {b}" for a, b in pairs[type]]
        cols = ", ".join(ends + [f"{c} {KUZU_TYPES[t]}" for c, t in columns.items()])
        lines.append(f"CREATE REL TABLE {type}({cols});")
    for label in NODES:
        lines.append(f"COPY {label} FROM '{label}.csv' (header=true, parallel=false);")
    present = {(e.type, pg.label(e.source), pg.label(e.target)) for e in pg.edges}
    for type, columns in EDGES.items():
        fields = ", ".join(f"`{c}`" for c in [":START_ID", ":END_ID", *columns])
        for a, b in pairs[type]:
            if (type, a, b) in present:
                lines.append(f"COPY {type} FROM (LOAD FROM '{type}.csv' (header=true, parallel=false) "
                             f"WHERE `from_label:IGNORE` = '{a}' AND `to_label:IGNORE` = '{b}' RETURN {fields}) "
                             f"(from='{a}', to='{b}');")
    return "\n".join(lines) + "\n"
