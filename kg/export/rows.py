"""Rows of SELECT queries read back from a built graph: from a store, or piece by piece as it streams.

facts.json and the view are made from queries over the graph itself, so that they show exactly
what the graph holds. A build does not keep a copy of the whole graph in memory to ask them: each
piece of the quad stream is loaded into a small in-memory store of its own (kg.export.rdf), the
queries are asked of it (Rows.add), and the rows are gathered over the pieces. That gives the rows
the whole graph would give because every query matches inside one named graph (``GRAPH ?g {...}``)
and each named graph lies whole in one piece. The queries are unordered: their readers sort.
"""
from __future__ import annotations

from pyoxigraph import Store

from .rdf import FILE_PREFIXES   # graph:entities follows the build's base IRI


class Row(tuple):
    """One result row: a tuple of lexical values (None where unbound), read by column name like a
    dict (``row["file"]``). A tuple takes a third of a dict's memory, and a build keeps every row
    until its last piece is read."""

    __slots__ = ()
    columns: dict[str, int] = {}

    def __getitem__(self, name: str) -> str | None:
        return tuple.__getitem__(self, self.columns[name])

    def values(self) -> tuple:
        return self


def select(store: Store, query: str, strings: dict[str, str] | None = None) -> list[Row]:
    """Rows of a SELECT query. With ``strings``, equal values are kept once: an article's IRI, a
    speaker's, a quotation's text read by two queries."""
    results = store.query(query, prefixes=FILE_PREFIXES)
    row = type("Row", (Row,), {"__slots__": (), "columns": {v.value: i for i, v in enumerate(results.variables)}})
    if strings is None:
        return [row(None if t is None else t.value for t in r) for r in results]
    once = strings.setdefault
    return [row(None if t is None else once(t.value, t.value) for t in r) for r in results]


def ordered(rows: list[Row], *first: str) -> list[Row]:
    """Rows sorted by the columns ``first`` (unbound before any value, as SPARQL's ORDER BY), then by
    the rest, so that the order never depends on a store's."""
    def key(r: Row) -> tuple:
        return tuple((r[c] is not None, r[c] or "") for c in first) + tuple(v or "" for v in r.values())
    return sorted(rows, key=key)


class Rows:
    """The rows of named queries, gathered over one store or over the pieces of a graph."""

    def __init__(self, *queries: dict[str, str]):
        self.queries: dict[str, str] = {}
        for name, query in ((n, q) for named in queries for n, q in named.items()):
            assert self.queries.setdefault(name, query) == query, f"two queries named {name}"
        self.rows: dict[str, list[Row]] = {name: [] for name in self.queries}
        self.quads = 0

    @classmethod
    def of(cls, store: Store, *queries: dict[str, str]) -> "Rows":
        rows = cls(*queries)
        rows.add(store)
        return rows

    def add(self, store: Store) -> None:
        self.quads += len(store)
        strings: dict[str, str] = {}   # for this store only: its values would outweigh what the rest share
        for name, query in self.queries.items():
            self.rows[name] += select(store, query, strings)

    def __getitem__(self, name: str) -> list[Row]:
        return self.rows[name]
