"""Load a built graph into any SPARQL 1.1 store with the Graph Store HTTP Protocol.

Each graph is replaced as a whole: its first batch of triples is PUT (which
replaces whatever the store had in that graph), the rest are POSTed (which
adds), so loading the same graph twice leaves the same triples. A graph with
blank nodes goes in one request, since a blank node means the same node only
within one request. With ``prune``, graphs of kg's graph namespace that the
store holds but the loaded data does not (articles replaced by a later
build) are deleted, which needs the store's SPARQL query endpoint to list them.

The input is a build's output directory (its store/, else graph.nq or
graph.trig), an Oxigraph store directory, or one RDF file (N-Quads or TriG
keep their named graphs; Turtle, N-Triples and RDF/XML go to ``graph`` or
the default graph).
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator
from urllib.parse import urlencode

from pyoxigraph import BlankNode, DefaultGraph, NamedNode, RdfFormat, Store, Triple, serialize

from . import iri
from .endpoint import Endpoint, ProtocolError
from .sparql import remote_select, store_base

NTRIPLES = "application/n-triples"
Progress = Callable[[int, int, str], None]


class SourceError(Exception):
    """Input that cannot be loaded; str() is one line naming the file."""


@dataclass
class LoadReport:
    graphs: int = 0
    triples: int = 0
    requests: int = 0
    pruned: int = 0
    seconds: float = 0.0


def open_source(path: str | Path, graph: str | None = None) -> Store:
    """The quads to load: a store opened read-only, or a file parsed into memory."""
    path = Path(path)
    if path.is_dir():
        if (path / "CURRENT").is_file():   # an Oxigraph (RocksDB) store directory
            return _read_only(path)
        if (path / "store" / "CURRENT").is_file():
            return _read_only(path / "store")
        files = [path / n for n in ("graph.nq", "graph.trig") if (path / n).is_file()]
        if not files:
            raise SourceError(f"{path}: neither a store nor a build's output (no store/, graph.nq or graph.trig)")
        path = files[0]
    if not path.is_file():
        raise SourceError(f"{path}: no such file or directory")
    fmt = RdfFormat.from_extension(path.suffix.lstrip(".").lower())
    if fmt is None:
        raise SourceError(f"{path}: unknown RDF format (use .nq, .trig, .ttl, .nt or .rdf)")
    store = Store()
    try:
        store.bulk_load(path=str(path), format=fmt,
                        to_graph=None if fmt.supports_datasets else (NamedNode(graph) if graph else DefaultGraph()))
    except (SyntaxError, ValueError, OSError) as e:
        raise SourceError(f"{path}: {str(e).splitlines()[0]}") from None
    return store


def _read_only(path: Path) -> Store:
    try:
        return Store.read_only(str(path))
    except (OSError, RuntimeError) as e:
        raise SourceError(f"{path}: cannot open the store ({str(e).splitlines()[0]})") from None


def graphs(store: Store) -> list:
    """The graphs to send: the named ones in IRI order, then the default graph if it has triples."""
    names = sorted(store.named_graphs(), key=lambda g: str(g))
    default = next(iter(store.quads_for_pattern(None, None, None, DefaultGraph())), None)
    return names + ([DefaultGraph()] if default is not None else [])


UNION = "union"   # put_graph's graph for "every graph's triples, into the default graph"


def batches(store: Store, graph, size: int) -> Iterator[bytes]:
    """A graph's triples as N-Triples, ``size`` triples a batch (one batch if it has blank nodes);
    for UNION, the triples of all graphs, each once."""
    if graph == UNION:
        triples = list(dict.fromkeys(Triple(q.subject, q.predicate, q.object) for q in store))
    else:
        triples = [Triple(q.subject, q.predicate, q.object) for q in store.quads_for_pattern(None, None, None, graph)]
    if any(isinstance(t.subject, BlankNode) or isinstance(t.object, BlankNode) for t in triples):
        size = max(size, len(triples))
    for start in range(0, len(triples), size):
        yield serialize(triples[start:start + size], format=RdfFormat.N_TRIPLES)


def target(endpoint: Endpoint, graph) -> tuple[str, str]:
    """(URL, label) of a graph at a Graph Store endpoint: ?graph=IRI, or ?default."""
    sep = "&" if "?" in endpoint.url else "?"
    if graph == UNION:
        return f"{endpoint.url}{sep}default", "default graph (every graph's triples)"
    if isinstance(graph, DefaultGraph):
        return f"{endpoint.url}{sep}default", "default graph"
    return f"{endpoint.url}{sep}{urlencode({'graph': graph.value})}", f"graph <{graph.value}>"


def put_graph(endpoint: Endpoint, store: Store, graph, batch: int) -> int:
    """Replace one graph at the endpoint with the store's; returns the number of triples sent."""
    url, label = target(endpoint, graph)
    sent = 0
    for n, body in enumerate(batches(store, graph, batch)):
        endpoint.request("PUT" if n == 0 else "POST", url, what=label, content=body,
                         headers={"Content-Type": NTRIPLES})
        sent += body.count(b"\n")
    return sent


def load(source: str | Path, endpoint: Endpoint, batch: int = 10_000, graph: str | None = None,
         prune: bool = False, sparql: Endpoint | None = None, progress: Progress | None = None,
         default_graph: bool = False) -> LoadReport:
    """Load ``source`` into the store at ``endpoint`` (a Graph Store protocol URL), graph by graph.
    With ``default_graph``, every triple also goes into the store's default graph (replacing what it
    held), for stores whose queries see only that graph."""
    if prune and sparql is None:
        raise ProtocolError("pruning needs the store's SPARQL query endpoint (--sparql URL)")
    started = time.perf_counter()
    store = open_source(source, graph)
    report = LoadReport()
    todo = graphs(store)
    if default_graph:
        todo = [g for g in todo if not isinstance(g, DefaultGraph)] + [UNION]
    for n, g in enumerate(todo, 1):
        report.triples += put_graph(endpoint, store, g, batch)
        report.graphs += 1
        if progress:
            progress(n, len(todo), str(g))
    if prune:
        loaded = {g.value for g in todo if isinstance(g, NamedNode)}
        for stale in sorted(set(kg_graphs(sparql, store_base(store) or iri.DEFAULT_BASE)) - loaded):
            endpoint.request("DELETE", target(endpoint, NamedNode(stale))[0], what=f"graph <{stale}>")
            report.pruned += 1
    report.requests = endpoint.attempts + (sparql.attempts if sparql else 0)
    report.seconds = time.perf_counter() - started
    return report


def kg_graphs(sparql: Endpoint, base: str) -> list[str]:
    """The graphs of kg's graph namespace (under the base IRI ``base``) that a store holds."""
    rows = remote_select(sparql, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } "
                                 f'FILTER(STRSTARTS(STR(?g), "{base}graph/")) }}')
    return [r["g"] for r in rows if r["g"]]
