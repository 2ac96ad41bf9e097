"""What the network view draws: a networkx graph read back from the graph with SPARQL (QUERIES,
asked of a store or of the pieces of a build's quad stream: kg.export.rows).

Nodes are entities (people, parties, organisations, places, events) and
quotations; edges are facts: a role (person -> organisation), "said" (person
-> quotation), an election or event outcome (subject -> event) and an event's
place. Every edge carries its evidence (the exact words, the article, the
confidence), merged across articles; facts with a single end (a majority with
no winner named, a role with no organisation) ride on their node.

The graph's own attributes hold the article table (``articles``) that
evidence points into by index, and notes on what was left out.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import networkx as nx
from pyoxigraph import Store

from ..vocab import NOTATIONS
from .facts import ENTITIES, TYPES
from .facts import QUERIES as FACTS_QUERIES
from .rows import Rows, ordered

QUOTE = "Quote"
# Fact kinds, as the view's filters name them.
ROLE, SAID, OUTCOME, PLACE = "role", "said", "outcome", "place"
# How an outcome reads on its edge, subject -> event ({v}: its figure, when it has one).
OUTCOME_WORDS = {"winner": "won", "candidate": "stood in", "votes": "{v} votes in", "majority": "majority of {v} in",
                 "held_by": "held", "gained_by": "gained", "lost_deposit": "lost deposit in", "victim": "victim of",
                 "perpetrator": "perpetrator of", "resigned": "resigned", "triggered_by": "triggered",
                 "turnout": "turnout of {v} in", "deaths": "{v} deaths in", "vote_share": "{v} of the vote in",
                 "turnout_share": "turnout of {v} in", "majority_share": "majority of {v} in", "swing": "swing of {v} in"}


def outcome_words(kind: str, value: str | None) -> str:
    words = OUTCOME_WORDS.get(kind, kind.replace("_", " "))
    return words.replace("{v}", value) if value else words.replace(" of {v}", "").replace("{v} ", "")


def _notations(scheme: str) -> dict[str, str]:
    return {str(term): notation for notation, term in NOTATIONS[scheme].items()}


# The view reads facts.json's queries (a build asks each once) and two of its own.
QUERIES = {**{name: FACTS_QUERIES[name] for name in ("articles", "entities", "memberships", "outcomes", "quotes")},
           "mentions": f"""SELECT ?e ?n ?date ?place WHERE {{ GRAPH {ENTITIES} {{ ?e kg:mentionCount ?n .
               OPTIONAL {{ ?e kg:date ?date }} OPTIONAL {{ ?e schema:location ?place }} }} }}""",
           "about": "SELECT ?q ?x WHERE { GRAPH ?g { ?q a kg:Quotation ; schema:about ?x } }"}


@dataclass
class Articles:
    """The articles evidence points into: a list for the page, an index by IRI."""

    rows: list[dict]
    index: dict[str, int]

    @classmethod
    def read(cls, rows: Rows) -> "Articles":
        out, index = [], {}
        for r in ordered(rows["articles"], "file"):
            if r["art"] not in index:
                index[r["art"]] = len(out)
                out.append({"file": r["file"], "title": r["title"], "date": r["date"]})
        return cls(out, index)


def evidence(r: dict, articles: Articles, **extra) -> dict:
    ev = {"text": r["exact"], "article": articles.index.get(r["art"]), "confidence": float(r["conf"])}
    ev.update({k: v for k, v in extra.items() if v is not None})
    return ev


def add_entities(g: nx.MultiDiGraph, rows: Rows) -> None:
    classes: dict[str, set] = defaultdict(set)
    names = {}
    aliases: dict[str, set] = defaultdict(set)
    for r in ordered(rows["entities"], "e"):
        classes[r["e"]].add(r["cls"])
        names[r["e"]] = r["name"]
        if r["alias"] is not None:
            aliases[r["e"]].add(r["alias"])
    for e, cls in classes.items():
        kind = next((name for c, name in TYPES if str(c) in cls), None)
        if kind:
            g.add_node(e, label=names[e], kind=kind, aliases=[], facts=[])
    for e, named in aliases.items():
        if e in g:
            g.nodes[e]["aliases"] = sorted(named - {names[e]})
    for r in ordered(rows["mentions"], "e"):
        if r["e"] in g:
            node = g.nodes[r["e"]]
            node["mentions"] = int(r["n"])
            if r["date"]:
                node["date"] = r["date"]
            if r["place"] in g:
                add_fact(g, r["e"], r["place"], PLACE, "in", None)


def add_fact(g: nx.MultiDiGraph, a: str, b: str, kind: str, label: str, ev: dict | None) -> None:
    """One edge per (a, b, kind, label); the evidence of repeated facts is merged onto it."""
    key = f"{kind}:{label}"
    if not g.has_edge(a, b, key):
        g.add_edge(a, b, key=key, kind=kind, label=label, evidence=[])
    if ev is not None and ev not in g[a][b][key]["evidence"]:
        g[a][b][key]["evidence"].append(ev)


def add_memberships(g: nx.MultiDiGraph, rows: Rows, articles: Articles) -> None:
    status = _notations("TemporalStatusScheme")
    for r in ordered(rows["memberships"], "person", "role", "art"):
        if r["person"] not in g:
            continue
        label = ("former " if status.get(r["status"]) == "former" else "") + r["role"]
        ev = evidence(r, articles, observed=r["seen"])
        if r["org"] in g:
            add_fact(g, r["person"], r["org"], ROLE, label, ev)
        else:
            g.nodes[r["person"]]["facts"].append({"kind": ROLE, "label": label, **ev})


def add_outcomes(g: nx.MultiDiGraph, rows: Rows, articles: Articles) -> None:
    types = _notations("OutcomeScheme")
    for r in ordered(rows["outcomes"], "event", "type", "subject", "art"):
        if r["event"] not in g:
            continue
        kind = types.get(r["type"], "outcome")
        value = figure(r["value"]) if r["value"] else None
        ev = evidence(r, articles, value=value)
        words = outcome_words(kind, value)
        if kind == "candidate" and r["object"] in g:   # "stood for Labour in"
            words = f"stood for {g.nodes[r['object']]['label']} in"
        if r["subject"] in g:
            add_fact(g, r["subject"], r["event"], OUTCOME, words, ev)
        else:
            g.nodes[r["event"]]["facts"].append({"kind": OUTCOME, "label": kind.replace("_", " "), **ev})


def figure(value: str) -> str:
    """A count with thousands separators ("13,166"), a percentage with its sign ("47.94%")."""
    return f"{int(value):,}" if value.lstrip("-").isdigit() else f"{float(value):g}%"


def add_quotes(g: nx.MultiDiGraph, rows: Rows, articles: Articles, max_per_speaker: int) -> None:
    """Quotation nodes, at most ``max_per_speaker`` for each speaker (the longest first)."""
    kinds = _notations("QuoteTypeScheme")
    about = defaultdict(list)
    for r in rows["about"]:
        if r["x"] in g:
            about[r["q"]].append(g.nodes[r["x"]]["label"])
    by_speaker = defaultdict(list)
    for r in ordered(rows["quotes"], "speaker"):
        if r["speaker"] in g:
            by_speaker[r["speaker"]].append(r)
    for speaker, quoted in by_speaker.items():
        g.nodes[speaker]["quotes"] = len(quoted)
        quoted.sort(key=lambda r: (-len(r["text"]), r["q"]))
        # The rest are listed, not drawn: the panel pages through all of a speaker's quotations.
        g.nodes[speaker]["more_quotes"] = [
            {"text": r["text"], "cue": r["cue"], "quote_type": kinds.get(r["type"], "direct"),
             "article": articles.index.get(r["art"]), "start": int(r["start"]), "confidence": float(r["conf"])}
            for r in quoted[max_per_speaker:]]
        for r in quoted[:max_per_speaker]:
            text = " ".join(r["text"].split())
            g.add_node(r["q"], label=text if len(text) <= 40 else text[:38].rstrip() + "…", kind=QUOTE,
                       text=r["text"], cue=r["cue"], quote_type=kinds.get(r["type"], "direct"),
                       article=articles.index.get(r["art"]), start=int(r["start"]), confidence=float(r["conf"]),
                       about=sorted(set(about[r["q"]])), aliases=[], facts=[])
            add_fact(g, speaker, r["q"], SAID, r["cue"], None)


def graph_from_rows(rows: Rows, max_quotes_per_speaker: int = 5) -> nx.MultiDiGraph:
    """The whole view graph from rows of QUERIES; entities with no fact at all are left out (events stay)."""
    g = nx.MultiDiGraph()
    articles = Articles.read(rows)
    g.graph["articles"] = articles.rows
    add_entities(g, rows)
    add_memberships(g, rows, articles)
    add_outcomes(g, rows, articles)
    add_quotes(g, rows, articles, max_quotes_per_speaker)
    g.remove_nodes_from([n for n, d in g.nodes(data=True)
                         if g.degree(n) == 0 and d["kind"] != "Event" and not d["facts"]])
    return g


def graph_from_store(store: Store, max_quotes_per_speaker: int = 5) -> nx.MultiDiGraph:
    """The whole view graph of a store."""
    return graph_from_rows(Rows.of(store, QUERIES), max_quotes_per_speaker)


class ViewError(Exception):
    """A view that cannot be drawn (no such entity, a query that is not a CONSTRUCT); str() is one line."""


def find_node(g: nx.MultiDiGraph, name: str) -> str:
    """The entity called ``name`` (its name, an alias or its id), else the only one whose name contains it."""
    want = " ".join(name.split()).casefold()
    entities = [(n, d) for n, d in g.nodes(data=True) if d["kind"] != QUOTE]
    exact = [n for n, d in entities if want in {d["label"].casefold(), *(a.casefold() for a in d["aliases"])}
             or str(n).casefold().endswith("/" + want)]
    if len(exact) == 1:
        return exact[0]
    if exact:   # the same name on two entities (a person and a place): the better known one
        return max(exact, key=lambda n: (g.nodes[n].get("mentions", 0), g.degree(n)))
    partial = sorted((n for n, d in entities if want in d["label"].casefold()), key=lambda n: g.nodes[n]["label"])
    if len(partial) == 1:
        return partial[0]
    if partial:
        names = ", ".join(g.nodes[n]["label"] for n in partial[:6]) + (", …" if len(partial) > 6 else "")
        raise ViewError(f'"{name}" names {len(partial)} entities: {names}; give the full name')
    raise ViewError(f'no entity named "{name}" has any fact in this graph')


def focus(g: nx.MultiDiGraph, name: str, depth: int = 2) -> nx.MultiDiGraph:
    """The entity called ``name`` and everything within ``depth`` facts of it."""
    centre = find_node(g, name)
    sub = nx.ego_graph(g, centre, radius=depth, undirected=True).copy()
    sub.graph.update(g.graph, focus=g.nodes[centre]["label"], focus_id=centre, depth=depth)
    return sub


def most_connected(g: nx.MultiDiGraph, max_nodes: int) -> nx.MultiDiGraph:
    """At most ``max_nodes`` nodes: entities by number of facts, then quotations of the speakers kept.

    Nodes whose every neighbour was left out are left out too, and the next in rank take their place.
    """
    if g.number_of_nodes() <= max_nodes:
        return g
    entities = sorted((n for n, d in g.nodes(data=True) if d["kind"] != QUOTE),
                      key=lambda n: (-g.degree(n), g.nodes[n]["label"], n))
    rank = {n: i for i, n in enumerate(entities)}
    quotes = sorted((rank[s], q) for s, q, k in g.edges(keys=True) if k.startswith(SAID + ":"))
    order = entities + [q for _, q in quotes] + [n for n, d in g.nodes(data=True) if d["kind"] == QUOTE and
                                                 not any(k.startswith(SAID + ":") for *_, k in g.in_edges(n, keys=True))]
    take = max_nodes
    while True:
        sub = _induced(g, order[:take])
        sub.remove_nodes_from([n for n in list(sub) if sub.degree(n) == 0 < g.degree(n)])
        if sub.number_of_nodes() >= max_nodes or take >= len(order):
            break
        take += max_nodes - sub.number_of_nodes()
    extra = [n for n in reversed(order[:take]) if n in sub][:max(0, sub.number_of_nodes() - max_nodes)]
    sub.remove_nodes_from(extra)
    sub.remove_nodes_from([n for n in list(sub) if sub.degree(n) == 0 < g.degree(n)])
    sub.graph.update(g.graph, total_nodes=g.number_of_nodes(), total_edges=g.number_of_edges())
    return sub


def _induced(g: nx.MultiDiGraph, nodes: list[str]) -> nx.MultiDiGraph:
    """The subgraph of ``nodes`` as a graph of its own, in g's order (g.subgraph(...).copy(), without its slow views)."""
    keep = set(nodes)
    sub = nx.MultiDiGraph()
    sub.add_nodes_from((n, dict(d)) for n, d in g.nodes(data=True) if n in keep)
    sub.add_edges_from((a, b, k, dict(d)) for a, b, k, d in g.edges(keys=True, data=True) if a in keep and b in keep)
    return sub
