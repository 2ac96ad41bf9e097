"""facts.json: the graph's facts in the gold-standard schema, read back with SPARQL.

Everything here comes from queries over the built graph (QUERIES, asked of a
store or of the pieces of a build's quad stream: kg.export.rows), so what is
scored is exactly what is in the graph. Schema: ../shared/gold/README.md
(entities, memberships, quotes with character offsets, events with outcomes).
"""
from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

from pyoxigraph import Store

from .. import iri
from ..vocab import KG, NOTATIONS, SCHEMA
from . import atomic_file
from .rows import Rows, ordered

ENTITIES = "graph:entities"   # a prefixed name, so that it follows the base IRI (kg.iri.use_base)
# The gold schema's entity types, most specific first.
TYPES = [(SCHEMA.Person, "Person"), (SCHEMA.PoliticalParty, "PoliticalParty"), (SCHEMA.Place, "Place"),
         (SCHEMA.Event, "Event"), (SCHEMA.NewsMediaOrganization, "Organization"), (SCHEMA.Organization, "Organization")]
# The outcome predicates facts.json gives: the gold schema's, and the figures it has no place for
# (turnout, shares, swing), which scorers leave out; the graph may hold more (lost_by).
SCHEMA_PREDICATES = {"winner", "candidate", "votes", "majority", "held_by", "gained_by", "lost_deposit", "turnout",
                     "triggered_by", "victim", "perpetrator", "resigned", "deaths", "vote_share", "turnout_share",
                     "majority_share", "swing"}
EVENT_TYPES = {str(KG.ByElection): "ByElection", str(KG.GeneralElection): "Election", str(KG.Referendum): "Referendum",
               str(KG.Murder): "Murder", str(KG.Resignation): "Resignation", str(KG.Pandemic): "Pandemic"}


def _notation(scheme: str) -> dict[str, str]:
    return {str(term): notation for notation, term in NOTATIONS[scheme].items()}


def _evidence_query(cls: str, fields: str, extra: str) -> str:
    """Facts of a class with their confidence and evidence (the exact words, the article and its file)."""
    return f"""
        SELECT ?x {fields} ?conf ?art ?file ?exact WHERE {{ GRAPH ?g {{
            ?x a {cls} ; kg:confidence ?conf ; prov:wasDerivedFrom ?ev . {extra}
            ?ev oa:hasSource ?art ; oa:hasSelector ?sel . ?sel oa:exact ?exact .
            ?art kg:fileName ?file }} }}"""


# What facts.json reads; the view reads some of them too (kg.export.view_data).
QUERIES = {
    "entities": f"""
        SELECT ?e ?cls ?name ?alias ?gender WHERE {{ GRAPH {ENTITIES} {{
            ?e a ?cls ; schema:name ?name .
            OPTIONAL {{ ?e skos:altLabel ?alias }}
            OPTIONAL {{ ?e schema:gender ?gender }} }} }}""",
    "memberships": _evidence_query("org:Membership", "?person ?org ?role ?status ?seen",
                                   "?x org:member ?person ; kg:roleLabel ?role ; kg:temporalStatus ?status . "
                                   "OPTIONAL { ?x org:organization ?org } OPTIONAL { ?x kg:observedAt ?seen }"),
    "quotes": """
        SELECT ?q ?speaker ?text ?type ?cue ?conf ?rule ?art ?file ?start ?end WHERE { GRAPH ?g {
            ?q a kg:Quotation ; schema:creator ?speaker ; schema:text ?text ; kg:quoteType ?type ;
               kg:cue ?cue ; kg:confidence ?conf ; schema:isPartOf ?art ; prov:wasDerivedFrom ?ev .
            OPTIONAL { ?q kg:extractor ?rule }
            ?art kg:fileName ?file .
            ?ev oa:hasSelector ?pos . ?pos oa:start ?start ; oa:end ?end } }""",
    "events": f"""
        SELECT ?e ?cls ?name ?date ?place ?kind ?parent WHERE {{ GRAPH {ENTITIES} {{
            ?e a schema:Event, ?cls ; schema:name ?name .
            OPTIONAL {{ ?e kg:date ?date }} OPTIONAL {{ ?e schema:location ?place }}
            OPTIONAL {{ ?e kg:electionKind ?kind }} OPTIONAL {{ ?e schema:superEvent ?parent }} }} }}""",
    "winners": "SELECT ?e ?w WHERE { GRAPH ?g { ?e kg:winner ?w } }",
    "outcomes": _evidence_query("kg:Outcome", "?event ?type ?subject ?value ?object ?approx",
                                "?x kg:outcomeOf ?event ; kg:outcomeType ?type . "
                                "OPTIONAL { ?x kg:outcomeSubject ?subject } OPTIONAL { ?x kg:outcomeValue ?value } "
                                "OPTIONAL { ?x kg:outcomeObject ?object } OPTIONAL { ?x kg:approximation ?approx }"),
    "articles": """
        SELECT ?art ?file ?title ?date ?author ?publisher ?start ?end WHERE { GRAPH ?g {
            ?art a schema:NewsArticle ; kg:fileName ?file .
            OPTIONAL { ?art schema:headline ?title } OPTIONAL { ?art schema:datePublished ?date }
            OPTIONAL { ?art schema:author ?author } OPTIONAL { ?art schema:publisher ?publisher }
            OPTIONAL { ?art kg:boilerplate ?b . ?b oa:hasSelector ?pos . ?pos oa:start ?start ; oa:end ?end } } }""",
}


