"""kg build on the example corpus: the four outputs, valid RDF, facts that point into the files."""
from __future__ import annotations

import json
import os

import pyoxigraph as ox
import rdflib

from conftest import SEEDS, run_kg


def test_build_writes_every_output_and_a_summary(seed_build):
    out, proc = seed_build
    for name in ("graph.ttl", "graph.trig", "graph.nq", "graph.html", "facts.json"):
        assert (out / name).stat().st_size > 1000, name
    assert (out / "store").is_dir()
    assert "Read 5 articles" in proc.stdout
    assert "quotes" in proc.stdout and "Wrote:" in proc.stdout


def test_turtle_parses_the_same_in_rdflib_and_oxigraph(seed_build):
    out, _ = seed_build
    g = rdflib.Graph().parse(out / "graph.ttl")
    assert len(g) > 1000
    assert len(set(ox.parse(path=str(out / "graph.ttl")))) == len(g)


def test_turtle_states_each_triple_once(seed_build):
    """An entity's name and types stand in several named graphs; the merged graph.ttl says them once."""
    out, _ = seed_build
    triples = list(ox.parse(path=str(out / "graph.ttl")))
    assert len(triples) == len(set(triples)) > 1000


def test_each_article_has_its_own_named_graph(seed_build):
    out, _ = seed_build
    ds = rdflib.Dataset().parse(out / "graph.trig", format="trig")
    graphs = {str(c.identifier) for c in ds.graphs()}
    assert sum("/graph/" in g and not g.endswith(("/entities", "/ontology")) for g in graphs) == 5


def test_facts_point_at_the_exact_words_of_the_files(seed_facts):
    texts = {p.name: p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt")}
    assert len(seed_facts["quotes"]) >= 40
    for q in seed_facts["quotes"]:
        assert texts[q["file"]][q["start"]:q["end"]] == q["text"]
    evidence = [e for m in seed_facts["memberships"] for e in m["evidence"]]
    evidence += [e for ev in seed_facts["events"] for o in ev["outcomes"] for e in o["evidence"]]
    assert evidence
    for e in evidence:
        assert e["text"] in texts[e["file"]]


def test_facts_json_has_one_line_per_fact(seed_build, seed_facts):
    lines = (seed_build[0] / "facts.json").read_text(encoding="utf-8").splitlines()
    items = [json.loads(line.removesuffix(",")) for line in lines if line.startswith('{"')]
    assert items == [item for section in seed_facts.values() for item in section]
    assert len(lines) == len(items) + 2 + 2 * len(seed_facts)   # braces, and each section's first and last line


def test_facts_follow_the_gold_schema(seed_facts):
    assert set(seed_facts) >= {"articles", "entities", "memberships", "quotes", "events"}
    ids = {e["id"] for e in seed_facts["entities"]}
    assert all(e["type"] in {"Person", "Organization", "PoliticalParty", "Place", "Event"} for e in seed_facts["entities"])
    assert all(q["speaker"] in ids and q["kind"] in ("direct", "indirect") for q in seed_facts["quotes"])
    assert all(m["person"] in ids and (m["organization"] is None or m["organization"] in ids)
               for m in seed_facts["memberships"])
    assert all(o["subject"] in ids for ev in seed_facts["events"] for o in ev["outcomes"])
    assert {a["file"] for a in seed_facts["articles"]} == {p.name for p in SEEDS.glob("*.txt")}


def test_query_answers_who_said_what_and_agrees_with_facts(seed_build, seed_facts):
    out, _ = seed_build
    proc = run_kg("query", "SELECT ?name ?text WHERE { ?q a kg:Quotation ; schema:creator ?p ; schema:text ?text . "
                  "?p schema:name ?name }", "--store", str(out / "store"), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    rows = json.loads(proc.stdout)
    names = {e["id"]: e["name"] for e in seed_facts["entities"]}
    expected = {(names[q["speaker"]], q["text"]) for q in seed_facts["quotes"]}
    assert {(r["name"], r["text"]) for r in rows} == expected


def test_query_reads_a_query_file_and_prints_a_table(seed_build, tmp_path):
    out, _ = seed_build
    rq = tmp_path / "count.rq"
    rq.write_text("SELECT (COUNT(DISTINCT ?p) AS ?people) WHERE { ?p a schema:Person }\n")
    proc = run_kg("query", str(rq), "--store", str(out / "store"))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[0].strip() == "people" and "(1 row)" in proc.stdout


def test_a_rebuild_gives_the_same_triples(seed_build, tmp_path):
    out, _ = seed_build
    proc = run_kg("build", str(SEEDS), "--out", str(tmp_path), "--no-view", "-q")
    assert proc.returncode == 0, proc.stderr
    first = set(ox.parse(path=str(out / "graph.nq")))
    again = set(ox.parse(path=str(tmp_path / "graph.nq")))
    assert first == again
    # Without the view only facts.json's queries are asked; it comes out the same, byte for byte.
    assert (tmp_path / "facts.json").read_bytes() == (out / "facts.json").read_bytes()
    assert not (tmp_path / "graph.html").exists()


def test_a_majority_stated_without_its_winner_goes_to_the_winner_another_article_names(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Jane Doe wins Exeter by-election\n\nJane Doe has won the Exeter "
                                          "by-election for the Liberal Democrats.\n", encoding="utf-8")
    said = "The Liberal Democrats held on in the Exeter by-election with a majority of 2,469 votes."
    (tmp_path / "in" / "b.txt").write_text(f"Exeter result\n\n{said}\n", encoding="utf-8")
    proc = run_kg("build", str(tmp_path / "in"), "--out", str(tmp_path / "out"))
    assert proc.returncode == 0, proc.stderr
    facts = json.loads((tmp_path / "out" / "facts.json").read_text(encoding="utf-8"))
    outcomes = {(o["predicate"], o["subject"], o["value"]): o["evidence"] for e in facts["events"] for o in e["outcomes"]}
    assert ("winner", "person/jane-doe", None) in outcomes
    assert outcomes[("majority", "person/jane-doe", 2469)] == [{"file": "b.txt", "text": said}]


def test_outputs_are_one_set_behind_links_and_an_old_layout_is_taken_over(seed_build, tmp_path):
    """Each output is a link through .kg-current to the build's own folder; a directory written by an
    older kg (plain files, a plain store) keeps its articles and becomes the same layout."""
    import shutil
    from conftest import SEEDS, run_kg
    out = seed_build[0]
    for name in ("graph.ttl", "graph.nq", "graph.trig", "facts.json", "graph.html", "store"):
        assert (out / name).is_symlink() and os.readlink(out / name) == os.path.join(".kg-current", name)
    old = tmp_path / "old"
    shutil.copytree(out, old, ignore=shutil.ignore_patterns(".kg-*"))   # links followed: plain files
    assert not (old / "store").is_symlink() and (old / "store" / "CURRENT").is_file()
    proc = run_kg("build", str(sorted(SEEDS.glob("*.txt"))[0]), "--out", str(old), "--no-view", "-q")
    assert proc.returncode == 0, proc.stderr
    assert (old / "store").is_symlink() and (old / "graph.nq").is_symlink()
    facts = json.loads((old / "facts.json").read_text(encoding="utf-8"))
    assert len(facts["articles"]) == 5   # the earlier articles were kept
    assert [p.name for p in (old / ".kg-builds").iterdir()] == [os.readlink(old / ".kg-current").split("/")[-1]]
