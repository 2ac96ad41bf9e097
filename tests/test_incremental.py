"""Incremental builds: a store grows by articles, replaces changed ones, and never holds a fact twice."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest

from conftest import SEEDS, same_facts
from kg import iri
from kg.cache import Cache, decode, dumps, fingerprint
from kg.model import ArticleFacts
from servers import kg

ARTICLES = sorted(SEEDS.glob("*.txt"))[:3]


def corpus(tmp: Path, name: str, *files: Path) -> Path:
    d = tmp / name
    d.mkdir()
    for f in files:
        shutil.copy(f, d / f.name)
    return d


def quads(out: Path) -> set:
    return set(ox.parse(path=str(out / "graph.nq")))


def article_graphs(out: Path) -> set[str]:
    store = ox.Store.read_only(str(out / "store"))
    return {g.value for g in store.named_graphs() if g.value not in (iri.ENTITIES_GRAPH, iri.ONTOLOGY_GRAPH)}


def kg_build(*args: str) -> str:
    status, out, err = kg("build", *args, "--no-view", "-q")
    assert status == 0, err
    return out


def test_the_cache_gives_back_the_very_facts_extracted(extract):
    facts = extract('Jane Roe, the leader of the Green Party, said: "We will stand in every seat." '
                    "Former minister Tom Vale told reporters that the count was close.")
    assert facts.quotes and facts.entities
    assert decode(ArticleFacts, json.loads(dumps(facts))) == facts


def test_the_cache_gives_back_results_with_percentages(extract):
    """Outcome values are counts (int) or percentages (float): both come back from the cache."""
    facts = extract("Kelvale by-election result\n\nJane Roe won the Kelvale by-election.\n\n"
                    "Jane Roe (Lab) 12,345 (51.2%)\nTom Vale (Con) 9,001 (37.4%)\n\nTurnout: 40%\n")
    values = {type(o.value) for o in facts.outcomes if o.value is not None and not isinstance(o.value, str)}
    assert {int, float} <= values
    assert decode(ArticleFacts, json.loads(dumps(facts))) == facts


@pytest.mark.slow
def test_a_b_then_b_c_holds_exactly_a_b_c_and_a_changed_b_replaces_b(tmp_path):
    a, b, c = ARTICLES
    out = tmp_path / "out"
    kg_build(str(corpus(tmp_path, "ab", a, b)), "--out", str(out))
    stdout = kg_build(str(corpus(tmp_path, "bc", b, c)), "--out", str(out))
    assert "Kept 1 article of earlier builds; the store holds 3." in stdout
    assert "1 from the cache" in stdout
    fresh = tmp_path / "fresh"
    kg_build(str(corpus(tmp_path, "abc", a, b, c)), "--out", str(fresh))
    assert same_facts(out, fresh)   # (entity IRIs keep the names they were first given: see the README)
    grown = quads(out)

    stdout = kg_build(str(tmp_path / "bc"), "--out", str(out))   # the same build again
    assert "2 from the cache" in stdout
    assert quads(out) == grown

    edited = corpus(tmp_path, "b2")
    text = b.read_text(encoding="utf-8")
    (edited / b.name).write_text(text[: text.rindex("\n\n")] + "\n", encoding="utf-8")
    stdout = kg_build(str(edited), "--out", str(out))
    assert "replaced 1" in stdout
    fresh2 = tmp_path / "fresh2"
    kg_build(str(tmp_path / "abc" / a.name), str(edited), str(tmp_path / "abc" / c.name), "--out", str(fresh2))
    assert same_facts(out, fresh2)
    held = article_graphs(out)
    assert len(held) == 3 and iri.graph(_id(b)) not in held and iri.graph(_id(edited / b.name)) in held
    assert len(list((out / "cache").glob("*.json"))) == 3
    files = {x["file"] for x in json.loads((out / "facts.json").read_text(encoding="utf-8"))["articles"]}
    assert files == {a.name, b.name, c.name}


def _id(path: Path) -> str:
    from kg.ingest import read_article
    return read_article(path).meta.id


def test_fresh_starts_over_and_stale_entries_are_parsed_again(tmp_path):
    a, b, _ = ARTICLES
    out = tmp_path / "out"
    kg_build(str(a), str(b), "--out", str(out))
    entry = next((out / "cache").glob("*.json"))
    data = json.loads(entry.read_text(encoding="utf-8"))
    assert data["extractor"] == fingerprint()
    data["extractor"] = "0.0.0+older"
    entry.write_text(json.dumps(data), encoding="utf-8")
    (out / "index.sqlite").unlink()   # a store of an older kg, or one whose extraction changed: all resolved again
    stdout = kg_build(str(a), "--out", str(out))
    assert "Kept 1 article" in stdout   # re-read from its file, parsed again
    assert json.loads(entry.read_text(encoding="utf-8"))["extractor"] == fingerprint()
    stdout = kg_build(str(a), "--out", str(out), "--fresh")
    assert "Kept" not in stdout and len(article_graphs(out)) == 1
    assert len(list((out / "cache").glob("*.json"))) == 1


def test_a_store_whose_facts_are_not_cached_is_not_rebuilt_without_them(tmp_path):
    a, b, _ = ARTICLES
    out = tmp_path / "out"
    kg_build(str(a), str(b), "--out", str(out))
    shutil.rmtree(out / "cache")
    (out / "index.sqlite").unlink()   # a store of an older kg, or one whose extraction changed: all resolved again
    before = quads(out)
    status, _, err = kg("build", str(b), "--out", str(out), "--no-view", "-q")
    assert status == 2 and err.count("\n") == 1
    assert a.name in err and "--fresh" in err and "Traceback" not in err
    assert quads(out) == before and len(article_graphs(out)) == 2
    kg_build(str(a), str(b), "--out", str(out))   # building them again brings the cache back
    assert quads(out) == before


def test_an_unreadable_store_is_a_one_line_error_and_is_left_alone(tmp_path):
    out = tmp_path / "out"
    (out / "store").mkdir(parents=True)
    (out / "store" / "CURRENT").write_text("not a database\n")
    status, _, err = kg("build", str(ARTICLES[0]), "--out", str(out), "--no-view", "-q")
    assert status == 2 and err.count("\n") == 1
    assert "--fresh" in err and "Traceback" not in err
    assert (out / "store" / "CURRENT").read_text() == "not a database\n"


def test_a_build_that_fails_while_writing_leaves_the_previous_store(tmp_path, seed_build):
    from kg.export.rdf import write_store
    target = tmp_path / "store"
    shutil.copytree(seed_build[0] / "store", target)
    before = len(ox.Store.read_only(str(target)))

    def broken():
        yield from ox.Store.read_only(str(target)).quads_for_pattern(None, None, None)
        raise OSError("disk full")
    with pytest.raises(OSError):
        write_store(broken(), target)
    assert len(ox.Store.read_only(str(target))) == before > 1000
    assert [p.name for p in tmp_path.iterdir()] == ["store"]


def test_a_second_build_into_the_same_directory_is_refused_while_one_runs(tmp_path):
    from kg.incremental import build_lock
    with build_lock(tmp_path):
        status, _, err = kg("build", str(ARTICLES[0]), "--out", str(tmp_path), "--no-view", "-q")
    assert status == 2 and "another kg build" in err
    assert not (tmp_path / "store").exists()


def test_cache_misses_on_another_model_or_other_metadata(tmp_path, extract):
    import dataclasses
    facts = extract("Jane Roe said the count was close.")
    cache = Cache(tmp_path, "model-a")
    cache.put(facts)
    assert cache.get(facts.meta) == facts
    assert cache.get(dataclasses.replace(facts.meta, path="elsewhere/case.txt")).meta.path == "elsewhere/case.txt"
    assert cache.get(dataclasses.replace(facts.meta, date="1999-01-01")) is None
    assert Cache(tmp_path, "model-b").get(facts.meta) is None
    entry = tmp_path / f"{facts.meta.sha256}.json"
    good = json.loads(entry.read_text())
    entry.write_text("{not json")
    assert cache.get(facts.meta) is None
    entry.write_text("[1, 2]")
    assert cache.get(facts.meta) is None and cache.read(facts.meta.sha256) is None
    entry.write_text(json.dumps({**good, "facts": {**good["facts"], "quotes": "not a list"}}))
    assert cache.get(facts.meta) is None and cache.read(facts.meta.sha256) is None
    entry.write_text(json.dumps({**good, "extractor": "older"}))
    assert cache.get(facts.meta) is None and cache.read(facts.meta.sha256) == (facts, False)


def test_a_store_set_aside_by_an_interrupted_swap_is_put_back(tmp_path, seed_build):
    from kg.incremental import held_articles
    out = tmp_path / "out"
    out.mkdir()
    shutil.copytree(seed_build[0] / "store", out / ".store.old")   # killed between replace_dir's two renames
    held = held_articles(out / "store")
    assert len(held) == len(list(SEEDS.glob("*.txt"))) == len({h.sha256 for h in held})
    assert (out / "store").is_dir() and not (out / ".store.old").exists()


def test_the_cache_key_changes_with_the_extraction_code_and_data(tmp_path, monkeypatch):
    import kg.cache
    copy = tmp_path / "kg"
    shutil.copytree(kg.cache.PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(kg.cache, "PACKAGE", copy)
    before = kg.cache.fingerprint.__wrapped__()
    assert before == fingerprint()
    (copy / "graph.py").write_text("# graph building is not cached\n")
    assert kg.cache.fingerprint.__wrapped__() == before
    for changed in (sorted((copy / "data").glob("*.tsv"))[0], sorted((copy / "extract").glob("*.py"))[-1]):
        changed.write_text(changed.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        assert kg.cache.fingerprint.__wrapped__() != before
        before = kg.cache.fingerprint.__wrapped__()


def test_stale_facts_of_a_vanished_file_are_kept_with_a_note(tmp_path):
    a, b, _ = ARTICLES
    src = corpus(tmp_path, "src", a, b)
    out = tmp_path / "out"
    kg_build(str(src), "--out", str(out))
    from kg.ingest import read_article
    entry = out / "cache" / f"{read_article(src / b.name).meta.sha256}.json"
    data = json.loads(entry.read_text(encoding="utf-8"))
    entry.write_text(json.dumps({**data, "model": "some-older-model"}), encoding="utf-8")
    before = quads(out)
    (src / b.name).unlink()
    (out / "index.sqlite").unlink()   # a store of an older kg, or one whose extraction changed: all resolved again
    status, stdout, err = kg("build", str(src / a.name), "--out", str(out), "--no-view")
    assert status == 0 and "Kept 1 article" in stdout
    notes = [line for line in err.splitlines() if "note:" in line]
    assert len(notes) == 1 and b.name in notes[0] and "gone" in notes[0]
    assert quads(out) == before


def test_a_stale_record_of_a_json_lines_file_is_parsed_again_from_its_line(tmp_path):
    a, b, c = ARTICLES
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps({"text": p.read_text(encoding="utf-8"), "url": f"https://news.example/{i}"}) + "\n"
                            for i, p in enumerate((a, b))), encoding="utf-8")
    out = tmp_path / "out"
    kg_build(str(feed), "--out", str(out))
    entries = {e: json.loads(e.read_text(encoding="utf-8")) for e in (out / "cache").glob("*.json")}
    assert len(entries) == 2
    for entry, data in entries.items():
        entry.write_text(json.dumps({**data, "extractor": "older"}), encoding="utf-8")
    (out / "index.sqlite").unlink()   # a store of an older kg, or one whose extraction changed: all resolved again
    stdout = kg_build(str(c), "--out", str(out))
    assert "Kept 2 articles of earlier builds; the store holds 3." in stdout
    for entry, data in entries.items():   # parsed again from their lines: current, and the same facts
        assert json.loads(entry.read_text(encoding="utf-8")) == data
    assert len(article_graphs(out)) == 3


def test_a_store_written_with_http_schema_terms_keeps_its_articles(seed_build, tmp_path):
    """Stores from before kg moved to https://schema.org/ still tell which articles they hold."""
    from pyoxigraph import NamedNode, Quad, Store
    from kg.incremental import held_articles
    new = held_articles(seed_build[0] / "store")
    old = Store(str(tmp_path / "store"))
    def http(t):
        return NamedNode(t.value.replace("https://schema.org/", "http://schema.org/")) if isinstance(t, NamedNode) else t
    old.bulk_extend(Quad(http(q.subject), http(q.predicate), http(q.object), q.graph_name)
                    for q in Store.read_only(str(seed_build[0] / "store")))
    old.flush()
    del old
    assert len(new) == 5 and held_articles(tmp_path / "store") == new


def test_a_build_that_fails_while_writing_leaves_the_store_and_its_cache_usable(tmp_path, monkeypatch):
    """A full disk mid-way through writing: the old set stays, and so do the cache entries it needs."""
    import errno
    from conftest import SEEDS
    from kg import pipeline
    files = sorted(SEEDS.glob("*.txt"))
    out = tmp_path / "out"
    assert pipeline.build([str(f) for f in files[:3]], out=out, view=False).articles == 3

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(pipeline, "write_facts", full)
    with pytest.raises(OSError):
        pipeline.build([str(files[3])], out=out, view=False, fresh=True)
    monkeypatch.undo()
    assert not [p for p in (out / ".kg-builds").iterdir() if p.resolve() != (out / ".kg-current").resolve()]
    report = pipeline.build([str(files[4])], out=out, view=False)
    assert report.counts["stored"] == 4 and not report.errors   # the three earlier articles, from the cache
