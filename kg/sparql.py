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
import datetime
import io
import json
import re
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from pyoxigraph import (Literal, QueryBoolean, QueryResultsFormat, QuerySolutions, QueryTriples, RdfFormat, Store,
                        parse, parse_query_results)

from . import iri
from .export.rdf import FILE_PREFIXES
from .guard import QueryRefused, check_nesting
from .vocab import PREFIXES

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


def remote_select(endpoint: Endpoint, query: str) -> Rows:
    """Rows of a SELECT query at a SPARQL endpoint, with Python values as query() gives them."""
    result = run_remote(endpoint, query)
    if not isinstance(result, QuerySolutions):
        raise QueryError("remote_select() takes a SELECT query")
    return rows(result)


class Rows(list):
    """The rows of a SELECT query: a list of dicts, variable -> Python value (None when unbound).

    Values keep their type: xsd integers are int, decimals and doubles float, booleans bool,
    dates datetime.date, date-times datetime.datetime; IRIs, blank nodes and all other literals
    are str. ``variables`` keeps the query's column order, also when there are no rows."""

    def __init__(self, variables: list[str], items=()):
        super().__init__(items)
        self.variables = list(variables)

    def to_dataframe(self):
        """The rows as a pandas DataFrame, one column per variable (pandas: pip install 'kg[pandas]')."""
        try:
            import pandas
        except ImportError:
            raise QueryError("to_dataframe() needs pandas: pip install 'kg[pandas]'") from None
        return pandas.DataFrame(list(self), columns=self.variables)


def rows(result: QuerySolutions) -> Rows:
    names = [v.value for v in result.variables]
    return Rows(names, ({n: python_value(row[n]) for n in names} for row in result))


INTEGERS = {"integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger", "negativeInteger",
            "nonPositiveInteger", "unsignedInt", "unsignedLong", "unsignedShort", "unsignedByte"}
XSD = "http://www.w3.org/2001/XMLSchema#"


def python_value(term):
    """A query result's term as a Python value: see Rows. A literal its datatype cannot hold
    ("12x" as an integer, 2021-02-30 as a date) stays the string it is."""
    if term is None:
        return None
    if not isinstance(term, Literal) or not term.datatype.value.startswith(XSD):
        return term.value
    kind, text = term.datatype.value[len(XSD):], term.value.strip()
    try:
        if kind in INTEGERS:
            return int(text)
        if kind in ("decimal", "double", "float"):
            return float(text)
        if kind == "boolean":
            return {"true": True, "1": True, "false": False, "0": False}[text]
        if kind == "date":
            return datetime.date.fromisoformat(text[:10]) if len(text) == 10 or text[10:] in ("Z",) else text
        if kind == "dateTime":
            return datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except (ValueError, KeyError):
        pass
    return term.value


def run(store: Store, query: str):
    text = query_text(query)
    try:   # a query nested thousands deep would overflow the engine's stack and kill this process
        check_nesting(text)
    except QueryRefused as e:
        raise QueryError(str(e)) from None
    try:
        return store.query(text, prefixes=FILE_PREFIXES, use_default_graph_as_union=True)
    except SyntaxError as e:
        raise QueryError(syntax_message(text, str(e))) from None
    except OSError as e:
        raise QueryError(f"query failed: {e}") from None


def syntax_message(text: str, error: str) -> str:
    """The parser's error as one readable line: where (line and column), what it expected in
    short, and for an undeclared prefix which one and how to declare it."""
    m = re.match(r"error at (\d+):(\d+): (.*)", error, flags=re.S)
    if not m:
        return f"SPARQL syntax error: {error.splitlines()[0]}"
    line, column, detail = int(m[1]), int(m[2]), " ".join(m[3].split())
    where = f"SPARQL syntax error at line {line}, column {column}"
    lines = text.splitlines() or [""]
    before = lines[min(line, len(lines)) - 1][:max(column - 1, 0)]
    near = (re.findall(r"\S+$", before) or [""])[0][-30:]
    own = {d.lower() for d in re.findall(r"(?im)^\s*PREFIX\s+([\w.-]*):", text)}
    bare = re.sub(r'<[^<>\s]*>|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|#[^\n]*', " ", text)   # no IRIs, strings, comments
    unknown = list(dict.fromkeys(p for p in re.findall(r"(?<![\w<:/?$#.-])([A-Za-z][\w.-]*|):[\w-]", bare)
                                 if p.lower() not in own and p not in FILE_PREFIXES))
    if "Prefix not found" in detail or unknown:
        name = near.split(":")[0] if "Prefix not found" in detail and ":" in near else unknown[0]
        return (f"{where}: the prefix {name}: is not declared; add PREFIX {name}: <…> before SELECT "
                f"(kg declares {', '.join(p + ':' for p in FILE_PREFIXES)})")
    expected = re.match(r"expected one of (.*)", detail)
    if expected:
        options = [o.strip() for o in re.split(r",\s*(?![^\[]*\])", expected[1]) if o.strip()]
        detail = "expected " + ", ".join(options[:6]) + (f" or {len(options) - 6} more" if len(options) > 6 else "")
    return f"{where}" + (f" near {near!r}" if near else "") + f": {detail}"


def query(store: Store, query: str) -> Rows:
    """Rows of a SELECT query over all graphs (named graphs merged), as dicts of Python values (see Rows)."""
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
    terms = [[row[n] for n in names] for row in result]
    if fmt == "json":   # numbers, booleans and nulls as JSON has them; dates as ISO 8601 text
        out = [{n: _json_value(t) for n, t in zip(names, r)} for r in terms]
        return json.dumps(out, ensure_ascii=False, indent=1) + "\n"
    if fmt in ("csv", "tsv"):
        buf = io.StringIO()
        writer = csv.writer(buf, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow([safe_cell(n) for n in names])
        writer.writerows([[_csv_value(t) for t in r] for r in terms])
        return buf.getvalue()
    return _table(names, [[_show(t) for t in r] for r in terms])


def _json_value(term):
    value = python_value(term) if isinstance(term, Literal) else _show(term)
    return value.isoformat() if isinstance(value, (datetime.date, datetime.datetime)) else value


def _csv_value(term) -> str:
    if term is None:
        return ""
    value = python_value(term) if isinstance(term, Literal) else None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return term.value   # a number, minus sign and all
    return safe_cell(_show(term))


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(text: str) -> str:
    """A CSV cell that a spreadsheet will show, not evaluate: text that begins like a formula
    (=, +, -, @, tab, carriage return) gets a leading apostrophe, as OWASP's CSV-injection advice has it."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


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
    """The embedded store of a build, for SPARQL from Python. The prefixes person:, graph: ... then
    stand for the base IRI the store was built with (kg build --base-iri)."""
    path = Path(path)
    if not path.is_dir():
        raise FileNotFoundError(f"{path}: no store here; run kg build first")
    store = Store.read_only(str(path)) if read_only else Store(str(path))
    base = store_base(store)
    if base and base != iri.BASE:
        iri.use_base(base)
    return store


def store_base(store: Store) -> str | None:
    """The base IRI a store's build recorded (None for stores of kg before --base-iri: the default)."""
    for row in store.query("SELECT ?b WHERE { GRAPH ?g { ?a kg:baseIRI ?b } } LIMIT 1", prefixes=PREFIXES):
        return row["b"].value
    return None
