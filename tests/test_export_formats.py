"""kg export: JSON-LD, GraphML, GEXF and CSV (neo4j-admin, Kùzu) read back, and the README's commands run."""
from __future__ import annotations

import csv
import json
import os
import re
import shutil
import subprocess
import sys

import kuzu
import networkx as nx
import pytest
import rdflib
from pyoxigraph import Literal, NamedNode, Quad, Store

from conftest import ROOT, SEEDS, run_kg
from kg import iri
from kg.export.formats import csv_cell, export, write_csv
from kg.export.property_graph import EDGES, NODES, Edge, PropertyGraph

NEO4J_TYPES = {"ID", "START_ID", "END_ID", "IGNORE", "string", "int", "double", "boolean"}


@pytest.fixture(scope="module")
def exported(seed_build, tmp_path_factory):
    out = tmp_path_factory.mktemp("export")
    paths = export(seed_build[0] / "store", out)
    return out, paths


@pytest.fixture(scope="module")
def names(seed_facts):
    return {e["id"]: e["name"] for e in seed_facts["entities"]}


# Facts to look for, taken from the build's facts.json, never written here.
@pytest.fixture(scope="module")
def a_quote(seed_facts, names):
    """(speaker id, speaker name, text) of the longest quotation a person said."""
    q = max((q for q in seed_facts["quotes"] if q["speaker"].startswith("person/")), key=lambda q: (len(q["text"]), q["text"]))
    return q["speaker"], names[q["speaker"]], q["text"]


@pytest.fixture(scope="module")
def a_party_role(seed_facts, names):
    """(person id, person name, role, party id, party name) of a current role in a party."""
    parties = {e["id"] for e in seed_facts["entities"] if e["type"] == "PoliticalParty"}
    m = min((m for m in seed_facts["memberships"] if m["organization"] in parties and m["current"]),
            key=lambda m: (m["person"], m["role"], m["organization"]))
    return m["person"], names[m["person"]], m["role"], m["organization"], names[m["organization"]]


@pytest.fixture(scope="module")
def a_win(seed_facts):
    """(person id, event id) of a person's win."""
    return min((o["subject"], e["id"]) for e in seed_facts["events"] for o in e["outcomes"]
               if o["predicate"] == "winner" and o["subject"].startswith("person/"))


def read_csv(path) -> list[dict]:
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def kuzu_load(csv_dir, db_path) -> kuzu.Connection:
    conn = kuzu.Connection(kuzu.Database(str(db_path)))
    cwd = os.getcwd()
    os.chdir(csv_dir)   # load.cypher names its files relative to its folder
    try:
        conn.execute((csv_dir / "load.cypher").read_text(encoding="utf-8"))
    finally:
        os.chdir(cwd)
    return conn


def test_export_writes_every_format(exported):
    out, paths = exported
    assert paths == [out / "graph.jsonld", out / "graph.graphml", out / "graph.gexf", out / "csv"]
    assert {p.name for p in (out / "csv").iterdir()} == ({f"{n}.csv" for n in [*NODES, *EDGES]} | {"load.cypher"})


def test_jsonld_round_trips_to_the_stores_quads(exported, seed_build, a_quote):
    from kg.export.rdf import FILE_PREFIXES
    out, _ = exported
    store = Store.read_only(str(seed_build[0] / "store"))
    ontology = NamedNode(iri.ONTOLOGY_GRAPH)
    quads = [q for q in store.quads_for_pattern(None, None, None, None) if q.graph_name != ontology]
    doc = json.loads((out / "graph.jsonld").read_text(encoding="utf-8"))
    assert doc["@context"] == FILE_PREFIXES
    assert all("@graph" in g and g["@id"].startswith("graph:") for g in doc["@graph"])
    dataset = rdflib.Dataset()
    dataset.parse(out / "graph.jsonld", format="json-ld")
    parsed = list(dataset.quads((None, None, None, None)))
    assert len(parsed) == len(quads) > 1000
    assert {str(g) for *_, g in parsed} == {q.graph_name.value for q in quads}
    texts = {str(o) for _, p, o, _ in parsed if str(p) == FILE_PREFIXES["schema"] + "text"}
    assert a_quote[2] in texts


