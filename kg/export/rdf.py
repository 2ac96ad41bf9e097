"""RDF files (Turtle, TriG, N-Quads) and the embedded Oxigraph store."""
from __future__ import annotations

import shutil
import tempfile
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from importlib import resources
from pathlib import Path
from typing import Callable, Iterable, Iterator

from pyoxigraph import NamedNode, Quad, RdfFormat, Store, parse, serialize

from .. import iri
from ..vocab import PREFIXES
from . import _umask, atomic_file, replace_dir

FILE_PREFIXES = {**PREFIXES, "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
                 "rdfs": "http://www.w3.org/2000/01/rdf-schema#", "xsd": "http://www.w3.org/2001/XMLSchema#"}
PATHS = ("person", "organization", "place", "event", "article", "quote", "evidence", "graph")
SHARED_SUBJECTS: tuple[str, ...] = ()


def _follow_base() -> None:
    """The entity-path prefixes (person:, graph: ...) under the current base IRI (kg.iri.use_base)."""
    global SHARED_SUBJECTS
    FILE_PREFIXES.update({p: f"{iri.BASE}{p}/" for p in PATHS})
    SHARED_SUBJECTS = tuple(iri.BASE + kind + "/" for kind in ("person", "organization", "place", "event", "candidacy"))

_follow_base()
iri._LISTENERS.append(_follow_base)


def ontology_quads() -> list[Quad]:
    """The ontology itself, in a graph of its own, so the store can label roles and types."""
    g = NamedNode(iri.ONTOLOGY_GRAPH)
    path = resources.files("kg.ontology").joinpath("kg.ttl")
    with path.open("rb") as f:
        return [Quad(t.subject, t.predicate, t.object, g) for t in parse(f, RdfFormat.TURTLE)]


def write_store(quads: Iterable[Quad], target: Path) -> Store:
    """Build a fresh store beside ``target`` and swap it in; returns it opened at ``target``."""
    with new_store(target) as store:
        store.bulk_extend(quads)
    return Store(str(target))


@contextmanager
def new_store(target: Path) -> Iterator[Store]:
    """A fresh, empty store beside ``target``, swapped in for it when the block ends well; thrown
    away, leaving ``target`` as it was, when the block fails."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    tmp.chmod(0o777 & ~_umask())
    try:
        store = Store(str(tmp))
        yield store
        store.flush()
        del store
        replace_dir(tmp, target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


CHUNK = 20_000           # quads serialised at a time
STORE_BATCH = 250_000    # quads the disk store takes at a time
PIECE = 50_000           # quads read back at a time (kg.export.rows)


def write_graph(graphs: Iterable[list[Quad]], out: Path, store: Store | None, read: Callable[[Store], None] | None = None,
                background: ExitStack | None = None) -> list[Path]:
    """graph.nq, graph.trig and graph.ttl, written as the graphs stream by, and every quad into
    ``store`` (on disk) and into small in-memory stores of about PIECE quads (whole named graphs),
    each handed to ``read`` and then dropped (kg.export.rows.Rows.add). The stores are filled by a
    thread each while this one goes on (Oxigraph parses N-Quads text without holding the GIL);
    ``read`` runs on this thread. It returns when the files are written and every piece was read;
    with ``background`` the disk store may still be loading its last pieces until that stack is
    closed, so that the caller can go on meanwhile.

    Each graph comes whole (kg.graph.build_graphs), so it is one block in TriG. Turtle has no
    named graphs: it gets every triple but the ontology's, each once (a shortcut such as
    org:memberOf can be stated by several articles about the same entities).
    """
    out = Path(out)
    paths = [out / "graph.nq", out / "graph.trig", out / "graph.ttl"]
    shared: set = set()
    with ExitStack() as files:
        # The disk store takes large pieces through its bulk loader (each piece is a set of new
        # files in the database: few pieces keep it fast to read), the reader smaller ones.
        disk = (background or files).enter_context(_Feeder(store.bulk_load if store is not None else _skip, STORE_BATCH))
        feeders = [disk] if store is not None else []
        if read is not None:
            feeders.append(files.enter_context(_Feeder(_piece, PIECE, then=read)))
        nq, trig, ttl = (files.enter_context(atomic_file(p)) for p in paths)
        for n, (chunk, ontology) in enumerate(_chunks(graphs)):
            data = serialize(chunk, None, RdfFormat.N_QUADS)
            nq.write(data)
            for feeder in feeders:
                feeder.add(data, len(chunk))
            trig.write(_body(serialize(chunk, None, RdfFormat.TRIG, prefixes=FILE_PREFIXES), n))
            if not ontology:
                triples = []
                for q in chunk:
                    t = q.triple
                    if q.subject.value.startswith(SHARED_SUBJECTS):
                        if t in shared:
                            continue
                        shared.add(t)
                    triples.append(t)
                ttl.write(_body(serialize(triples, None, RdfFormat.TURTLE, prefixes=FILE_PREFIXES), n))
        disk.finish()
    return paths


def _skip(input: bytes, format: RdfFormat) -> None:
    return None


def _piece(input: bytes, format: RdfFormat) -> Store:
    piece = Store()
    piece.load(input, format=format)
    return piece


class _Feeder:
    """N-Quads text gathered into pieces of about ``batch`` quads, each loaded by ``load`` in a thread;
    ``then``, if given, gets what each load returned, in order, on the calling thread."""

    def __init__(self, load, batch: int, then: Callable | None = None):
        self.load, self.batch, self.then = load, batch, then
        self.parts: list[bytes] = []
        self.quads = 0
        self.thread = ThreadPoolExecutor(1)
        self.pending: list = []

    def add(self, data: bytes, quads: int) -> None:
        self.parts.append(data)
        self.quads += quads
        if self.quads >= self.batch:
            self._submit()
        while self.pending and self.pending[0].done():
            self._take()

    def _take(self) -> None:
        loaded = self.pending.pop(0).result()   # (raises a failed load's error)
        if self.then is not None:
            self.then(loaded)

    def _submit(self) -> None:
        if self.parts:
            self.pending.append(self.thread.submit(self.load, input=b"".join(self.parts), format=RdfFormat.N_QUADS))
        self.parts, self.quads = [], 0

    def finish(self) -> None:
        """Hand over the last piece; the loads go on until the feeder is closed."""
        self._submit()

    def __enter__(self) -> "_Feeder":
        return self

    def __exit__(self, kind, *_) -> None:
        if kind is None:
            self._submit()
        self.thread.shutdown(wait=True, cancel_futures=kind is not None)
        while kind is None and self.pending:
            self._take()


def _chunks(graphs: Iterable[list[Quad]]) -> Iterator[tuple[list[Quad], bool]]:
    """(quads, is the ontology): whole graphs gathered into lists of about CHUNK quads, then the ontology."""
    chunk: list[Quad] = []
    for quads in graphs:
        chunk += quads
        if len(chunk) >= CHUNK:
            yield chunk, False
            chunk = []
    if chunk:
        yield chunk, False
    yield ontology_quads(), True


def _body(data: bytes, n: int) -> bytes:
    """Serialiser output of chunk ``n`` without its @prefix lines past the first (they are said once, at the top)."""
    if n == 0:
        return data
    end = 0
    while data.startswith(b"@prefix ", end):
        end = data.index(b"\n", end) + 1
    return data[end:]
