"""Every kg command the README shows is a valid command line, and those that need no server run.

Placeholders (DIR, PATH..., URL ...) become real paths in a scratch directory holding a copy of the
example build. Commands that need a server (kg serve, kg load, --endpoint, a Dask scheduler) or a
model that is not installed are parsed only: tests/test_load.py, tests/test_virtuoso.py and
tests/test_parallel.py run those paths against real servers.
"""
from __future__ import annotations

import os
import shutil
import sys

import pytest

from conftest import ROOT, SEEDS, same_facts
from kg.cli import parser
from servers import kg

sys.path.insert(0, str(ROOT / "tools"))
import readme_outputs  # noqa: E402

PLACEHOLDERS = {"PATH...": "examples/seeds", "ARTICLES": "examples/seeds", "DIR": "exports", "DIR/store": "exports/store",
                "URL": "http://127.0.0.1:7878/store", "QUERY_URL": "http://127.0.0.1:7878/query", "NAME": "Jane Doe",
                "table|csv|tsv|json": "csv", "SELECT ...": "SELECT * WHERE { ?s ?p ?o } LIMIT 1"}
NEEDS_A_SERVER = ("serve", "load")


def readme_commands() -> list[list[str]]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    out = []
    for block in readme_outputs.BLOCK.finditer(readme):
        if block[1] != "sh":
            continue
        for words in readme_outputs._commands(block[2]):
            if words[0] in ("kg", ".venv/bin/kg"):
                words = [PLACEHOLDERS.get(w.strip("[]"), w.strip("[]")) for w in words[1:]]
                out.append(words)
    return out


COMMANDS = readme_commands()


def runs_here(words: list[str]) -> bool:
    return words[0] not in NEEDS_A_SERVER + ("remove",) and not any(w in ("--endpoint", "--executor", "--model") for w in words)


def test_the_readme_shows_every_command():
    shown = {w[0] for w in COMMANDS}
    assert shown >= {"build", "query", "view", "load", "serve", "export"} and len(COMMANDS) > 30


@pytest.mark.parametrize("words", COMMANDS, ids=[" ".join(w)[:60] for w in COMMANDS])
def test_each_command_parses(words):
    args = parser().parse_args(words)   # an unknown option or a missing argument exits here
    assert callable(args.run)


@pytest.fixture(scope="module")
def scratch(seed_build, tmp_path_factory):
    """A directory where the README's paths work: examples/, exports/ (a copy of the example build),
    my-query.rq, and the day folders of the incremental-build example (A, B; B, C; A, B, C)."""
    d = tmp_path_factory.mktemp("readme")
    shutil.copytree(seed_build[0], d / "exports", ignore=shutil.ignore_patterns("cache"))
    (d / "examples").symlink_to(ROOT / "examples")
    (d / "my-query.rq").write_text("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }\n", encoding="utf-8")
    a, b, c = sorted(SEEDS.glob("*.txt"))[:3]
    for day, files in (("monday", (a, b)), ("tuesday", (b, c)), ("all", (a, b, c))):
        (d / day).mkdir()
        for f in files:
            shutil.copy(f, d / day / f.name)
    return d


def in_dir(d, *words):
    here = os.getcwd()
    os.chdir(d)
    try:
        return kg(*words)
    finally:
        os.chdir(here)


@pytest.mark.parametrize("words", [w for w in COMMANDS if runs_here(w) and not w[1:2] == ["monday/"]
                                   and w[1:2] not in (["tuesday/"], ["all/"])],
                         ids=lambda w: " ".join(w)[:60])
def test_each_command_that_needs_no_server_runs(scratch, words):
    if words[0] == "view" and "--focus" in words:   # a name the example build has
        words = [w if w != "Jane Doe" else "Kim" for w in words]
    status, out, err = in_dir(scratch, *words)
    assert status == 0, err


def test_the_incremental_build_example_does_what_it_says(scratch):
    """monday: A, B; tuesday: B, C -> the store holds A, B and C once each; again: the same triples;
    afresh: the same facts; then B taken out."""
    days = [w for w in COMMANDS if w[1:2] in (["monday/"], ["tuesday/"], ["all/"]) or w[0] == "remove"]
    assert [w[1] for w in days] == ["monday/", "tuesday/", "tuesday/", "all/", "B.txt"]
    b = sorted(SEEDS.glob("*.txt"))[1].name
    outputs = []
    for words in days:
        words = [{"exports": "days", "B.txt": b}.get(w, w) for w in words]
        status, out, err = in_dir(scratch, *words, *(["-q"] if words[0] == "build" else []), "--no-view")
        assert status == 0, err
        outputs.append(((scratch / "days" / "graph.nq").read_bytes(), out))
        if words[1] in ("tuesday/", "all/"):
            shutil.copytree(scratch / "days", scratch / f"days-{len(outputs)}", symlinks=True)
    assert "the store holds 3" in outputs[1][1]
    assert outputs[2][0] == outputs[1][0]                                # nothing new: the same triples
    assert same_facts(scratch / "days-3", scratch / "days-4")             # A, B, C afresh: the same facts
    assert "the store holds 2" in outputs[4][1]