def test_jsonld_prefixes_are_read_when_it_runs(tmp_path, monkeypatch):
    """Whatever schema.org's namespace is (http or https), its terms come out as schema: names."""
    from kg.export import rdf
    for schema in ("http://schema.org/", "https://schema.org/"):
        monkeypatch.setitem(rdf.FILE_PREFIXES, "schema", schema)
        store = Store()
        g = NamedNode(iri.graph("a1"))
        store.add(Quad(NamedNode(iri.entity("person/jane-doe")), NamedNode(schema + "name"), Literal("=Jane"), g))
        store.add(Quad(NamedNode(iri.ONTOLOGY_GRAPH), NamedNode(schema + "name"), Literal("left out"),
                       NamedNode(iri.ONTOLOGY_GRAPH)))
        export(store, tmp_path, ["jsonld"])
        doc = json.loads((tmp_path / "graph.jsonld").read_text(encoding="utf-8"))
        assert doc["@context"]["schema"] == schema
        assert doc["@graph"] == [{"@id": "graph:a1", "@graph": [{"@id": "person:jane-doe", "schema:name": "=Jane"}]}]
        dataset = rdflib.Dataset()
        dataset.parse(tmp_path / "graph.jsonld", format="json-ld")
        assert [(str(s), str(p), str(o)) for s, p, o, _ in dataset.quads((None, None, None, None))] == [
            (iri.entity("person/jane-doe"), schema + "name", "=Jane")]


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_network_files_hold_entities_facts_and_no_literal_nodes(exported, seed_facts, names, fmt, a_quote,
                                                                 a_party_role, a_win):
    out, _ = exported
    g = (nx.read_gexf if fmt == "gexf" else nx.read_graphml)(out / f"graph.{fmt}")
    kinds = {d["kind"] for _, d in g.nodes(data=True)}
    assert kinds == {"Person", "Organization", "PoliticalParty", "Place", "Event", "Quotation", "Article"}
    assert all(re.fullmatch(r"[a-z]+/\S+", n) and d["label"] for n, d in g.nodes(data=True))
    edges = {(a, b, d["relation"], d["label"]) for a, b, d in g.edges(data=True)}
    assert (a_party_role[0], a_party_role[3], "MEMBER_OF", a_party_role[2]) in edges
    for m in seed_facts["memberships"]:   # each role with an organisation: one edge labelled with it
        if m["organization"]:
            label = ("" if m["current"] else "former ") + m["role"]
            assert (m["person"], m["organization"], "MEMBER_OF", label) in edges, m
    said = {(a, g.nodes[b]["text"]) for a, b, d in g.edges(data=True) if d["label"] == "said"}
    assert (a_quote[0], a_quote[2]) in said
    assert said == {(q["speaker"], q["text"]) for q in seed_facts["quotes"]}
    assert (*a_win, "OUTCOME", "won") in edges
    about = [b for a, b, d in g.edges(data=True) if d["relation"] == "ABOUT"]
    assert about and all(g.nodes[b]["kind"] != "Quotation" for b in about)
    assert g.nodes[a_quote[0]]["name"] == a_quote[1] and g.nodes[a_quote[0]]["mentions"] > 1


def test_csv_files_hold_nodes_and_edges_by_label_and_type(exported, seed_facts, names, a_quote):
    csv_dir = exported[0] / "csv"
    people = read_csv(csv_dir / "Person.csv")
    assert list(people[0]) == ["id:ID", *(f"{c}:{t}" for c, t in NODES["Person"].items())]
    assert {p["id:ID"] for p in people} == {e["id"] for e in seed_facts["entities"] if e["type"] == "Person"}
    members = read_csv(csv_dir / "MEMBER_OF.csv")
    assert list(members[0])[:4] == [":START_ID", ":END_ID", "from_label:IGNORE", "to_label:IGNORE"]
    got = {(r[":START_ID"], r[":END_ID"], r["role:string"], r["current:boolean"]) for r in members}
    assert got == {(m["person"], m["organization"], csv_cell(m["role"]), "true" if m["current"] else "false")
                   for m in seed_facts["memberships"] if m["organization"]}
    quotes = {r["id:ID"]: r["text:string"] for r in read_csv(csv_dir / "Quotation.csv")}
    said = {(r[":START_ID"], quotes[r[":END_ID"]]) for r in read_csv(csv_dir / "SAID.csv")}
    assert (a_quote[0], a_quote[2]) in said and len(said) == len(seed_facts["quotes"])
    ids = {r["id:ID"] for n in NODES for r in read_csv(csv_dir / f"{n}.csv")}
    for e in EDGES:   # neo4j's one id space: every end is a node, and each file names its labels right
        for r in read_csv(csv_dir / f"{e}.csv"):
            assert r[":START_ID"] in ids and r[":END_ID"] in ids
            assert r[":START_ID"] in {x["id:ID"] for x in read_csv(csv_dir / f"{r['from_label:IGNORE']}.csv")}
    for f in csv_dir.glob("*.csv"):   # headers neo4j-admin reads: name:type with its types
        header = next(csv.reader(open(f, encoding="utf-8")))
        assert all(h.rpartition(":")[2] in NEO4J_TYPES for h in header), (f.name, header)


