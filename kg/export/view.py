"""graph.html: an interactive network view that works offline from the file.

The view graph (view_data.py) is drawn by pyvis with vis-network inlined, at
positions from the fast layout (layout.py). Physics runs from those positions
in small views, so it settles in a moment, and is off (a switch in the page)
in large ones. Controls, legend, search and the details panel are the page's
own script (view.js), which reads the facts from an inert JSON block and
builds every element with textContent: article text never becomes markup.
vis-network is given no titles, so its own HTML tooltips never run either.
"""
from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path

import networkx as nx
from pyoxigraph import Store
from pyvis.network import Network

from . import DEFAULT_MAX_NODES, atomic_file
from .layout import layout
from .rows import Rows
from .view_data import OUTCOME, PLACE, QUOTE, ROLE, SAID, focus, graph_from_rows, graph_from_store, most_connected
from .view_construct import graph_from_construct

PHYSICS_MAX_NODES = 500      # above this, positions are fixed and physics starts off
KINDS = {"Person": ("#e07b39", "people"), "PoliticalParty": ("#3a6ea5", "parties"),
         "Organization": ("#7e6bbf", "organisations"), "Place": ("#4f9a63", "places"),
         "Event": ("#c0394f", "events"), QUOTE: ("#9a9a9a", "quotations"),
         "Article": ("#b08d3c", "articles"), "Other": ("#6f7c85", "other")}
FACTS = {ROLE: ("#3a6ea5", "roles"), SAID: ("#9a9a9a", "said"), OUTCOME: ("#c0394f", "outcomes"),
         PLACE: ("#4f9a63", "places")}
OTHER_FACT = "#6f7c85"
CDN_TAGS = re.compile(r"<link[^>]*?https?://[^>]*?/>\s*|<script[^>]*?src=\"https?://[^\"]*\"[^>]*>\s*</script>\s*|"
                      r"<!--\s*<link[^>]*node_modules.*?-->\s*", re.S)


class FastNetwork(Network):
    """pyvis's Network without its linear membership checks (quadratic over a whole graph).

    The caller adds each node once and edges only between added nodes.
    """

    def add_node(self, n_id, label=None, shape="dot", color="#97c2fc", **options):
        options.update(id=n_id, label=label if label is not None else n_id, shape=shape, color=color)
        self.nodes.append(options)
        self.node_ids.append(n_id)
        self.node_map[n_id] = options

    def add_edge(self, source, to, **options):   # arrows come from the options, for all edges at once
        options.update({"from": source, "to": to})
        self.edges.append(options)


