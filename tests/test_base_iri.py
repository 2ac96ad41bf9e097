"""kg build --base-iri: IRIs under the user's base, recorded in the store and kept by later builds."""
from __future__ import annotations

import json

import pytest

from conftest import SEEDS, run_kg
from kg import iri

BASE = "https://news.example.com/kg/id/"


@pytest.fixture(scope="module")
def own_base(tmp_path_factory):
    out = tmp_path_factory.mktemp("base")
    first = sorted(SEEDS.glob("*.txt"))
    proc = run_kg("build", str(first[0]), "--out", str(out), "--base-iri", BASE.rstrip("/"), "--no-view", "-q")
    assert proc.returncode == 0, proc.stderr
    proc = run_kg("build", str(first[1]), "--out", str(out), "--no-view", "-q")   # no --base-iri this time
    assert proc.returncode == 0, proc.stderr
    return out


def test_every_iri_is_under_the_base_and_later_builds_keep_it(own_base):
    text = (own_base / "graph.nq").read_text(encoding="utf-8")
    assert f"<{BASE}person/" in text and f"<{BASE}graph/entities>" in text
    assert iri.DEFAULT_BASE not in text
    assert f'"{BASE}"^^<http://www.w3.org/2001/XMLSchema#anyURI>' in text   # the store's record of it
    facts = json.loads((own_base / "facts.json").read_text(encoding="utf-8"))
    assert len(facts["articles"]) == 2 and facts["entities"]
    assert all(e["id"].split("/")[0] in ("person", "organization", "place", "event") for e in facts["entities"])


def test_queries_see_the_store_base_in_their_prefixes(own_base):
    proc = run_kg("query", "SELECT (COUNT(*) AS ?n) WHERE { ?p a schema:Person . FILTER(STRSTARTS(STR(?p), STR(person:))) }",
                  "--store", str(own_base / "store"), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)[0]["n"] > 0


@pytest.mark.parametrize("base", ["ftp://news.example.com/", "https://news.example.com/a b/", "https://x.org/?id=",
                                  "news.example.com/kg/"])
def test_a_base_that_cannot_mint_iris_is_refused_in_one_line(tmp_path, base):
    proc = run_kg("build", str(SEEDS), "--out", str(tmp_path / "out"), "--base-iri", base)
    assert proc.returncode == 2 and len(proc.stderr.strip().splitlines()) == 1 and "base IRI" in proc.stderr
    assert not (tmp_path / "out" / "store").exists()


def test_an_out_that_is_a_file_is_refused_before_any_work(tmp_path):
    target = tmp_path / "exports"
    target.write_text("my notes", encoding="utf-8")
    proc = run_kg("build", str(SEEDS), "--out", str(target))
    assert proc.returncode == 2 and "must be a directory" in proc.stderr and "Traceback" not in proc.stderr
    assert target.read_text(encoding="utf-8") == "my notes"
