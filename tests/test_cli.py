"""The command line: help for every command, one-line errors, exit statuses."""
from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from conftest import KG, run_kg
from kg.cli import parser


def test_every_command_has_help_text():
    sub = next(a for a in parser()._actions if a.dest == "command")
    assert set(sub.choices) >= {"build", "query"}
    for name, p in sub.choices.items():
        assert p.description, name
        for action in p._actions:
            if action.dest != "help":
                assert action.help, f"{name} {action.dest}"


def test_unknown_model_is_a_one_line_error(tmp_path):
    proc = run_kg("build", "--model", "no_such_pipeline", "--out", str(tmp_path))
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and "no_such_pipeline" in proc.stderr and "Traceback" not in proc.stderr


def test_missing_input_is_a_one_line_error_and_writes_nothing(tmp_path):
    proc = run_kg("build", str(tmp_path / "nowhere"), "--out", str(tmp_path / "out"))
    assert proc.returncode == 2
    assert "nowhere" in proc.stderr and "Traceback" not in proc.stderr
    assert not (tmp_path / "out").exists()


def test_bad_sparql_is_a_one_line_error(seed_build):
    out, _ = seed_build
    proc = run_kg("query", "SELEC nothing", "--store", str(out / "store"))
    assert proc.returncode == 2
    assert proc.stderr.startswith("kg query: SPARQL syntax error") and proc.stderr.count("\n") == 1


def test_a_reader_that_stops_reading_gets_no_error(seed_build):
    """`kg eval GOLD FACTS | head -1`: the closed pipe ends kg quietly, with the shell's status for it."""
    out, _ = seed_build
    gold = Path(__file__).parent / "data" / "seeds.gold.json"
    read, write = os.pipe()
    os.close(read)   # the reader has gone before kg writes its first line
    try:
        proc = subprocess.run([str(KG), "eval", str(gold), str(out / "facts.json")], stdout=write,
                              stderr=subprocess.PIPE, timeout=120)
    finally:
        os.close(write)
    assert proc.stderr.decode() == ""
    assert proc.returncode == 141


def test_query_without_a_store_says_so(tmp_path):
    proc = run_kg("query", "ASK {}", "--store", str(tmp_path / "none"))
    assert proc.returncode == 2 and "kg build" in proc.stderr


def test_min_confidence_leaves_out_the_less_certain_facts(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Council vote\n\n“We will win this,” said Jane Doe, the council leader. Later Jane Doe "
                       "said the budget was balanced. The Harbour Trust called for an inquiry into the sale.\n",
                       encoding="utf-8")
    counts = {}
    for level in ("0", "0.85"):
        out = tmp_path / level
        proc = run_kg("build", str(article), "--out", str(out), "--no-view", "-q", "--min-confidence", level)
        assert proc.returncode == 0, proc.stderr
        quotes = json.loads((out / "facts.json").read_text(encoding="utf-8"))["quotes"]
        assert all(q["confidence"] >= float(level) and q["rule"] for q in quotes)
        counts[level] = len(quotes)
    assert counts["0"] > counts["0.85"] >= 1


def test_min_confidence_out_of_range_is_a_one_line_error(tmp_path):
    proc = run_kg("build", "--min-confidence", "1.5", "--out", str(tmp_path))
    assert proc.returncode != 0 and len(proc.stderr.strip().splitlines()) == 1 and "between 0 and 1" in proc.stderr


def test_version_is_printed():
    proc = run_kg("--version")
    assert proc.returncode == 0 and proc.stdout.strip().startswith("kg 0.")


def test_progress_counts_records_with_rate_and_time_left(capsys):
    from kg.cli.build import Progress
    ticks = iter([100.0, 110.0, 120.0, 130.0])
    progress = Progress(quiet=False, clock=lambda: next(ticks))
    progress.tty = False
    for done in (1, 11, 21, 40):
        progress(done, 40, f"big.jsonl#L{done}")
    lines = capsys.readouterr().err.splitlines()
    assert lines[0] == "reading 1/40 big.jsonl#L1"
    assert lines[1] == "reading 11/40 (1.0/s, 29 s left) big.jsonl#L11"
    assert lines[-1] == "reading 40/40 (1.3/s) big.jsonl#L40"


def test_a_json_lines_file_counts_its_records(tmp_path):
    from kg.ingest.sources import Source
    from kg.pipeline import expected_records
    f = tmp_path / "a.jsonl"
    f.write_bytes(b'{"text": "a"}\n\n{"text": "b"}\r\n{"text": "c"}')   # a blank line; no final newline
    assert expected_records(Source(f, "a.jsonl", "jsonl")) == 3
    assert expected_records(Source(tmp_path / "x.txt", "x.txt", "text")) == 1
