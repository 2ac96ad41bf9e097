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


def write_files(store: Store, out: Path) -> list[Path]:
    """graph.nq and graph.trig (named graphs) and graph.ttl (every triple, merged)."""
    out = Path(out)
    written = []
    for name, fmt in (("graph.nq", RdfFormat.N_QUADS), ("graph.trig", RdfFormat.TRIG)):
        with atomic_file(out / name) as f:
            store.dump(f, fmt, prefixes=FILE_PREFIXES if fmt is RdfFormat.TRIG else None)
        written.append(out / name)
    # Turtle has no named graphs: every triple of the facts' graphs (not the ontology's), each once
    # (a CONSTRUCT result is a set), streamed to the file by Oxigraph's serialiser.
    triples = store.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH ?g {{ ?s ?p ?o }} "
                          f"FILTER (?g != <{iri.ONTOLOGY_GRAPH}>) }}")
    with atomic_file(out / "graph.ttl") as f:
        serialize(triples, f, RdfFormat.TURTLE, prefixes=FILE_PREFIXES)
    written.append(out / "graph.ttl")
    return written