def _json_for_script(data: object) -> str:
    """JSON that cannot end its <script> element or start markup: <, > and & are escaped."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _asset(name: str) -> str:
    return resources.files("kg.export").joinpath(name).read_text(encoding="utf-8")


def _node_details(d: dict) -> dict:
    keep = ("kind", "aliases", "mentions", "date", "quotes", "more_quotes", "facts", "text", "cue", "quote_type",
            "article", "confidence", "about", "props", "iri")
    out = {k: d[k] for k in keep if d.get(k) not in (None, [], "")}
    out["name"] = d.get("text") if d["kind"] == QUOTE else d["label"]
    return out


def vis_options(physics: bool, large: bool) -> dict:
    """vis-network options: nothing in here comes from the data (pyvis writes it unescaped).

    Large views start without arrowheads (the costliest part of a frame there); the page draws them
    once the reader zooms in far enough to see them."""
    return {
        "autoResize": True,
        "layout": {"improvedLayout": False},
        "nodes": {"borderWidth": 1, "font": {"size": 14, "face": "system-ui, sans-serif", "strokeWidth": 3,
                                               "strokeColor": "#ffffff"}},
        "edges": {"arrows": {"to": {"enabled": not large, "scaleFactor": 0.45}}, "width": 1,
                  "font": {"size": 9, "face": "system-ui, sans-serif", "color": "#555555", "strokeWidth": 3,
                           "align": "middle"},
                  "smooth": {"enabled": not large, "type": "continuous", "roundness": 0.3},
                  "selectionWidth": 2},
        "interaction": {"hover": True, "tooltipDelay": 200, "hideEdgesOnDrag": large, "hideEdgesOnZoom": large,
                        "keyboard": {"enabled": True, "bindToWindow": False}},
        "physics": {"enabled": physics, "solver": "forceAtlas2Based",
                    "forceAtlas2Based": {"gravitationalConstant": -45, "centralGravity": 0.005, "springLength": 100,
                                         "springConstant": 0.05, "avoidOverlap": 0.3, "damping": 0.6},
                    "stabilization": {"enabled": False}, "minVelocity": 4, "maxVelocity": 40, "timestep": 0.4},
    }


def render(g: nx.MultiDiGraph, title: str = "kg: network view") -> str:
    """The HTML page of a view graph."""
    ids = {n: i for i, n in enumerate(g.nodes)}
    edges = [(ids[a], ids[b], d) for a, b, d in g.edges(data=True)]
    pos = layout(len(ids), [(a, b) for a, b, _ in edges])
    physics, large = len(ids) <= PHYSICS_MAX_NODES, len(ids) > 2000
    net = FastNetwork(height="100vh", width="100%", directed=True, cdn_resources="in_line", select_menu=False)
    degree = dict(g.degree())
    for (n, d), (x, y) in zip(g.nodes(data=True), pos.tolist()):
        colour = KINDS.get(d["kind"], KINDS["Other"])[0]
        quote = d["kind"] == QUOTE
        net.add_node(ids[n], label=d["label"], shape="square" if quote else "dot", x=round(x, 1), y=round(y, 1),
                     size=7 if quote else min(10 + 4 * degree[n] ** 0.5, 42),
                     color={"background": colour, "border": "#777777" if quote else "#333333",
                            "highlight": {"background": colour, "border": "#000000"}},
                     font={"size": 10, "color": "#666666"} if quote else {"size": 14})
    for i, (a, b, d) in enumerate(edges):
        net.add_edge(a, b, id=i, label=d["label"], color={"color": FACTS.get(d["kind"], (OTHER_FACT,))[0],
                                                          "opacity": 0.7})
    net.options = vis_options(physics, large)
    page = {"title": title, "physics": physics, "large": large, "articles": g.graph.get("articles", []),
            "kinds": {k: {"colour": c, "name": name} for k, (c, name) in KINDS.items()},
            "facts": {k: {"colour": c, "name": name} for k, (c, name) in FACTS.items()},
            "otherFact": OTHER_FACT, "focus": g.graph.get("focus"), "depth": g.graph.get("depth"),
            "total": g.graph.get("total_nodes"), "query": g.graph.get("query"),
            "nodes": [_node_details(d) for _, d in g.nodes(data=True)],
            "edges": [{"from": a, "to": b, "kind": d["kind"], "label": d["label"], "evidence": d.get("evidence", [])}
                      for a, b, d in edges]}
    html = CDN_TAGS.sub("", net.generate_html(notebook=False))
    head = f"<title>{_escape(title)}</title>\n<style>{_asset('view.css')}</style>\n"
    body = (f'<script type="application/json" id="kg-data">{_json_for_script(page)}</script>\n'
            f"<script>{_asset('view.js')}</script>\n")
    html = html.replace("<html>", "<!DOCTYPE html>\n<html lang=\"en\">", 1).replace("</head>", head + "</head>", 1)
    at = html.rindex("</body>")
    return html[:at] + body + html[at:]


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def write_html(g: nx.MultiDiGraph, path: Path, title: str = "kg: network view") -> None:
    html = render(g, title)
    with atomic_file(Path(path), "w") as f:
        f.write(html)


def write_view(source: Store | Rows, path: Path, max_nodes: int = DEFAULT_MAX_NODES) -> nx.MultiDiGraph:
    """graph.html of a build: the whole graph, or its ``max_nodes`` most connected nodes (the page says
    so); from a store, or from the rows of view_data.QUERIES a build gathered."""
    g = graph_from_rows(source) if isinstance(source, Rows) else graph_from_store(source)
    g = most_connected(g, max_nodes)
    write_html(g, path)
    return g


def view(store: Store, out: Path, name: str | None = None, depth: int = 2, construct: str | None = None,
         max_nodes: int = DEFAULT_MAX_NODES, max_quotes: int = 5) -> nx.MultiDiGraph:
    """What ``kg view`` writes: a CONSTRUCT query's graph, the neighbourhood of one entity, or everything."""
    if construct is not None:
        g, title = graph_from_construct(store, construct), "kg: query view"
    else:
        g = graph_from_store(store, max_quotes)
        if name is not None:
            g = focus(g, name, depth)
        title = f"kg: {g.graph['focus']}" if name is not None else "kg: network view"
    g = most_connected(g, max_nodes)
    write_html(g, out, title)
    return g
