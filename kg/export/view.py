"""graph.html: an interactive network view that works offline.

The view is a networkx graph read from the store with SPARQL (people,
organisations, places, events; memberships, outcomes and quotes as edges),
drawn by pyvis with vis-network inlined. pyvis still links Bootstrap from a
CDN; those tags are removed so the page makes no outside request. Tooltips
are plain text: vis-network shows a string title as text, never as HTML.
"""
from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import networkx as nx
from pyoxigraph import Store
from pyvis.network import Network

from .. import iri
from . import atomic_file
from .facts import ENTITIES, TYPES, select

COLOURS = {"Person": "#e07b39", "PoliticalParty": "#3a6ea5", "Organization": "#6c8ebf", "Place": "#5a9e6f",
           "Event": "#b5485d", "Quote": "#c9c9c9"}
CDN_TAGS = re.compile(r"<link[^>]*?https?://[^>]*?/>\s*|<script[^>]*?src=\"https?://[^\"]*\"[^>]*>\s*</script>\s*|"
                      r"<!--\s*<link[^>]*node_modules.*?-->\s*", re.S)


def graph_from_store(store: Store, max_quotes_per_speaker: int = 5) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    classes = defaultdict(set)
    names = {}
    for r in select(store, f"SELECT ?e ?cls ?name WHERE {{ GRAPH {ENTITIES} {{ ?e a ?cls ; schema:name ?name }} }}"):
        classes[r["e"]].add(r["cls"])
        names[r["e"]] = r["name"]
    for e, cls in classes.items():
        kind = next((name for c, name in TYPES if str(c) in cls), None)
        if kind:
            g.add_node(e, label=names[e], kind=kind)
    for r in select(store, """SELECT ?p ?o ?role ?status WHERE { GRAPH ?g {
            ?m a org:Membership ; org:member ?p ; org:organization ?o ; kg:roleLabel ?role ; kg:temporalStatus ?status } }"""):
        former = r["status"].endswith("Former")
        g.add_edge(r["p"], r["o"], label=("former " if former else "") + r["role"], kind="membership")
    for r in select(store, """SELECT DISTINCT ?e ?type ?s ?v WHERE { GRAPH ?g {
            ?x a kg:Outcome ; kg:outcomeOf ?e ; kg:outcomeType ?t ; kg:outcomeSubject ?s .
            OPTIONAL { ?x kg:outcomeValue ?v } } GRAPH ?o { ?t skos:notation ?type } }"""):
        label = r["type"].replace("_", " ") + (f" {int(r['v']):,}" if r["v"] else "")
        g.add_edge(r["s"], r["e"], label=label, kind="outcome")
    shown = defaultdict(int)
    for r in select(store, """SELECT ?q ?s ?text ?file WHERE { GRAPH ?g {
            ?q a kg:Quotation ; schema:creator ?s ; schema:text ?text ; schema:isPartOf ?a . ?a kg:fileName ?file } }
            ORDER BY ?s ?q"""):
        if shown[r["s"]] >= max_quotes_per_speaker:
            continue
        shown[r["s"]] += 1
        short = r["text"] if len(r["text"]) <= 60 else r["text"][:57] + "..."
        g.add_node(r["q"], label=short, kind="Quote", title=f"“{r['text']}”\n— {names.get(r['s'], '')} ({r['file']})")
        g.add_edge(r["s"], r["q"], label="said", kind="quote")
    g.remove_nodes_from([n for n in list(g.nodes) if g.degree(n) == 0 and g.nodes[n].get("kind") != "Event"])
    return g


def write_view(store: Store, path: Path) -> nx.MultiDiGraph:
    g = graph_from_store(store)
    net = Network(height="900px", width="100%", directed=True, cdn_resources="in_line", select_menu=False)
    for n, data in g.nodes(data=True):
        kind = data.get("kind", "Organization")
        title = data.get("title") or f"{data['label']} ({kind})\n{iri.entity_id(n)}"
        size = 10 if kind == "Quote" else 12 + 3 * min(g.degree(n), 10)
        net.add_node(n, label=data["label"], title=title, color=COLOURS.get(kind, "#999999"), size=size,
                     shape="box" if kind == "Quote" else "dot", group=kind)
    for a, b, data in g.edges(data=True):
        net.add_edge(a, b, label=data["label"], title=data["label"])
    net.toggle_physics(True)
    html = CDN_TAGS.sub("", net.generate_html(notebook=False))
    with atomic_file(Path(path), "w") as f:
        f.write(html)
    return g
