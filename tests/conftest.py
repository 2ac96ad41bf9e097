"""Shared fixtures: the real spaCy pipeline, and the example corpus built once through the real CLI."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "examples" / "seeds"
KG = Path(sys.executable).parent / "kg"          # the installed console script
GOLD = ROOT / "tests" / "data" / "seeds.gold.json"    # a copy of the shared seed gold standard


def run_kg(*args: str, cwd: Path | None = None, timeout: int = 600) -> subprocess.CompletedProcess:
    return subprocess.run([str(KG), *args], capture_output=True, text=True, cwd=cwd, timeout=timeout)


@pytest.fixture(scope="session")
def nlp():
    from kg.nlp import load
    return load()


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory):
    """(output directory, completed process) of `kg build examples/seeds --out DIR`."""
    out = tmp_path_factory.mktemp("seed-build")
    proc = run_kg("build", str(SEEDS), "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    return out, proc


@pytest.fixture(scope="session")
def seed_facts(seed_build):
    return json.loads((seed_build[0] / "facts.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def gold():
    return json.loads(GOLD.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def extract(nlp):
    """Facts of a short text: extract("Jane Doe said ...") -> ArticleFacts."""
    from kg.extract import extract_article
    from kg.ingest import make_article

    def run(text: str, date: str | None = "2024-03-01"):
        article = make_article(text, "case.txt", date=date)
        return extract_article(nlp(article.clean), article)
    return run


def same_facts(a: Path, b: Path) -> bool:
    """kg eval of one build's facts.json against another's: every fact kind at 1.0."""
    from kg.evalfiles import load
    from kg.scoring import evaluate
    report = evaluate(load(b / "facts.json", "gold"), load(a / "facts.json", "facts"))
    return all(v == 1.0 for k, v in report.flat().items() if k.endswith("f1"))
