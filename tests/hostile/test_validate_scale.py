"""kg validate's compiled shapes find what pyshacl finds, on a graph with a broken fact of each kind."""
from __future__ import annotations

import re
from importlib import resources

import pytest
import rdflib
from pyshacl import validate as shacl_validate
from rdflib.namespace import SH

from kg.validate import ShapeError, compile_shapes, shapes, validate

BREAKS = [   # (what is broken, a regex on graph.ttl's text, its replacement)
    ("a confidence above 1", r'kg:confidence "?0\.\d+"?(\^\^xsd:decimal)?', "kg:confidence 1.5"),
    ("a majority that does not add up", r"pe:majority (\d+)", lambda m: f"pe:majority {int(m[1]) + 7}"),
    ("a selector that ends before it starts", r"oa:end (\d+)", "oa:end 0"),
    ("a quotation without its text", r"schema:text \"[^\"\n]*\"( ;)?", ""),
    ("a role of an unknown status", r"kg:temporalStatus kg:(Current|Former)", "kg:temporalStatus kg:Sometimes"),
]


def pyshacl_violations(path) -> set[tuple[str, str | None]]:
    data = rdflib.Graph().parse(path)
    with resources.files("kg.ontology").joinpath("kg.ttl").open("rb") as f:
        data.parse(f, format="turtle")
    with resources.files("kg.ontology").joinpath("shapes.ttl").open("rb") as f:
        shape_graph = rdflib.Graph().parse(f, format="turtle")
    _, report, _ = shacl_validate(data, shacl_graph=shape_graph, advanced=True)
    return {(str(report.value(r, SH.focusNode)), str(report.value(r, SH.resultPath) or "") or None)
            for r in report.subjects(rdflib.RDF.type, SH.ValidationResult)}


@pytest.fixture(scope="module")
def broken(seed_build, tmp_path_factory):
    turtle = (seed_build[0] / "graph.ttl").read_text(encoding="utf-8")
    for what, pattern, replacement in BREAKS:
        turtle, n = re.subn(pattern, replacement, turtle, count=1)
        assert n == 1, what
    path = tmp_path_factory.mktemp("broken") / "broken.ttl"
    path.write_text(turtle, encoding="utf-8")
    return path


def test_the_compiled_shapes_find_what_pyshacl_finds(broken):
    ours = {(v.focus, v.path) for v in validate(broken)}
    assert len(ours) >= len(BREAKS)
    assert ours == pyshacl_violations(broken)


def test_a_shape_kg_cannot_check_is_refused_not_skipped():
    g = shapes()
    from pyoxigraph import Literal, NamedNode, Quad
    prop = next(q.object for q in g.quads_for_pattern(None, NamedNode("http://www.w3.org/ns/shacl#property"), None, None))
    g.add(Quad(prop, NamedNode("http://www.w3.org/ns/shacl#pattern"), Literal("^x")))
    with pytest.raises(ShapeError):
        compile_shapes(g)
