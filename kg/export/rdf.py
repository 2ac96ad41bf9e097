"""RDF files (Turtle, TriG, N-Quads) and the embedded Oxigraph store."""
from __future__ import annotations

import shutil
import tempfile
from importlib import resources
from pathlib import Path
from typing import Iterable

from pyoxigraph import NamedNode, Quad, RdfFormat, Store, parse, serialize

from .. import iri
from ..vocab import PREFIXES
from . import _umask, atomic_file, replace_dir

FILE_PREFIXES = {**PREFIXES, "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
                 "rdfs": "http://www.w3.org/2000/01/rdf-schema#", "xsd": "http://www.w3.org/2001/XMLSchema#",
                 "person": iri.BASE + "person/", "organization": iri.BASE + "organization/", "place": iri.BASE + "place/",
                 "event": iri.BASE + "event/", "article": iri.BASE + "article/", "quote": iri.BASE + "quote/",
                 "evidence": iri.BASE + "evidence/", "graph": iri.BASE + "graph/"}


def ontology_quads() -> list[Quad]:
    """The ontology itself, in a graph of its own, so the store can label roles and types."""
    g = NamedNode(iri.ONTOLOGY_GRAPH)
    path = resources.files("kg.ontology").joinpath("kg.ttl")
    with path.open("rb") as f:
        return [Quad(t.subject, t.predicate, t.object, g) for t in parse(f, RdfFormat.TURTLE)]


def write_store(quads: Iterable[Quad], target: Path) -> Store:
    """Build a fresh store beside ``target`` and swap it in; returns it opened at ``target``."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    tmp.chmod(0o777 & ~_umask())
    try:
        store = Store(str(tmp))
        store.bulk_extend(quads)
        store.flush()
        del store
        replace_dir(tmp, target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return Store(str(target))


def write_quads(store: Store, path: Path, fmt: RdfFormat) -> Path:
    """graph.nq or graph.trig: every graph of the store, named graphs kept."""
    with atomic_file(path) as f:
        store.dump(f, fmt, prefixes=FILE_PREFIXES if fmt is RdfFormat.TRIG else None)
    return path


def write_turtle(store: Store, path: Path) -> Path:
    """graph.ttl: Turtle has no named graphs, so every triple of the facts' graphs (not the
    ontology's), each once (a CONSTRUCT result is a set), streamed through Oxigraph's serialiser."""
    triples = store.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH ?g {{ ?s ?p ?o }} "
                          f"FILTER (?g != <{iri.ONTOLOGY_GRAPH}>) }}")
    with atomic_file(path) as f:
        serialize(triples, f, RdfFormat.TURTLE, prefixes=FILE_PREFIXES)
    return path


def file_writers(store: Store, out: Path) -> list:
    """The three RDF files as separate jobs (Oxigraph writes without holding the GIL: they can run in threads)."""
    out = Path(out)
    return [lambda: write_quads(store, out / "graph.nq", RdfFormat.N_QUADS),
            lambda: write_quads(store, out / "graph.trig", RdfFormat.TRIG),
            lambda: write_turtle(store, out / "graph.ttl")]