@pytest.mark.parametrize("text, safe", [("=1+1", "'=1+1"), ("+x", "'+x"), ("-x", "'-x"), ("@x", "'@x"),
                                        ("\tx", "'\tx"), ("\rx", "'\rx"), ("Keir said -", "Keir said -"),
                                        ("-3.5", "'-3.5"), ("", "")])
def test_text_cells_that_start_like_formulas_are_neutralised(text, safe):
    assert csv_cell(text) == safe


def test_number_and_boolean_cells_stay_numbers():
    """A number column keeps its minus sign (it is a number, not a formula); text never does."""
    assert csv_cell(-3.5, "double") == "-3.5" and csv_cell(-12, "int") == "-12" and csv_cell(8264, "int") == "8264"
    assert csv_cell(True, "boolean") == "true" and csv_cell(False, "boolean") == "false"
    assert csv_cell(None, "double") == "" and csv_cell(None) == ""


def test_write_csv_neutralises_every_text_cell(tmp_path):
    g = PropertyGraph()
    g.nodes["person/x"] = ("Person", {"name": "=HYPERLINK(\"http://evil\")", "aliases": "@SUM(A1)", "mentions": 2})
    g.nodes["event/e"] = ("Event", {"name": "+cmd", "mentions": 1})
    g.edges.append(Edge("OUTCOME", "person/x", "event/e", {"outcome": "swing", "label": "-3.5 swing", "value": -3.5,
                                                           "statements": 1, "confidence": 0.5, "evidence": "\tx"}))
    write_csv(g, tmp_path)
    person = read_csv(tmp_path / "Person.csv")[0]
    assert person["name:string"] == "'=HYPERLINK(\"http://evil\")" and person["aliases:string"] == "'@SUM(A1)"
    assert person["mentions:int"] == "2"
    assert read_csv(tmp_path / "Event.csv")[0]["name:string"] == "'+cmd"
    outcome = read_csv(tmp_path / "OUTCOME.csv")[0]
    assert (outcome["label:string"], outcome["value:double"], outcome["evidence:string"]) == ("'-3.5 swing", "-3.5", "'\tx")


def test_kuzu_loads_the_csv_and_answers_cypher(exported, seed_facts, names, tmp_path, a_quote, a_party_role):
    csv_dir = exported[0] / "csv"
    conn = kuzu_load(csv_dir, tmp_path / "kuzu")
    said = conn.execute("MATCH (p:Person)-[:SAID]->(q:Quotation) RETURN p.name, q.text").get_all()
    assert [a_quote[1], a_quote[2]] in said
    assert sorted(map(tuple, said)) == sorted((names[q["speaker"]], q["text"]) for q in seed_facts["quotes"]
                                              if q["speaker"].startswith("person/"))
    parties = conn.execute("MATCH (p:Person)-[m:MEMBER_OF]->(o:PoliticalParty) "
                           "RETURN p.name, m.role, m.current, o.name").get_all()
    assert [a_party_role[1], a_party_role[2], True, a_party_role[4]] in parties
    counts = dict(conn.execute("MATCH (n) RETURN label(n), count(*)").get_all())
    assert counts == {n: len(read_csv(csv_dir / f"{n}.csv")) for n in NODES if read_csv(csv_dir / f"{n}.csv")}
    edges = dict(conn.execute("MATCH ()-[r]->() RETURN label(r), count(*)").get_all())
    assert edges == {e: len(read_csv(csv_dir / f"{e}.csv")) for e in EDGES if read_csv(csv_dir / f"{e}.csv")}


def test_cli_exports_and_says_what_it_wrote(seed_build, tmp_path):
    store = tmp_path / "build" / "store"
    shutil.copytree(seed_build[0] / "store", store)
    proc = run_kg("export", str(store), "--format", "gexf", "--format", "csv,jsonld")
    assert proc.returncode == 0, proc.stderr
    written = {p.name for p in (tmp_path / "build").iterdir()}
    assert written == {"store", "graph.gexf", "csv", "graph.jsonld"}   # beside the store, as asked
    assert str(tmp_path / "build" / "graph.gexf") in proc.stdout
    assert nx.read_gexf(tmp_path / "build" / "graph.gexf").number_of_nodes() > 100


def test_cli_without_a_store_is_a_one_line_error(tmp_path):
    proc = run_kg("export", str(tmp_path / "none"), "--out", str(tmp_path / "out"))
    assert proc.returncode == 2
    assert proc.stderr.startswith("kg export: ") and proc.stderr.count("\n") == 1 and "kg build" in proc.stderr
    assert not (tmp_path / "out").exists()


def test_cli_unknown_format_is_a_one_line_error(seed_build, tmp_path):
    proc = run_kg("export", str(seed_build[0]), "--out", str(tmp_path / "out"), "--format", "jsonld,pdf")
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1 and "pdf" in proc.stderr
    assert not (tmp_path / "out").exists()


