"""The ontology is the single source of terms; the built graph satisfies its SHACL shapes."""
from __future__ import annotations

import subprocess
import sys

import pyoxigraph as ox
import pytest
import rdflib
from pyshacl import validate

from conftest import ROOT


def test_generated_vocabulary_is_up_to_date():
    proc = subprocess.run([sys.executable, str(ROOT / "tools" / "gen_vocab.py"), "--check"], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


def test_ontology_and_shapes_parse_in_both_libraries():
    for name in ("kg.ttl", "shapes.ttl"):
        path = ROOT / "ontology" / name
        assert len(rdflib.Graph().parse(path)) == len(set(ox.parse(path=str(path)))) > 100


def test_every_term_has_a_label_or_a_usage_note():
    g = rdflib.Graph().parse(ROOT / "ontology" / "kg.ttl")
    KG = rdflib.Namespace("https://example.org/kg/ontology#")
    for s in set(g.subjects(rdflib.RDF.type, None)):
        if isinstance(s, rdflib.URIRef) and str(s).startswith(str(KG)):
            assert g.value(s, rdflib.RDFS.label) or g.value(s, rdflib.SKOS.prefLabel), s


def test_a_misspelt_term_is_an_error():
    from kg.vocab import KG
    with pytest.raises(AttributeError):
        KG.Quotaton  # noqa: B018


def test_seed_graph_conforms_to_the_shapes(seed_build):
    out, _ = seed_build
    data = rdflib.Graph().parse(out / "graph.ttl")
    shapes = rdflib.Graph().parse(ROOT / "ontology" / "shapes.ttl")
    data.parse(ROOT / "ontology" / "kg.ttl")   # role and status concepts are typed there
    conforms, _, text = validate(data, shacl_graph=shapes, advanced=True)
    assert conforms, text[:2000]


def test_file_prefixes_never_redefine_a_vocabulary_prefix():
    from kg.export.rdf import FILE_PREFIXES
    from kg.vocab import PREFIXES
    assert all(FILE_PREFIXES[p] == ns for p, ns in PREFIXES.items())
    assert len(set(FILE_PREFIXES.values())) == len(FILE_PREFIXES)


def test_the_shapes_catch_a_broken_fact(seed_build):
    out, _ = seed_build
    data = rdflib.Graph().parse(out / "graph.ttl")
    data.parse(ROOT / "ontology" / "kg.ttl")
    KG = rdflib.Namespace("https://example.org/kg/ontology#")
    quote = next(data.subjects(rdflib.RDF.type, KG.Quotation))
    data.set((quote, KG.confidence, rdflib.Literal("1.5", datatype=rdflib.XSD.decimal)))
    shapes = rdflib.Graph().parse(ROOT / "ontology" / "shapes.ttl")
    conforms, _, text = validate(data, shacl_graph=shapes, advanced=True)
    assert not conforms and "confidence" in text


def test_schema_org_terms_are_the_https_ones_rdflib_binds(seed_build):
    """rdflib (and most tools) bind schema: to https://schema.org/; quotations carry schema:Quotation too."""
    g = rdflib.Graph().parse(seed_build[0] / "graph.ttl")
    assert dict(rdflib.Graph().namespaces())["schema"] == rdflib.URIRef("https://schema.org/")
    people = g.query("SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p a schema:Person }")
    quotes = g.query("SELECT (COUNT(DISTINCT ?q) AS ?n) WHERE { ?q a schema:Quotation ; schema:text ?t }")
    assert next(iter(people))[0].toPython() > 5 and next(iter(quotes))[0].toPython() > 5
    assert not any(str(t).startswith("http://schema.org/") for t in g.predicates())


def test_each_schema_term_maps_to_its_http_twin():
    g = rdflib.Graph().parse(ROOT / "ontology" / "kg.ttl")
    OWL = rdflib.OWL
    used = {s for s in g.subjects() if str(s).startswith("https://schema.org/") and str(s) != "https://schema.org/"}
    twins = {s for s in used for p in (OWL.equivalentClass, OWL.equivalentProperty, OWL.sameAs)
             if (s, p, rdflib.URIRef(str(s).replace("https://", "http://"))) in g}
    assert used and twins == used
