"""The named queries (queries/*.rq) on the example build, against rows worked out another way.

Expectations come from facts.json and from walking graph.trig with rdflib
(no SPARQL), never from names written here.
"""
from __future__ import annotations

from collections import Counter, defaultdict

import pytest
import rdflib
from rdflib import RDF, URIRef

from conftest import ROOT
from kg import iri
from kg.pipeline import open_store
from kg.sparql import named_queries, query, summary
from kg.vocab import KG, PE as PE_NS, SCHEMA
from servers import canonical, kg

S = rdflib.Namespace(str(SCHEMA))
K = rdflib.Namespace(str(KG))
PE = rdflib.Namespace(str(PE_NS))


@pytest.fixture(scope="module")
def run(seed_build):
    store = open_store(seed_build[0] / "store")
    return lambda name: query(store, named_queries()[name])


@pytest.fixture(scope="module")
def trig(seed_build):
    """(article graphs, entities graph, entity name by IRI) of graph.trig, read by rdflib."""
    ds = rdflib.Dataset().parse(seed_build[0] / "graph.trig", format="trig")
    entities = ds.graph(URIRef(iri.ENTITIES_GRAPH))
    articles = [g for g in ds.graphs() if str(g.identifier).startswith(iri.graph(""))
                and str(g.identifier) not in (iri.ENTITIES_GRAPH, iri.ONTOLOGY_GRAPH)]
    names = {s: str(o) for s, o in entities.subject_objects(S.name)}
    return articles, entities, names


@pytest.fixture(scope="module")
def lookup(seed_facts):
    """Entity name and type by the ids facts.json uses."""
    return {e["id"]: e for e in seed_facts["entities"]}


def test_every_named_query_is_listed_explained_and_documented():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    status, out, _ = kg("query", "--list")
    assert status == 0
    assert len(named_queries()) >= 6
    for name, text in named_queries().items():
        assert summary(text) and summary(text) in out and name in out
        assert f"--named {name}" in readme, f"{name} is not documented in README.md"


def test_who_said_what_about_whom(run, seed_facts, lookup, trig):
    rows = run("who-said-what")
    said = {(lookup[q["speaker"]]["name"], q["cue"], q["text"], q["file"]) for q in seed_facts["quotes"]}
    assert {(r["speaker"], r["cue"], r["quote"], r["file"]) for r in rows} == said
    articles, entities, names = trig
    kinds = {S.Person, S.Organization}
    expected = []
    for g in articles:
        for q in g.subjects(RDF.type, K.Quotation):
            whom = sorted(names[a] for a in g.objects(q, S.about) if set(entities.objects(a, RDF.type)) & kinds)
            for about in whom or [""]:
                expected.append((names[g.value(q, S.creator)], about, str(g.value(q, S.text))))
    assert sorted((r["speaker"], r["about"] or "", r["quote"]) for r in rows) == sorted(expected)
    assert any(about for _, about, _ in expected)


def test_party_members_with_their_roles(run, seed_facts, lookup):
    rows = run("party-members")
    files = defaultdict(set)
    for m in seed_facts["memberships"]:
        party = lookup.get(m["organization"] or "")
        if party and party["type"] == "PoliticalParty":
            key = (party["name"], lookup[m["person"]]["name"], m["role"].lower(), "current" if m["current"] else "former")
            files[key] |= {e["file"] for e in m["evidence"]}
    got = Counter((r["party"], r["person"], r["role"].lower(), r["status"]) for r in rows)
    assert set(got) == set(files) and files
    for r in rows:
        key = (r["party"], r["person"], r["role"].lower(), r["status"])
        if got[key] == 1:
            assert int(r["articles"]) == len(files[key])


