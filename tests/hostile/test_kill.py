"""Killing a build mid-way leaves the previous outputs as they were, and loadable.

A small corpus is built first; then a build of a larger generated corpus into
the same directory is started with the real CLI and sent SIGTERM or SIGKILL
while it is reading and parsing. Afterwards every output is byte for byte
the previous one and loads in rdflib and pyoxigraph. A SIGKILL during the
write phase must leave each output whole: the previous version or the new one.
"""
from __future__ import annotations

import hashlib
import json
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib

from conftest import KG, run_kg

FIRST = ["Marta", "Tomas", "Ines", "Pavel", "Greta", "Hugo", "Lena", "Omar", "Sina", "Yusuf", "Ada", "Bruno"]
LAST = ["Okafor", "Lindqvist", "Ferreira", "Novak", "Brandt", "Moreau", "Kowalski", "Haddad", "Tanaka", "Duarte"]
PARTIES = ["Harbour Party", "Valley Alliance", "Civic Union", "Green Coast Party"]
OUTPUTS = ("graph.ttl", "graph.nq", "graph.trig", "facts.json", "graph.html")


def article(i: int) -> str:
    a, b = f"{FIRST[i % 12]} {LAST[i % 10]}", f"{FIRST[(i + 5) % 12]} {LAST[(i + 3) % 10]}"
    party, other = PARTIES[i % 4], PARTIES[(i + 1) % 4]
    paragraphs = [f"Council vote number {i} splits the town", "12 March 2024",
                  f"{a}, the leader of the {party}, said on Monday that the harbour plan would cost too much. "
                  f"{b}, a councillor for the {other}, disagreed and said the town needed the jobs."]
    for k in range(6):
        paragraphs.append(f"“We have waited {k + 2} years for this decision, and the people of the town deserve an "
                          f"answer before the summer,” {a.split()[1]} told reporters outside the town hall. "
                          f"The {other} said in a statement that the figures were wrong and that the council had "
                          f"ignored its own advisers for {k + 3} months, according to {b}.")
    return "\n\n".join(paragraphs) + "\n"


def write_corpus(folder: Path, n: int) -> Path:
    folder.mkdir(parents=True)
    for i in range(n):
        (folder / f"{i:03d}.txt").write_text(article(i), encoding="utf-8")
    return folder


def snapshot(out: Path) -> dict[str, str]:
    files = {name: hashlib.sha256((out / name).read_bytes()).hexdigest() for name in OUTPUTS}
    for f in sorted((out / "store").rglob("*")):
        if f.is_file():
            files[str(f.relative_to(out))] = hashlib.sha256(f.read_bytes()).hexdigest()
    return files


def assert_loadable(out: Path) -> int:
    """Every output parses; returns the number of triples in graph.ttl."""
    g = rdflib.Graph().parse(out / "graph.ttl", format="turtle")
    assert len(g) == len(set(ox.parse(path=str(out / "graph.ttl")))) > 100
    for name, fmt in (("graph.nq", ox.RdfFormat.N_QUADS), ("graph.trig", ox.RdfFormat.TRIG)):
        assert len(list(ox.parse(path=str(out / name), format=fmt))) > 100
    assert json.loads((out / "facts.json").read_text(encoding="utf-8"))["articles"]
    assert (out / "graph.html").read_text(encoding="utf-8").rstrip().endswith("</html>")
    store = ox.Store.read_only(str(out / "store"))
    assert len(store) > 100
    return len(g)


@pytest.fixture(scope="module")
def corpora(tmp_path_factory):
    root = tmp_path_factory.mktemp("kill")
    return write_corpus(root / "small", 2), write_corpus(root / "large", 30)   # 30: about 6 s to parse, 2 s to write


@pytest.fixture(scope="module")
def previous(corpora, tmp_path_factory):
    """The outputs of a finished build; the tests below run against the same directory, in order."""
    out = tmp_path_factory.mktemp("kill-out") / "out"
    proc = run_kg("build", str(corpora[0]), "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    return out, snapshot(out), assert_loadable(out)


def build_until(corpus: Path, out: Path, marker: str) -> subprocess.Popen:
    """Start a build and return once its progress on standard error shows ``marker``."""
    proc = subprocess.Popen([str(KG), "build", str(corpus), "--out", str(out)], stderr=subprocess.PIPE,
                            stdout=subprocess.DEVNULL, text=True)
    deadline = time.monotonic() + 120
    for line in proc.stderr:
        if marker in line or time.monotonic() > deadline:
            break
    assert proc.poll() is None, "the build ended before it could be interrupted"
    return proc


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL])
def test_a_build_killed_while_parsing_leaves_the_previous_outputs(corpora, previous, sig):
    out, before, triples = previous
    proc = build_until(corpora[1], out, "reading 18/30")
    proc.send_signal(sig)
    rest = proc.stderr.read()
    assert proc.wait(timeout=60) != 0
    if sig == signal.SIGTERM:
        assert proc.returncode == 143 and "interrupted" in rest and "Traceback" not in rest
        assert not leftovers(out), "temporary files were cleaned up"
    assert snapshot(out) == before
    assert assert_loadable(out) == triples


def leftovers(out: Path) -> list[str]:
    """Hidden files and folders in ``out`` beyond the published set (.kg-current and its one folder)."""
    extra = [p.name for p in out.iterdir() if p.name.startswith(".") and p.name not in (".kg-current", ".kg-builds")]
    sets = [p.name for p in (out / ".kg-builds").iterdir()] if (out / ".kg-builds").is_dir() else []
    return extra + (sets if len(sets) != 1 else [])


def whole(out: Path) -> tuple[int, int]:
    """(articles, quads) of the outputs in ``out``, after checking they all come from one build."""
    quads = list(ox.parse(path=str(out / "graph.nq"), format=ox.RdfFormat.N_QUADS))
    articles = {q.graph_name.value for q in quads if "/graph/" in q.graph_name.value} - \
        {g for g in (q.graph_name.value for q in quads) if g.endswith(("/graph/entities", "/graph/ontology"))}
    assert len(list(ox.parse(path=str(out / "graph.trig"), format=ox.RdfFormat.TRIG))) == len(quads)
    assert len(ox.Store.read_only(str(out / "store"))) == len(set(quads))
    facts = json.loads((out / "facts.json").read_text(encoding="utf-8"))
    assert len(facts["articles"]) == len(articles)
    assert (out / "graph.html").read_text(encoding="utf-8").count('"file":') >= len(articles)
    return len(articles), len(quads)


@pytest.mark.parametrize("delay", [0.0, 0.2, 0.5, 0.9, 1.4, 2.0])
def test_a_build_killed_at_any_point_of_writing_leaves_one_whole_set(corpora, previous, tmp_path, delay):
    """SIGKILL at points through the write phase (the RDF files, the store, facts.json, the view, the
    switch to the new set): the outputs are all the old build's or all the new one's."""
    out = tmp_path / "out"
    shutil.copytree(previous[0], out, symlinks=True)
    before = whole(out)
    proc = build_until(corpora[1], out, "writing the graph")
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=60)
    after = whole(out)
    assert after == before or after[0] == before[0] + 30 or after[0] == 30, (before, after)
    finished = run_kg("build", str(corpora[0]), "--out", str(out), "--no-view")   # the next build cleans up
    assert finished.returncode == 0, finished.stderr
    assert not leftovers(out)
