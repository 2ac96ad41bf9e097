"""The files of a build (graph.nq, graph.trig, graph.ttl, facts.json, graph.html) written from a
store that is already built: what an incremental build does for a small store, and what
``kg export --format files`` does for any."""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

from pyoxigraph import NamedNode, Quad, Store

from .. import iri
from .facts import QUERIES as FACTS_QUERIES
from .facts import write_facts
from .rdf import write_graph
from .rows import Rows
from .view import write_view
from .view_data import QUERIES as VIEW_QUERIES

NAMES = ("graph.nq", "graph.trig", "graph.ttl", "facts.json", "graph.html")


def graphs(store: Store) -> Iterator[list[Quad]]:
    """The store's graphs as a build streams them: the entities graph, then each article's, by name
    (the ontology's aside: kg.export.rdf adds it)."""
    entities = NamedNode(iri.ENTITIES_GRAPH)
    yield list(store.quads_for_pattern(None, None, None, entities))
    names = sorted(g.value for g in store.named_graphs()
                   if isinstance(g, NamedNode) and g.value not in (iri.ENTITIES_GRAPH, iri.ONTOLOGY_GRAPH))
    for name in names:
        yield list(store.quads_for_pattern(None, None, None, NamedNode(name)))


def write_files(store: Store, folder: Path, view: bool = True) -> tuple[list[Path], dict]:
    """Every file of a build into ``folder``; returns the paths and facts.json's data."""
    folder = Path(folder)
    rows = Rows(FACTS_QUERIES, VIEW_QUERIES if view else {})
    written = write_graph(graphs(store), folder, None, rows.add)
    data = write_facts(rows, folder / "facts.json")
    written.append(folder / "facts.json")
    if view:
        write_view(rows, folder / "graph.html")
        written.append(folder / "graph.html")
    return written, data
