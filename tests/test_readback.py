"""A build reads facts.json and the view back from its graph piece by piece (kg.export.rows), never
holding the whole graph in memory: what it writes must be what the same queries give over the whole
store it leaves behind."""
from __future__ import annotations

import json
import shutil

import pytest
from conftest import SEEDS


@pytest.mark.parametrize("piece", [1, 1500])
def test_pieces_read_back_what_the_whole_store_holds(seed_build, tmp_path, monkeypatch, piece):
    from kg.export import rdf
    from kg.export.facts import facts
    from kg.export.view import view
    from kg.pipeline import build, open_store
    out = tmp_path / "out"
    shutil.copytree(seed_build[0] / "cache", out / "cache")   # the seed parses, so that only the writing runs
    monkeypatch.setattr(rdf, "CHUNK", 1)      # every named graph a chunk of its own ...
    monkeypatch.setattr(rdf, "PIECE", piece)  # ... and read back alone (1) or a few together (1500 quads)
    pieces = []
    load = rdf._piece
    monkeypatch.setattr(rdf, "_piece", lambda *args, **kw: pieces.append(load(*args, **kw)) or pieces[-1])

    report = build([SEEDS], out=out, fresh=True)

    assert report.ok and report.counts["cached"] == 5, report
    graphs = 1 + 5 + 1   # the entities, each article, the ontology
    assert len(pieces) == graphs if piece == 1 else 1 < len(pieces) < graphs
    assert sum(len(p) for p in pieces) == report.counts["triples"]
    store = open_store(out / "store")
    assert report.counts["triples"] == len(store)
    written = json.loads((out / "facts.json").read_text(encoding="utf-8"))
    assert written == facts(store)
    assert len(written["quotes"]) >= 40 and len(written["memberships"]) >= 20 and written["events"]
    view(store, tmp_path / "view.html")
    assert (tmp_path / "view.html").read_bytes() == (out / "graph.html").read_bytes()
