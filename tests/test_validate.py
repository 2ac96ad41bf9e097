"""kg validate runs the SHACL shapes; kg build reports what articles disagree on."""
from __future__ import annotations

import re

from conftest import run_kg


def test_the_seed_graph_conforms(seed_build):
    out, _ = seed_build
    proc = run_kg("validate", str(out))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "no violations" in proc.stdout


def test_a_corrupted_majority_is_caught(seed_build, tmp_path):
    out, _ = seed_build
    turtle = (out / "graph.ttl").read_text(encoding="utf-8")
    found = re.search(r"pe:majority (\d+)", turtle)
    assert found, "the seed graph states a majority"
    bad = tmp_path / "bad.ttl"
    bad.write_text(turtle.replace(found.group(0), f"pe:majority {int(found.group(1)) + 7}", 1), encoding="utf-8")
    proc = run_kg("validate", str(bad))
    assert proc.returncode == 1
    assert "majority is not the winner's votes minus the runner-up's" in proc.stdout


def test_inconsistent_figures_in_an_article_are_caught(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "result.txt").write_text(
        "Greens take Exeter\n\nJane Doe won the Exeter by-election with a majority of 500. "
        "She took 10,000 votes, while Tom Lee came second with 9,000 votes.\n", encoding="utf-8")
    assert run_kg("build", str(src), "--out", str(tmp_path / "out"), "--no-view", "-q").returncode == 0
    proc = run_kg("validate", str(tmp_path / "out"))
    assert proc.returncode == 1 and "majority" in proc.stdout


def test_build_reports_articles_that_disagree(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("Exeter result\n\nIn the Exeter by-election Jane Doe took 10,000 votes.\n", encoding="utf-8")
    (src / "b.txt").write_text("Exeter count\n\nIn the Exeter by-election Jane Doe took 10,400 votes.\n", encoding="utf-8")
    proc = run_kg("build", str(src), "--out", str(tmp_path / "out"), "--no-view")
    assert proc.returncode == 0, proc.stderr
    line = next(line for line in proc.stdout.splitlines() if line.startswith("Articles disagree"))
    assert "votes" in line and "10000 (a.txt)" in line and "10400 (b.txt)" in line


def test_vote_shares_of_more_than_the_whole_are_caught(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "result.txt").write_text(
        "Exeter by-election result\n\nJane Doe won the Exeter by-election.\n\n"
        "Jane Doe (Lab) 12,345 (61.2%)\nTom Lee (Con) 9,001 (52.4%)\n", encoding="utf-8")
    assert run_kg("build", str(src), "--out", str(tmp_path / "out"), "--no-view", "-q").returncode == 0
    proc = run_kg("validate", str(tmp_path / "out"))
    assert proc.returncode == 1 and "vote shares one article states" in proc.stdout
    (src / "result.txt").write_text(
        "Exeter by-election result\n\nJane Doe won the Exeter by-election.\n\n"
        "Jane Doe (Lab) 12,345 (51.2%)\nTom Lee (Con) 9,001 (37.4%)\n", encoding="utf-8")
    assert run_kg("build", str(src), "--out", str(tmp_path / "out2"), "--no-view", "-q").returncode == 0
    proc = run_kg("validate", str(tmp_path / "out2"))
    assert proc.returncode == 0, proc.stdout


def test_an_approximate_figure_disagrees_only_with_what_it_cannot_be(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("Exeter result\n\nJane Doe won the Exeter by-election with a majority of 8,326.\n",
                               encoding="utf-8")
    (src / "b.txt").write_text("Exeter count\n\nJane Doe won the Exeter by-election with a majority of more than "
                               "8,300.\n", encoding="utf-8")
    (src / "c.txt").write_text("Exeter night\n\nJane Doe won the Exeter by-election with a majority of nearly "
                               "9,500.\n", encoding="utf-8")
    proc = run_kg("build", str(src), "--out", str(tmp_path / "out"), "--no-view")
    assert proc.returncode == 0, proc.stderr
    lines = [line for line in proc.stdout.splitlines() if "majority" in line and "stated as" in line]
    assert len(lines) == 1 and "nearly 9500 (c.txt)" in lines[0] and "more than" not in lines[0]