def test_election_results_table(run, seed_facts, lookup, trig):
    parties = defaultdict(set)
    for m in seed_facts["memberships"]:
        org = lookup.get(m["organization"] or "")
        if m["current"] and org and org["type"] == "PoliticalParty":
            parties[m["person"]].add(org["name"])
    articles, _, names = trig
    positions = defaultdict(list)
    for g in articles:
        for c in g.subjects(RDF.type, PE.Candidacy):
            for r in g.objects(c, PE.hasCandidacyResult):
                positions[(names[g.value(c, PE.inElection)], names[g.value(c, PE.hasCandidate)])] += \
                    [int(p) for p in g.objects(r, PE.resultPosition)]
    expected = []
    for event in seed_facts["events"]:
        def said(predicate, who, outcomes=event["outcomes"]):
            return [o for o in outcomes if o["predicate"] == predicate and o["subject"] == who]
        people = {o["subject"] for o in event["outcomes"] if o["predicate"] in ("candidate", "votes", "lost_deposit")}
        for p in people:
            votes = [o["value"] for o in said("votes", p)]
            shares = [o["value"] for o in said("vote_share", p)]
            stood = sorted({lookup[o["value"]]["name"] for o in said("candidate", p) if o["value"]})
            place = positions[(event["name"], lookup[p]["name"])]
            expected.append({"election": event["name"], "candidate": lookup[p]["name"],
                             "party": ", ".join(stood or sorted(parties[p])) or None,
                             "votes": max(votes) if votes else None, "position": min(place) if place else None,
                             "share": float(max(shares)) if shares else None,
                             "result": "won" if said("winner", p) else "lost deposit" if said("lost_deposit", p) else ""})
    rows = run("election-results")
    assert canonical(rows) == canonical(expected) and expected
    assert all(isinstance(r["votes"], int) for r in rows if r["votes"] is not None)   # typed, not strings
    assert sum(r["result"] == "won" for r in rows) >= 1


def _mentions(trig) -> list[tuple]:
    articles, entities, names = trig
    out = []
    for g in articles:
        for art in g.subjects(RDF.type, S.NewsArticle):
            for who in g.objects(art, S.mentions):
                if (who, RDF.type, S.Person) in entities:
                    date, title = g.value(art, S.datePublished), g.value(art, S.headline)
                    out.append((who, names[who], str(g.value(art, K.fileName)), date and str(date), title and str(title)))
    return out


def test_every_article_that_mentions_a_person(run, trig):
    expected = [{"person": n, "file": f, "date": d, "headline": h} for _, n, f, d, h in _mentions(trig)]
    assert canonical(run("article-mentions")) == canonical(expected) and expected


def test_people_in_more_than_one_article(run, trig):
    articles = defaultdict(set)
    for who, name, file, _, _ in _mentions(trig):
        articles[(who, name)].add(file)
    expected = [{"person": name, "articles": str(len(f))} for (_, name), f in articles.items() if len(f) > 1]
    rows = run("people-in-several-articles")
    assert canonical(rows) == canonical(expected) and expected
    assert [int(r["articles"]) for r in rows] == sorted((int(r["articles"]) for r in rows), reverse=True)


def test_quotes_by_cue(run, seed_facts):
    rows = run("quotes-by-cue")
    got = Counter()
    for r in rows:   # facts.json counts mixed quotes as indirect
        got[(r["cue"], "direct" if r["kind"] == "direct" else "indirect")] += int(r["quotes"])
    assert got == Counter((q["cue"].lower(), q["kind"]) for q in seed_facts["quotes"])
    speakers = defaultdict(set)
    for q in seed_facts["quotes"]:
        if q["kind"] == "direct":
            speakers[q["cue"].lower()].add(q["speaker"])
    assert {r["cue"]: int(r["speakers"]) for r in rows if r["kind"] == "direct"} == \
        {cue: len(s) for cue, s in speakers.items()}


def test_every_form_of_a_person_s_name(run, seed_facts):
    rows = run("name-forms")
    expected = {e["name"]: set(e["aliases"]) for e in seed_facts["entities"] if e["type"] == "Person"}
    got = {}
    for r in rows:
        got.setdefault(r["person"], set()).update({r["form"]} if r["form"] else set())
    assert got == expected
    assert any(len(forms) >= 3 for forms in got.values())   # some person is named in several ways
