"""SPARQL over a built graph: run a query, get rows, print them as a table, CSV, TSV or JSON.

The project's prefixes (kg, schema, org, pe, prov, oa, skos, rdf, rdfs, xsd and
the entity paths person:, org:, event: ...) are declared for every query, so
short queries work as written. A query may be given inline, as a .rq file, or
by the name of one of the queries shipped with kg (queries/*.rq, installed as
kg.queries). Queries run on the embedded store, or on any SPARQL 1.1 endpoint
over HTTP (the SPARQL protocol, results as JSON).
"""
from __future__ import annotations

import csv
import io
import json
import re
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from pyoxigraph import (QueryBoolean, QueryResultsFormat, QuerySolutions, QueryTriples, RdfFormat, Store,
                        parse, parse_query_results)

from .export.rdf import FILE_PREFIXES

if TYPE_CHECKING:
    from .endpoint import Endpoint

ACCEPT = "application/sparql-results+json, application/n-triples;q=0.9, text/turtle;q=0.8"


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


def named_queries() -> dict[str, str]:
    """The queries shipped with kg: name (the file's stem) -> text."""
    files = resources.files("kg.queries")
    return {f.name[:-3]: f.read_text(encoding="utf-8") for f in sorted(files.iterdir(), key=lambda f: f.name)
            if f.name.endswith(".rq")}


def named_query(name: str) -> str:
    queries = named_queries()
    if name not in queries:
        raise QueryError(f"no named query {name!r}; there are: {', '.join(queries)}")
    return queries[name]


def summary(text: str) -> str:
    """The first line of a query's header comment."""
    return next((line.lstrip("# ").strip() for line in text.splitlines() if line.startswith("#")), "")


def with_prefixes(text: str) -> str:
    """The query with the project's prefixes declared in front, those it does not declare itself."""
    own = {m.lower() for m in re.findall(r"(?im)^\s*PREFIX\s+([\w.-]*):", text)}
    decls = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in FILE_PREFIXES.items() if p.lower() not in own)
    return decls + text


def run_remote(endpoint: Endpoint, query: str):
    """Run a query at a SPARQL endpoint; results as pyoxigraph gives them (CONSTRUCT: a list of triples)."""
    from .endpoint import ProtocolError
    response = endpoint.request("POST", data={"query": with_prefixes(query_text(query))},
                                headers={"Accept": ACCEPT}, what="query")
    media = response.headers.get("content-type", "").split(";")[0].strip().lower()
    try:
        if media in ("application/sparql-results+json", "application/json"):
            return parse_query_results(response.content, QueryResultsFormat.JSON)
        fmt = RdfFormat.from_media_type(media)
        if fmt is not None:
            return list(parse(response.content, fmt))
    except SyntaxError as e:
        raise ProtocolError(f"{endpoint.url}: unreadable answer ({str(e).splitlines()[0]})") from None
    raise ProtocolError(f"{endpoint.url}: answered {media or 'without a content type'}, not SPARQL results")


def remote_select(endpoint: Endpoint, query: str) -> list[dict[str, str | None]]:
    """Rows of a SELECT query at a SPARQL endpoint, as dicts of strings."""
    result = run_remote(endpoint, query)
    if not isinstance(result, QuerySolutions):
        raise QueryError("remote_select() takes a SELECT query")
    return rows(result)


def rows(result: QuerySolutions) -> list[dict[str, str | None]]:
    names = [v.value for v in result.variables]
    return [{n: (row[n].value if row[n] is not None else None) for n in names} for row in result]


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
        raise QueryError("query() takes a SELECT query; use kg.sparql.run for ASK and CONSTRUCT")
    return rows(result)


def format_result(result, fmt: str = "table") -> str:
    """A query result as text: table (default), csv, tsv or json; CONSTRUCT gives Turtle-like N-Triples."""
    if isinstance(result, QueryBoolean):
        return json.dumps({"boolean": bool(result)}) if fmt == "json" else ("true" if result else "false")
    if isinstance(result, (QueryTriples, list)):
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


def open_store(path: str | Path = "exports/store", read_only: bool = True) -> Store:
    """The embedded store of a build, for SPARQL from Python."""
    path = Path(path)
    if not path.is_dir():
        raise FileNotFoundError(f"{path}: no store here; run kg build first")
    return Store.read_only(str(path)) if read_only else Store(str(path))
