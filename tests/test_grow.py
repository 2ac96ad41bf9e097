"""Adding articles to a store through its entity index, and removing them (kg.update, kg.extend).

Each case builds some invented articles, adds others to the store, and compares the store with a
fresh build of all of them: an incremental change must give the same graph as building again.
"""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pyoxigraph as ox
import pytest

from conftest import same_facts
from kg import iri
from kg.pipeline import build
from kg.remove import remove
from servers import kg

ARTICLES = {
    "roe_full": "Green Party names leader\n\nJane Roe was elected leader of the Green Party on Monday. "
                "Roe said the party would stand in every seat.\n",
    "roe_surname": "Campaign begins\n\nRoe told reporters on Tuesday that the campaign had begun in earnest.\n",
    "vale_treasurer": "Party accounts\n\nTom Vale, the treasurer of the Green Party, said the accounts were in order.\n",
    "vale_former": "Treasurer steps down\n\nFormer treasurer Tom Vale said he had left the Green Party after "
                   "ten years.\n",
    "count_one": "Kelvale by-election\n\nJane Roe won the Kelvale by-election with 12,345 votes.\n",
    "count_two": "Kelvale result\n\nJane Roe won the Kelvale by-election with 12,900 votes.\n",
    "ann_doe": "Council vote\n\nAnn Doe, the mayor of Kelvale, said the council would meet on Friday.\n",
}


def write(folder: Path, names: list[str], texts: dict[str, str] = ARTICLES) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name in names:
        path = folder / f"{name}.txt"
        path.write_text(texts[name], encoding="utf-8")
        paths.append(path)
    return paths


def store_quads(out: Path) -> set:
    store = ox.Store.read_only(str(out / "store"))
    return {q for q in store if q.graph_name != ox.NamedNode(iri.ONTOLOGY_GRAPH)}


def grown(tmp: Path, *batches: list[str], **kw) -> Path:
    out = tmp / "grown"
    for n, batch in enumerate(batches):
        report = build(write(tmp / f"in{n}", batch), out=out, view=False, **kw)
        assert report.ok, report.errors
    return out


def fresh(tmp: Path, names: list[str]) -> Path:
    out = tmp / "fresh"
    assert build(write(tmp / "all", names), out=out, view=False, fresh=True).ok
    return out


def entity_names(out: Path) -> dict[str, str]:
    store = ox.Store.read_only(str(out / "store"))
    rows = store.query("SELECT ?e ?n WHERE { GRAPH ?g { ?e <https://schema.org/name> ?n } }")
    return {r["e"].value: r["n"].value for r in rows}


@pytest.mark.parametrize("batches", [
    [["roe_full"], ["roe_surname"]],                       # a surname joins the stored full name
    [["roe_surname"], ["roe_full"]],                       # a stored surname-only person joins the new full name
    [["vale_treasurer"], ["vale_former"]],                 # "former" reaches the stored article's current role
    [["count_one", "ann_doe"], ["count_two", "roe_full"]],  # outcomes of a stored event; a place named again
    [["roe_full", "vale_treasurer"], ["ann_doe"], ["roe_surname", "count_one"]],
], ids=["surname-after", "surname-before", "former-role", "event-outcomes", "three-steps"])
def test_adding_articles_gives_the_graph_a_fresh_build_gives(tmp_path, batches):
    out = grown(tmp_path, *batches)
    assert (out / "index.sqlite").is_file()
    full = fresh(tmp_path, [n for b in batches for n in b])
    if batches[0] == ["roe_full", "vale_treasurer"]:
        # "Kelvale" is first an organisation, then a place: it keeps the id it was given, so the
        # graphs differ in that id alone, and the facts are the same.
        assert "organization/kelvale" in " ".join(entity_names(out)) and "place/kelvale" in " ".join(entity_names(full))
        assert same_facts(out, full)
    else:
        assert store_quads(out) == store_quads(full)


def test_entity_ids_stay_when_articles_are_added(tmp_path):
    out = grown(tmp_path, ["roe_full", "vale_treasurer"])
    before = entity_names(out)
    grown(tmp_path, ["roe_full", "vale_treasurer"], ["ann_doe", "roe_surname"])
    after = entity_names(out)
    assert set(before) <= set(after)


@pytest.mark.parametrize("gone", [["vale_former"], ["roe_full"], ["count_one", "ann_doe"]])
def test_removing_articles_gives_the_graph_of_the_rest(tmp_path, gone):
    names = ["roe_full", "roe_surname", "vale_former", "count_one", "ann_doe"]
    out = grown(tmp_path, names[:2], names[2:])
    report = remove([f"{g}.txt" for g in gone], out=out, view=False)
    assert report.ok and report.counts["removed"] == len(gone)
    assert store_quads(out) == store_quads(fresh(tmp_path, [n for n in names if n not in gone]))
    assert (out / "facts.json").is_file()


def test_an_article_with_a_new_text_replaces_its_earlier_version(tmp_path):
    out = grown(tmp_path, ["roe_full", "vale_treasurer"])
    texts = {**ARTICLES, "vale_treasurer": ARTICLES["vale_former"]}
    assert build(write(tmp_path / "again", ["vale_treasurer"], texts), out=out, view=False).ok
    both = tmp_path / "both"
    write(both, ["roe_full"])
    write(both, ["vale_treasurer"], texts)
    assert build([both], out=tmp_path / "ref", view=False, fresh=True).ok
    assert store_quads(out) == store_quads(tmp_path / "ref")


def test_a_large_store_gets_the_store_alone_and_kg_export_writes_the_files(tmp_path):
    out = grown(tmp_path, ["roe_full", "ann_doe"])
    report = build(write(tmp_path / "more", ["vale_treasurer"]), out=out, view=False, files_limit=1)
    assert report.ok and any("kg export" in n for n in report.notes)
    assert not (out / "facts.json").exists() and not (out / "graph.nq").exists()
    status, stdout, err = kg("export", str(out), "--format", "files")
    assert status == 0, err
    assert (out / "facts.json").is_file() and (out / "graph.nq").is_file()
    assert {q.triple for q in ox.parse(path=str(out / "graph.nq"))} >= {q.triple for q in store_quads(out)}


def test_an_index_that_names_another_set_is_not_trusted(tmp_path):
    """A build killed after committing its index and before publishing its set: the next build
    resolves everything again and makes a new index."""
    out = grown(tmp_path, ["roe_full"])
    with sqlite3.connect(out / "index.sqlite") as db:
        db.execute("UPDATE meta SET value='another-set' WHERE key='set'")
    assert build(write(tmp_path / "more", ["roe_surname"]), out=out, view=False).ok
    assert store_quads(out) == store_quads(fresh(tmp_path, ["roe_full", "roe_surname"]))


def test_kg_remove_names_what_it_cannot_find_in_one_line(tmp_path):
    out = grown(tmp_path, ["roe_full"])
    status, stdout, err = kg("remove", "no-such-article.txt", "--out", str(out))
    assert status == 2 and "no-such-article.txt" in err and "Traceback" not in err
    status, stdout, err = kg("remove", "x", "--out", str(tmp_path / "nothing-here"))
    assert status == 2 and len(err.strip().splitlines()) == 1 and "Traceback" not in err
