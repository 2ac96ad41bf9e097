"""SPARQL over a built graph: run a query, get rows, print them as a table, CSV, TSV or JSON.

The project's prefixes (kg, schema, org, pe, prov, oa, skos, rdf, rdfs, xsd and
the entity paths person:, org:, event: ...) are declared for every query, so
short queries work as written. A query may be given inline or as a .rq file.
"""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from pyoxigraph import QueryBoolean, QuerySolutions, QueryTriples, Store

from .export.rdf import FILE_PREFIXES


class QueryError(Exception):
    """A query that cannot be run; str() is one line."""


def query_text(query: str) -> str:
    """The query itself, read from a file when given a path to an existing .rq file."""
    if query.strip().endswith(".rq") and "\n" not in query.strip():
        path = Path(query.strip())
        if not path.is_file():
            raise QueryError(f"{path}: no such query file")
        return path.read_text(encoding="utf-8")
    return query


def run(store: Store, query: str):
    text = query_text(query)
    try:
        return store.query(text, prefixes=FILE_PREFIXES, use_default_graph_as_union=True)
    except SyntaxError as e:
        raise QueryError(f"SPARQL syntax error: {str(e).splitlines()[0]}") from None
    except OSError as e:
        raise QueryError(f"query failed: {e}") from None


def query(store: Store, query: str) -> list[dict[str, str | None]]:
    """Rows of a SELECT query over all graphs (named graphs merged), as dicts of strings."""
    result = run(store, query)
    if not isinstance(result, QuerySolutions):
        raise QueryError("query() takes a SELECT query; use kg.query.run for ASK and CONSTRUCT")
    names = [v.value for v in result.variables]
    return [{n: (row[n].value if row[n] is not None else None) for n in names} for row in result]


def format_result(result, fmt: str = "table") -> str:
    """A query result as text: table (default), csv, tsv or json; CONSTRUCT gives Turtle-like N-Triples."""
    if isinstance(result, QueryBoolean):
        return json.dumps({"boolean": bool(result)}) if fmt == "json" else ("true" if result else "false")
    if isinstance(result, QueryTriples):
        return "".join(f"{t.subject} {t.predicate} {t.object} .\n" for t in result)
    names = [v.value for v in result.variables]
    rows = [[_show(row[n]) for n in names] for row in result]
    if fmt == "json":
        return json.dumps([dict(zip(names, r)) for r in rows], ensure_ascii=False, indent=1) + "\n"
    if fmt in ("csv", "tsv"):
        buf = io.StringIO()
        writer = csv.writer(buf, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow(names)
        writer.writerows([["" if v is None else v for v in r] for r in rows])
        return buf.getvalue()
    return _table(names, rows)


def _show(term) -> str | None:
    if term is None:
        return None
    value = term.value
    prefix = next((p for p, ns in FILE_PREFIXES.items() if type(term).__name__ == "NamedNode"
                   and value.startswith(ns) and "/" not in value[len(ns):]), None)
    return f"{prefix}:{value[len(FILE_PREFIXES[prefix]):]}" if prefix else value


def _table(names: list[str], rows: list[list[str | None]], width: int = 60) -> str:
    def cell(v):
        v = "" if v is None else " ".join(str(v).split())
        return v if len(v) <= width else v[:width - 1] + "…"
    cells = [[cell(v) for v in r] for r in rows]
    widths = [max([len(n)] + [len(r[i]) for r in cells]) for i, n in enumerate(names)]
    line = lambda r: " | ".join(v.ljust(w) for v, w in zip(r, widths)).rstrip()
    out = [line(names), "-+-".join("-" * w for w in widths)] + [line(r) for r in cells]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out) + "\n"