def test_a_store_built_under_its_own_base_exports_under_it(tmp_path):
    base = "https://news.example.com/kg/id/"
    proc = run_kg("build", str(sorted(SEEDS.glob("*.txt"))[0]), "--out", str(tmp_path), "--base-iri", base,
                  "--no-view", "-q")
    assert proc.returncode == 0, proc.stderr
    proc = run_kg("export", str(tmp_path), "--format", "csv,jsonld")
    assert proc.returncode == 0, proc.stderr
    people = read_csv(tmp_path / "csv" / "Person.csv")
    assert people and all(re.fullmatch(r"person/[a-z0-9-]+", p["id:ID"]) and p["iri:string"] == base + p["id:ID"]
                          for p in people)
    text = (tmp_path / "graph.jsonld").read_text(encoding="utf-8")
    assert json.loads(text)["@context"]["person"] == base + "person/"
    assert '"graph:entities"' in text and "graph:ontology" not in text and iri.DEFAULT_BASE not in text


def readme_section() -> dict[str, list[str]]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Exports for other tools\n", 1)[1].split("\n## ", 1)[0]
    blocks: dict[str, list[str]] = {}
    for lang, body in re.findall(r"```(\w*)\n(.*?)```", section, flags=re.S):
        blocks.setdefault(lang, []).append(body)
    return blocks


def test_readme_commands_run(seed_build, tmp_path, a_quote, a_party_role):
    """Every command of the README's section: kg export, the Kùzu script, the Cypher queries, and
    the neo4j-admin call checked against the files (there is no Neo4j here to run it)."""
    blocks = readme_section()
    (tmp_path / "exports").mkdir()
    shutil.copytree(seed_build[0] / "store", tmp_path / "exports" / "store")
    env = {**os.environ, "PATH": f"{os.path.dirname(sys.executable)}{os.pathsep}{os.environ['PATH']}"}
    shell = [b for b in blocks["sh"] if not b.startswith("neo4j-admin")]
    assert len(shell) == 1 and len(blocks["sh"]) == 2
    (tmp_path / "examples").symlink_to(ROOT / "examples")
    for line in shell[0].splitlines():
        proc = subprocess.run(line, shell=True, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
        assert proc.returncode == 0, (line, proc.stderr)
        assert proc.stdout.startswith("Wrote ") or line.startswith("kg build") and "graph.gexf" in proc.stdout, line
    assert {p.name for p in (tmp_path / "exports").iterdir()} >= {"store", "graph.jsonld", "graph.graphml",
                                                                   "graph.gexf", "csv"}
    assert {p.name for p in (tmp_path / "shared").iterdir()} == {"graph.gexf", "csv"}

    neo4j = next(b for b in blocks["sh"] if b.startswith("neo4j-admin")).replace("\\\n", " ").split()
    assert neo4j[:5] == ["neo4j-admin", "database", "import", "full", "neo4j"]
    files = {}
    for arg in neo4j[5:]:
        option, _, value = arg.partition("=")
        if option in ("--nodes", "--relationships"):
            name, _, path = value.partition("=")
            assert path == f"exports/csv/{name}.csv" and (tmp_path / path).is_file()
            files[name] = option
    assert files == {**{n: "--nodes" for n in NODES}, **{e: "--relationships" for e in EDGES}}

    proc = subprocess.run([sys.executable, "-c", blocks["python"][0]], cwd=tmp_path, capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == f"[[{len(read_csv(tmp_path / 'exports' / 'csv' / 'Quotation.csv'))}]]"
    conn = kuzu.Connection(kuzu.Database(str(tmp_path / "exports" / "graph.kuzu")))
    queries = [q.strip() for q in blocks["cypher"][0].split(";\n") if q.strip()]
    assert len(queries) == 2
    said, parties = (conn.execute(q.rstrip(";")).get_all() for q in queries)
    assert [a_quote[1], a_quote[2]] in said
    assert [a_party_role[1], a_party_role[2], a_party_role[4]] in parties


def test_build_writes_exports_when_asked(tmp_path):
    first = sorted(SEEDS.glob("*.txt"))[0]
    proc = run_kg("build", str(first), "--out", str(tmp_path / "out"), "--format", "gexf,csv", "--no-view", "-q")
    assert proc.returncode == 0, proc.stderr
    assert str(tmp_path / "out" / "graph.gexf") in proc.stdout
    assert nx.read_gexf(tmp_path / "out" / "graph.gexf").number_of_nodes() > 10
    assert read_csv(tmp_path / "out" / "csv" / "Person.csv")
    refused = run_kg("build", str(first), "--out", str(tmp_path / "other"), "--format", "pdf")
    assert refused.returncode == 2 and "pdf" in refused.stderr and not (tmp_path / "other").exists()
