"""Query results keep their types: in Python (Rows, DataFrame) and in kg query's JSON and CSV."""
from __future__ import annotations

import csv
import datetime
import io
import json

import pytest
from pyoxigraph import Literal, NamedNode, Quad, Store

from kg.sparql import Rows, format_result, python_value, query, run, safe_cell
from servers import kg

XSD = "http://www.w3.org/2001/XMLSchema#"


def lit(text, kind=None):
    return Literal(text, datatype=NamedNode(XSD + kind)) if kind else Literal(text)


@pytest.mark.parametrize("term, value", [
    (lit("13296", "integer"), 13296),
    (lit("-4", "int"), -4),
    (lit("45.3", "decimal"), 45.3),
    (lit("1.5E2", "double"), 150.0),
    (lit("true", "boolean"), True),
    (lit("0", "boolean"), False),
    (lit("2024-05-02", "date"), datetime.date(2024, 5, 2)),
    (lit("2024-05-02T10:30:00Z", "dateTime"), datetime.datetime(2024, 5, 2, 10, 30, tzinfo=datetime.timezone.utc)),
    (lit("2021-02-30", "date"), "2021-02-30"),        # an impossible date stays as written, never shifted
    (lit("12x", "integer"), "12x"),
    (lit("2024", "gYear"), "2024"),
    (lit("plain text"), "plain text"),
    (Literal("bonjour", language="fr"), "bonjour"),
    (NamedNode("https://example.org/kg/id/person/jane-doe"), "https://example.org/kg/id/person/jane-doe"),
    (None, None),
])
def test_a_term_becomes_the_python_value_of_its_datatype(term, value):
    got = python_value(term)
    assert got == value and type(got) is type(value)


@pytest.fixture()
def tiny():
    store = Store()
    s, g = NamedNode("https://example.org/s"), NamedNode("https://example.org/g")
    for p, o in [("votes", lit("13296", "integer")), ("share", lit("-2.5", "decimal")),
                 ("note", lit("=HYPERLINK(\"x\")")), ("on", lit("2024-05-02", "date"))]:
        store.add(Quad(s, NamedNode("https://example.org/" + p), o, g))
    return store


QUERY = ("SELECT ?votes ?share ?note ?on ?none WHERE { ?s <https://example.org/votes> ?votes ; "
         "<https://example.org/share> ?share ; <https://example.org/note> ?note ; <https://example.org/on> ?on }")


def test_rows_are_typed_and_become_a_dataframe(tiny):
    rows = query(tiny, QUERY)
    assert isinstance(rows, Rows) and rows.variables == ["votes", "share", "note", "on", "none"]
    assert rows == [{"votes": 13296, "share": -2.5, "note": '=HYPERLINK("x")', "on": datetime.date(2024, 5, 2),
                     "none": None}]
    frame = rows.to_dataframe()
    assert list(frame.columns) == rows.variables and frame["votes"].dtype.kind == "i"
    assert frame["votes"].sum() == 13296 and frame["share"].iloc[0] == -2.5


def test_no_rows_still_give_the_columns(tiny):
    rows = query(tiny, "SELECT ?a ?b WHERE { ?a <https://example.org/nothing> ?b }")
    assert rows == [] and list(rows.to_dataframe().columns) == ["a", "b"]


def test_json_keeps_numbers_as_numbers(tiny):
    out = json.loads(format_result(run(tiny, QUERY), "json"))
    assert out == [{"votes": 13296, "share": -2.5, "note": '=HYPERLINK("x")', "on": "2024-05-02", "none": None}]


def test_csv_keeps_numbers_and_disarms_formulas(tiny):
    (header, row), = [list(csv.reader(io.StringIO(format_result(run(tiny, QUERY), "csv"))))]
    assert header == ["votes", "share", "note", "on", "none"]
    assert row == ["13296", "-2.5", "'=HYPERLINK(\"x\")", "2024-05-02", ""]


@pytest.mark.parametrize("cell, safe", [("=1+1", "'=1+1"), ("+x", "'+x"), ("-x", "'-x"), ("@SUM(A1)", "'@SUM(A1)"),
                                        ("\tx", "'\tx"), ("\rx", "'\rx"), ("Jane Doe", "Jane Doe"), ("", "")])
def test_a_cell_that_looks_like_a_formula_is_disarmed(cell, safe):
    assert safe_cell(cell) == safe


def test_kg_query_json_on_a_build(seed_build):
    code, out, err = kg("query", "--named", "election-results", "--store", str(seed_build[0] / "store"),
                        "--format", "json")
    rows = json.loads(out)
    assert code == 0 and rows and any(isinstance(r["votes"], int) for r in rows)


@pytest.mark.parametrize("text, says", [
    ("SELECT ?x WHERE { ?x foaf:name ?n }", ["line 1, column", "prefix foaf: is not declared", "PREFIX foaf:"]),
    ("PREFIX dc: <http://purl.org/dc/terms/>\nSELECT ?x WHERE {\n  ?x dc:title ?t ; ex:y ?z }",
     ["line 3, column", "prefix ex: is not declared"]),
    ("SELECT ?x WHERE {\n  ?x schema:name ?n\n  FILTER(?n = }", ["line 3, column", "near '}'", "expected"]),
    ('SELECT ?x WHERE { ?x <http://a.example/c:d> "x:y" } LIMIT', ["line 1, column", "near 'LIMIT'"]),
])
def test_a_syntax_error_is_one_line_with_where_and_a_hint(tiny, text, says):
    from kg.sparql import QueryError
    with pytest.raises(QueryError) as e:
        run(tiny, text)
    message = str(e.value)
    assert "\n" not in message and len(message) < 400 and all(s in message for s in says), message
    assert "prefix x:" not in message and "prefix c:" not in message   # strings and IRIs hold no prefixes
