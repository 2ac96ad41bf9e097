"""The graph as a property graph, for tools that are not RDF: labelled nodes with properties and
typed edges, read back from a built store with SPARQL (kg.export.formats writes it out).

Nodes are entities (Person, Organization, PoliticalParty, Place, Event), quotations and articles;
every literal is a property, never a node. Edges are facts:

    MEMBER_OF   member -> organisation, party or place: an org:Membership made direct, with its role
    SAID        speaker -> quotation
    ABOUT       quotation -> whom or what it names
    QUOTED_IN   quotation -> article
    MENTIONS    article -> entity
    OUTCOME     subject -> event: an election or event outcome (winner, candidate, votes ...)
    LOCATED_IN  event or entity -> place
    PART_OF     event -> event (a seat's contest -> its general election)

A fact stated by several articles is one edge (``statements`` counts them; ``evidence`` holds the
exact words of the first, in file order). Node ids are IRIs less kg's base ("person/jane-doe").
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from pyoxigraph import Store

from .. import iri
from ..vocab import NOTATIONS, SCHEMA
from .facts import ENTITIES, EVENT_TYPES, TYPES
from .facts import QUERIES as FACTS_QUERIES
from .rows import Rows, ordered

S, I, D, B = "string", "int", "double", "boolean"   # neo4j-admin's names (Kùzu reads them too)
ENTITY = {"name": S, "aliases": S, "mentions": I}
# Properties of each node label and edge type, in column order (after the id, and the ends).
NODES = {"Person": {**ENTITY, "gender": S, "roles": S}, "Organization": ENTITY, "PoliticalParty": ENTITY,
         "Place": ENTITY, "Event": {**ENTITY, "event_type": S, "election_kind": S, "date": S, "outcomes": S},
         "Quotation": {"text": S, "quote_type": S, "cue": S, "confidence": D, "article": S, "offset_start": I,
                       "offset_end": I},
         "Article": {"title": S, "file": S, "published": S, "author": S, "publisher": S}}
NODES = {label: {**columns, "iri": S} for label, columns in NODES.items()}   # every node's IRI, last
FACT = {"statements": I, "confidence": D, "evidence": S}
EDGES = {"MEMBER_OF": {"role": S, "current": B, "observed": S, **FACT}, "SAID": {"cue": S}, "ABOUT": {},
         "QUOTED_IN": {}, "MENTIONS": {},
         "OUTCOME": {"outcome": S, "label": S, "value": D, "party": S, "approximation": S, **FACT},
         "LOCATED_IN": {}, "PART_OF": {}}
# The ends an edge type has when the graph has none of it (a table needs one pair to exist).
FIRST_PAIR = {"MEMBER_OF": ("Person", "Organization"), "SAID": ("Person", "Quotation"),
              "ABOUT": ("Quotation", "Person"), "QUOTED_IN": ("Quotation", "Article"),
              "MENTIONS": ("Article", "Person"), "OUTCOME": ("Person", "Event"), "LOCATED_IN": ("Event", "Place"),
              "PART_OF": ("Event", "Event")}
QUERIES = {**{name: FACTS_QUERIES[name] for name in ("entities", "memberships", "quotes", "events", "outcomes",
                                                      "articles")},
           "counts": f"SELECT ?e ?n WHERE {{ GRAPH {ENTITIES} {{ ?e kg:mentionCount ?n }} }}",
           "located": f"SELECT ?e ?place WHERE {{ GRAPH {ENTITIES} {{ ?e schema:location ?place }} }}",
           "about": "SELECT ?q ?x WHERE { GRAPH ?g { ?q a kg:Quotation ; schema:about ?x } }",
           "mentions": "SELECT ?art ?e WHERE { GRAPH ?g { ?art a schema:NewsArticle ; schema:mentions ?e } }"}


@dataclass
class Edge:
    type: str
    source: str
    target: str
    props: dict = field(default_factory=dict)


@dataclass
class PropertyGraph:
    """nodes: id -> (label, properties); edges in a stable order. Properties never hold None."""

    nodes: dict[str, tuple[str, dict]] = field(default_factory=dict)
    edges: list[Edge] = field(default_factory=list)
    seen: set = field(default_factory=set, repr=False)

    def label(self, node_id: str) -> str:
        return self.nodes[node_id][0]

    def add_edge(self, type: str, source: str | None, target: str | None, **props) -> Edge | None:
        """An edge between two nodes of the graph (None when either end is not one, or when an edge
        without properties joins them already)."""
        if source not in self.nodes or target not in self.nodes or (type, source, target) in self.seen:
            return None
        if not props:
            self.seen.add((type, source, target))
        edge = Edge(type, source, target, {k: v for k, v in props.items() if v is not None})
        self.edges.append(edge)
        return edge

    def pairs(self) -> dict[str, list[tuple[str, str]]]:
        """The (source label, target label) pairs of each edge type, FIRST_PAIR first."""
        out = {t: [pair] for t, pair in FIRST_PAIR.items()}
        for e in self.edges:
            pair = (self.label(e.source), self.label(e.target))
            if pair not in out[e.type]:
                out[e.type].append(pair)
        return out


def _id(value: str | None) -> str | None:
    return None if value is None else iri.entity_id(value)


def _notations(scheme: str) -> dict[str, str]:
    return {str(term): notation for notation, term in NOTATIONS[scheme].items()}


def property_graph(store: Store) -> PropertyGraph:
    rows = Rows.of(store, QUERIES)
    g = PropertyGraph()
    _entities(g, rows)
    _quotes(g, rows)
    _memberships(g, rows)
    _outcomes(g, rows)
    for node_id, (_, props) in g.nodes.items():
        props["iri"] = node_id if "://" in node_id else iri.entity(node_id)   # (ids are IRIs less kg's base)
    return g


def _entities(g: PropertyGraph, rows: Rows) -> None:
    classes, names, aliases, gender = defaultdict(set), {}, defaultdict(set), {}
    for r in ordered(rows["entities"], "e"):
        classes[r["e"]].add(r["cls"])
        names[r["e"]] = r["name"]
        if r["alias"] is not None:
            aliases[r["e"]].add(r["alias"])
        if r["gender"]:
            gender[r["e"]] = "female" if r["gender"] == str(SCHEMA.Female) else "male"
    counts = {r["e"]: int(r["n"]) for r in rows["counts"]}
    for e, cls in sorted(classes.items()):
        label = next((name for c, name in TYPES if str(c) in cls), None)
        if label is None:
            continue   # the software agent
        props = {"name": names[e], "aliases": "; ".join(sorted(aliases[e] - {names[e]})) or None,
                 "mentions": counts.get(e, 0)}
        if label == "Person" and e in gender:
            props["gender"] = gender[e]
        g.nodes[_id(e)] = (label, {k: v for k, v in props.items() if v is not None})
    for r in ordered(rows["events"], "e"):
        node = g.nodes.get(_id(r["e"]))
        if node is None:
            continue
        for key, value in (("event_type", EVENT_TYPES.get(r["cls"])), ("election_kind", r["kind"]),
                           ("date", r["date"])):
            if value is not None:
                node[1][key] = value
        g.add_edge("PART_OF", _id(r["e"]), _id(r["parent"]))
    for r in ordered(rows["located"], "e"):
        g.add_edge("LOCATED_IN", _id(r["e"]), _id(r["place"]))
    for r in ordered(rows["articles"], "art"):
        if _id(r["art"]) not in g.nodes:
            props = {"title": r["title"], "file": r["file"], "published": r["date"], "author": r["author"],
                     "publisher": r["publisher"]}
            g.nodes[_id(r["art"])] = ("Article", {k: v for k, v in props.items() if v is not None})
    for r in ordered(rows["mentions"], "art", "e"):
        g.add_edge("MENTIONS", _id(r["art"]), _id(r["e"]))


def _quotes(g: PropertyGraph, rows: Rows) -> None:
    kinds = _notations("QuoteTypeScheme")
    for r in ordered(rows["quotes"], "file", "start", "q"):
        q = _id(r["q"])
        if q in g.nodes:
            continue
        g.nodes[q] = ("Quotation", {"text": r["text"], "quote_type": kinds.get(r["type"], "direct"), "cue": r["cue"],
                                    "confidence": float(r["conf"]), "article": r["file"],
                                    "offset_start": int(r["start"]), "offset_end": int(r["end"])})
        g.add_edge("SAID", _id(r["speaker"]), q, cue=r["cue"])
        g.add_edge("QUOTED_IN", q, _id(r["art"]))
    for r in ordered(rows["about"], "q", "x"):
        g.add_edge("ABOUT", _id(r["q"]), _id(r["x"]))


def _merge(g: PropertyGraph, merged: dict, key: tuple, type: str, source: str, target: str, r, **props) -> None:
    """One edge per key; a repeated statement adds to its count and keeps the highest confidence."""
    edge = merged.get(key)
    if edge is None:
        edge = g.add_edge(type, source, target, **props, statements=0, confidence=0.0, evidence=r["exact"])
        if edge is None:
            return
        merged[key] = edge
    edge.props["statements"] += 1
    edge.props["confidence"] = max(edge.props["confidence"], float(r["conf"]))
    if props.get("observed") and props["observed"] > edge.props.get("observed", ""):
        edge.props["observed"] = props["observed"]


def _memberships(g: PropertyGraph, rows: Rows) -> None:
    status = _notations("TemporalStatusScheme")
    merged: dict[tuple, Edge] = {}
    loose = defaultdict(list)   # roles with no organisation: a property of the member
    for r in ordered(rows["memberships"], "file", "exact", "x"):
        current = status.get(r["status"]) != "former"
        person, org = _id(r["person"]), _id(r["org"])
        if org is None:
            role = ("" if current else "former ") + r["role"]
            if person in g.nodes and role not in loose[person]:
                loose[person].append(role)
            continue
        _merge(g, merged, (person, org, r["role"].lower(), current), "MEMBER_OF", person, org, r,
               role=r["role"], current=current, observed=r["seen"])
    for person, roles in loose.items():
        g.nodes[person][1]["roles"] = "; ".join(roles)


def _outcomes(g: PropertyGraph, rows: Rows) -> None:
    from .view_data import figure, outcome_words
    kinds = _notations("OutcomeScheme")
    merged: dict[tuple, Edge] = {}
    loose = defaultdict(list)   # figures with no subject (a majority, no winner named): a property of the event
    for r in ordered(rows["outcomes"], "file", "exact", "x"):
        kind, event, subject, party = kinds.get(r["type"], "outcome"), _id(r["event"]), _id(r["subject"]), _id(r["object"])
        shown = figure(r["value"]) if r["value"] else None
        if subject is None:
            text = f"{kind.replace('_', ' ')}: {shown}" if shown else kind.replace("_", " ")
            if event in g.nodes and text not in loose[event]:
                loose[event].append(text)
            continue
        words = outcome_words(kind, shown)
        if kind == "candidate" and party in g.nodes:
            words = f"stood for {g.nodes[party][1]['name']} in"
        _merge(g, merged, (subject, event, kind, r["value"], party), "OUTCOME", subject, event, r, outcome=kind,
               label=words, value=float(r["value"]) if r["value"] else None, party=party,
               approximation=r["approx"])
    for event, texts in loose.items():
        g.nodes[event][1]["outcomes"] = "; ".join(texts)