def entities(rows: Rows) -> list[dict]:
    by_id: dict[str, dict] = {}
    classes: dict[str, set] = defaultdict(set)
    for r in rows["entities"]:
        eid = iri.entity_id(r["e"])
        classes[eid].add(r["cls"])
        e = by_id.setdefault(eid, {"id": eid, "type": None, "name": r["name"], "aliases": [], "gender": None})
        if r["alias"] and r["alias"] not in e["aliases"]:
            e["aliases"].append(r["alias"])
        if r["gender"]:
            e["gender"] = "female" if r["gender"] == str(SCHEMA.Female) else "male"
    out = []
    for eid, e in sorted(by_id.items()):
        e["type"] = next((name for cls, name in TYPES if str(cls) in classes[eid]), None)
        if e["type"] is None:
            continue   # the software agent
        e["aliases"] = sorted(e["aliases"])
        if e["type"] != "Person":
            del e["gender"]
        out.append(e)
    return out


def memberships(rows: Rows) -> list[dict]:
    status = _notation("TemporalStatusScheme")
    merged: dict[tuple, dict] = {}
    for r in ordered(rows["memberships"], "file", "exact"):   # evidence in file order
        current = status.get(r["status"]) != "former"
        key = (r["person"], r["org"], r["role"].lower(), current)
        m = merged.setdefault(key, {"person": iri.entity_id(r["person"]), "role": r["role"],
                                    "organization": iri.entity_id(r["org"]) if r["org"] else None,
                                    "current": current, "evidence": []})
        ev = {"file": r["file"], "text": r["exact"]}
        if ev not in m["evidence"]:
            m["evidence"].append(ev)
    return sorted(merged.values(), key=lambda m: (m["person"], m["organization"] or "", m["role"]))


def quotes(rows: Rows) -> list[dict]:
    kinds = _notation("QuoteTypeScheme")
    out = [{"speaker": iri.entity_id(r["speaker"]), "text": r["text"],
            "kind": "direct" if kinds[r["type"]] == "direct" else "indirect",
            "file": r["file"], "start": int(r["start"]), "end": int(r["end"]), "cue": r["cue"],
            "confidence": float(r["conf"]), "rule": r["rule"] or ""} for r in rows["quotes"]]
    return sorted(out, key=lambda q: (q["file"], q["start"], q["end"], q["kind"]))


