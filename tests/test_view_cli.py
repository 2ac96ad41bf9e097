"""kg view: the whole graph, one entity's neighbourhood, a CONSTRUCT query's graph; clear errors."""
from __future__ import annotations

from collections import Counter

import pytest

from conftest import run_kg
from viewpage import page_data

ARTICLE = """The Invented Gazette
1 March 2024

Harbour plan splits council

Jane Roe, the leader of the Green Party, said: "We will not accept a plan that closes the harbour to the people \
who work there."

"It is a scandal and the council knows it," said Jane Roe.

Tom Doe, a councillor for the Green Party, said the plan was "rushed and wrong".

Mara Quill, the chair of the Harbour Trust, said: "The trust has waited ten years for this decision."
"""


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    root = tmp_path_factory.mktemp("invented")
    (root / "in").mkdir()
    (root / "in" / "harbour.txt").write_text(ARTICLE, encoding="utf-8")
    proc = run_kg("build", str(root / "in"), "--out", str(root / "out"), "--no-view")
    assert proc.returncode == 0, proc.stderr
    return root / "out" / "store"


def view(store, tmp_path, *args):
    out = tmp_path / "view.html"
    proc = run_kg("view", "--store", str(store), "--out", str(out), *args)
    return proc, out


def names(out, kind=None) -> set[str]:
    return {n["name"] for n in page_data(out)["nodes"] if kind in (None, n["kind"])}


def test_whole_graph_by_default(store, tmp_path):
    proc, out = view(store, tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert names(out, "Person") == {"Jane Roe", "Tom Doe", "Mara Quill"}
    assert names(out, "PoliticalParty") == {"Green Party"} and names(out, "Organization") == {"Harbour Trust"}
    assert f"Wrote {out}" in proc.stdout and "nodes" in proc.stdout
    roles = {(e["label"], e["evidence"][0]["text"]) for e in page_data(out)["edges"] if e["kind"] == "role"}
    assert ("leader", "Jane Roe, the leader of the Green Party") in roles


def test_focus_from_the_command_line(store, tmp_path):
    proc, out = view(store, tmp_path, "--focus", "jane roe", "--depth", "1")
    assert proc.returncode == 0, proc.stderr
    data = page_data(out)
    assert names(out, "Person") == {"Jane Roe"} and "Green Party" in names(out)
    assert data["focus"] == "Jane Roe" and data["depth"] == 1


def library_view(store, tmp_path, **kw) -> dict:
    from kg.export.view import view as write
    from kg.pipeline import open_store
    g = write(open_store(store), tmp_path / "lib.html", **kw)
    data = page_data(tmp_path / "lib.html")
    assert len(data["nodes"]) == g.number_of_nodes()
    return data


def test_focus_goes_as_deep_as_asked(store, tmp_path):
    people = lambda data: {n["name"] for n in data["nodes"] if n["kind"] == "Person"}
    assert people(library_view(store, tmp_path, name="Roe", depth=2)) == {"Jane Roe", "Tom Doe"}  # via the party
    assert [n["name"] for n in library_view(store, tmp_path, name="person/mara-quill", depth=0)["nodes"]] == \
        ["Mara Quill"]


def test_quotes_per_speaker_are_capped_but_counted(store, tmp_path):
    data = library_view(store, tmp_path, name="Jane Roe", max_quotes=1)
    assert Counter(n["kind"] for n in data["nodes"])["Quote"] == 1
    assert next(n for n in data["nodes"] if n["name"] == "Jane Roe")["quotes"] == 2


def test_max_nodes_keeps_the_most_connected_and_says_so(store, tmp_path):
    proc, out = view(store, tmp_path, "--max-nodes", "3")
    assert proc.returncode == 0, proc.stderr
    data = page_data(out)
    assert len(data["nodes"]) == 3 and "Green Party" in names(out)
    assert data["total"] > 3 and f"of {data['total']} nodes" in proc.stdout


def test_construct_draws_the_triples_of_a_query(store, tmp_path):
    query = tmp_path / "members.rq"
    query.write_text("CONSTRUCT { ?p org:memberOf ?o } WHERE { ?p org:memberOf ?o }", encoding="utf-8")
    data = library_view(store, tmp_path, construct=str(query))
    assert {n["name"] for n in data["nodes"] if n["kind"] == "Person"} == {"Jane Roe", "Tom Doe", "Mara Quill"}
    assert {e["kind"] for e in data["edges"]} == {"org:memberOf"} and len(data["edges"]) == 3
    assert "memberOf" in data["query"]


@pytest.mark.parametrize("kw, says", [
    ({"name": "o"}, "give the full name"),
    ({"construct": "SELECT * WHERE { ?s ?p ?o }"}, "CONSTRUCT"),
    ({"construct": "CONSTRUCT {"}, "SPARQL syntax error"),
])
def test_what_cannot_be_drawn_is_refused(store, tmp_path, kw, says):
    from kg.export.view_data import ViewError
    from kg.sparql import QueryError
    with pytest.raises((ViewError, QueryError), match=says):
        library_view(store, tmp_path, **kw)
    assert not (tmp_path / "lib.html").exists()


@pytest.fixture(scope="module")
def old_page(store, tmp_path_factory):
    proc, out = view(store, tmp_path_factory.mktemp("old"))
    assert proc.returncode == 0
    return out.read_bytes()


@pytest.mark.parametrize("args, says, names_store", [
    (["--focus", "Nobody Atall"], 'no entity named "Nobody Atall"', True),
    (["--construct", "missing.rq"], "missing.rq: no such query file", False),
])
def test_bad_requests_are_one_line_and_leave_the_old_page(store, old_page, tmp_path, args, says, names_store):
    (tmp_path / "view.html").write_bytes(old_page)
    proc, out = view(store, tmp_path, *args)
    assert proc.returncode == 2 and says in proc.stderr and (str(store) in proc.stderr) == names_store
    assert proc.stderr.startswith("kg view: ") and proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr
    assert out.read_bytes() == old_page


@pytest.mark.parametrize("kind, value, words", [
    ("votes", "13,296", "13,296 votes in"), ("votes", None, "votes in"), ("majority", "323", "majority of 323 in"),
    ("majority", None, "majority in"), ("winner", None, "won"), ("some_new_kind", None, "some new kind"),
])
def test_outcomes_read_as_words_on_their_edges(kind, value, words):
    from kg.export.view_data import outcome_words
    assert outcome_words(kind, value) == words
