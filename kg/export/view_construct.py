"""The view of a SPARQL CONSTRUCT (or DESCRIBE) query: its triples as a network.

Resources become nodes and resource-valued triples edges, labelled by the
predicate; literal values and rdf:type become the node's properties. Nodes
are typed and named from the query's own triples, else from the store.
"""
from __future__ import annotations

from collections import defaultdict

import networkx as nx
from pyoxigraph import BlankNode, Literal, QueryTriples, Store

from ..sparql import query_text, run
from ..vocab import KG, SCHEMA
from .facts import TYPES
from .rdf import FILE_PREFIXES
from .view_data import QUOTE, ViewError

RDF_TYPE = FILE_PREFIXES["rdf"] + "type"
NAMES = (str(SCHEMA.name), FILE_PREFIXES["rdfs"] + "label", FILE_PREFIXES["skos"] + "prefLabel", str(SCHEMA.text))
MORE_KINDS = [(str(KG.Quotation), QUOTE), (str(SCHEMA.NewsArticle), "Article")]


def compact(iri: str) -> str:
    """An IRI in the project's prefixes where one fits (person:jane-doe, schema:name)."""
    for prefix, ns in sorted(FILE_PREFIXES.items(), key=lambda p: -len(p[1])):
        if iri.startswith(ns) and len(iri) > len(ns):
            return f"{prefix}:{iri[len(ns):]}"
    return iri


def _node_id(term) -> str:
    return f"_:{term.value}" if isinstance(term, BlankNode) else term.value


def _store_facts(store: Store, iris: list[str]) -> tuple[dict[str, set], dict[str, str]]:
    """Classes and names the store knows for some IRIs, asked 400 at a time."""
    classes, names = defaultdict(set), {}
    for i in range(0, len(iris), 400):
        values = " ".join(f"<{x}>" for x in iris[i:i + 400] if ">" not in x)
        query = ("SELECT ?x ?c ?n WHERE { VALUES ?x { " + values + " } "
                 "{ ?x a ?c } UNION { ?x <" + str(SCHEMA.name) + "> ?n } }")
        for row in store.query(query, use_default_graph_as_union=True):
            if row["c"] is not None:
                classes[row["x"].value].add(row["c"].value)
            if row["n"] is not None:
                names.setdefault(row["x"].value, row["n"].value)
    return classes, names


def graph_from_construct(store: Store, query: str) -> nx.MultiDiGraph:
    result = run(store, query)
    if not isinstance(result, QueryTriples):
        raise ViewError("the query must be a CONSTRUCT or DESCRIBE query (a SELECT has no graph to draw)")
    g = nx.MultiDiGraph(query=query_text(query).strip())
    classes, names, props = defaultdict(set), {}, defaultdict(list)
    for t in result:
        s = _node_id(t.subject)
        g.add_node(s)
        p = t.predicate.value
        if p == RDF_TYPE and not isinstance(t.object, Literal):
            classes[s].add(t.object.value)
        elif isinstance(t.object, Literal):
            if p in NAMES:
                names.setdefault(s, t.object.value)
            props[s].append([compact(p), t.object.value])
        else:
            o = _node_id(t.object)
            key = compact(p)
            if not g.has_edge(s, o, key):
                g.add_edge(s, o, key=key, kind=key, label=key.split(":", 1)[-1], evidence=[])
    known_classes, known_names = _store_facts(store, [n for n in g if not n.startswith("_:")])
    for n, d in g.nodes(data=True):
        cls = classes[n] | known_classes.get(n, set())
        d["kind"] = next((name for c, name in [(str(c), k) for c, k in TYPES] + MORE_KINDS if c in cls), "Other")
        d["label"] = names.get(n) or known_names.get(n) or compact(n)
        if len(d["label"]) > 60:
            d["label"] = d["label"][:58] + "…"
        d.update(aliases=[], facts=[], iri=n, props=props[n][:40] + [[compact(RDF_TYPE), compact(c)] for c in sorted(cls)])
    return g