def events(rows: Rows) -> list[dict]:
    evs: dict[str, dict] = {}
    for r in rows["events"]:
        eid = iri.entity_id(r["e"])
        ev = evs.setdefault(eid, {"id": eid, "name": r["name"], "type": None, "date": r["date"],
                                  "place": iri.entity_id(r["place"]) if r["place"] else None, "outcomes": []})
        ev["type"] = ev["type"] or EVENT_TYPES.get(r["cls"])
        if r["kind"]:
            ev["kind"] = r["kind"]                              # by-election, general, council, special ...
        if r["parent"]:
            ev["part_of"] = iri.entity_id(r["parent"])          # a seat's contest: its general election
    winners = defaultdict(list)
    for r in rows["winners"]:
        winners[r["e"]].append(r["w"])
    predicates = _notation("OutcomeScheme")
    merged: dict[tuple, dict] = {}
    for r in ordered(rows["outcomes"], "file", "exact"):
        subject = r["subject"]
        if subject is None:   # a majority stated without its winner: the election's winner
            people = sorted({w for w in winners[r["event"]] if "/person/" in w})
            subject = people[0] if people else None
        if subject is None:
            continue
        value = _number(r["value"]) if r["value"] is not None else None
        if r["object"] is not None:   # a candidate's party, the party a seat was gained from
            value = iri.entity_id(r["object"]) if value is None else value
        if predicates[r["type"]] not in SCHEMA_PREDICATES:
            continue
        key = (r["event"], predicates[r["type"]], subject, value)
        o = merged.setdefault(key, {"predicate": key[1], "subject": iri.entity_id(subject), "value": value,
                                    "evidence": []})
        if r["approx"]:
            o["approximation"] = r["approx"]
        ev = {"file": r["file"], "text": r["exact"]}
        if ev not in o["evidence"]:
            o["evidence"].append(ev)
        evs.setdefault(iri.entity_id(r["event"]), {"id": iri.entity_id(r["event"]), "outcomes": []})
    for (event, *_), o in sorted(merged.items(), key=lambda kv: (kv[0][0], kv[0][1], kv[0][2], str(kv[0][3] or ""))):
        evs[iri.entity_id(event)]["outcomes"].append(o)
    for ev in evs.values():   # its outcomes last, after what the event is
        ev["outcomes"] = ev.pop("outcomes")
    return sorted(evs.values(), key=lambda e: e["id"])


def _number(text: str) -> int | float:
    return int(text) if text.lstrip("-").isdigit() else float(text)


def articles(rows: Rows) -> list[dict]:
    out: dict[str, dict] = {}
    for r in rows["articles"]:
        a = out.setdefault(r["art"], {"file": r["file"], "title": r["title"], "date": r["date"],
                                      "author": r["author"], "publisher": r["publisher"], "boilerplate_spans": []})
        if r["start"] is not None and [int(r["start"]), int(r["end"])] not in a["boilerplate_spans"]:
            a["boilerplate_spans"].append([int(r["start"]), int(r["end"])])
    for a in out.values():
        a["boilerplate_spans"].sort()
    return sorted(out.values(), key=lambda a: a["file"])


def facts(source: Store | Rows) -> dict:
    """facts.json's content, from a store or from rows of QUERIES gathered during a build."""
    rows = source if isinstance(source, Rows) else Rows.of(source, QUERIES)
    return {"articles": articles(rows), "entities": entities(rows), "memberships": memberships(rows),
            "quotes": quotes(rows), "events": events(rows)}


def write_facts(source: Store | Rows, path: Path) -> dict:
    data = facts(source)
    with atomic_file(Path(path), "w") as f:
        f.write(dumps(data))
    return data


def dumps(data: dict[str, list]) -> str:
    """facts.json text: one line per article, entity, membership, quote and event, so that a diff or
    grep shows whole facts. (Each line comes from json's C encoder; an indented dump, made by its
    Python encoder, took about a second for 840 articles.)"""
    line = json.JSONEncoder(ensure_ascii=False).encode
    sections = (f"{line(key)}: [" + ("\n" + ",\n".join(line(item) for item in items) + "\n" if items else "") + "]"
                for key, items in data.items())
    return "{\n" + ",\n".join(sections) + "\n}\n"
