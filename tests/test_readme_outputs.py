"""Every output the README shows is what kg prints today (tools/readme_outputs.py --write refreshes them)."""
from __future__ import annotations

import sys

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import readme_outputs  # noqa: E402

README = (ROOT / "README.md").read_text(encoding="utf-8")
SHOWN = readme_outputs.shown_outputs(README)


def test_the_readme_shows_outputs_of_each_kind():
    commands = [s.command[0] for s in SHOWN]
    assert {"build", "query", "validate", "eval"} <= set(commands) and commands.count("query") >= 8


@pytest.fixture(scope="module")
def compared(seed_build):
    out, proc = seed_build
    return readme_outputs.compare(README, out, proc.stdout)


@pytest.mark.parametrize("index", range(len(SHOWN)), ids=[" ".join(s.command)[:50] for s in SHOWN])
def test_a_shown_output_is_what_kg_prints(compared, index):
    shown_output, old, new = compared[index]
    assert readme_outputs.same(old, new), f"README is stale for kg {' '.join(shown_output.command)}:\n{new}"


def test_a_cut_table_keeps_its_first_rows_and_its_count():
    shown = "a | b\n--+--\n1 | 2\n…\n(9 rows)\n"
    assert readme_outputs.shaped(shown, "a | b\n--+--\n1 | 2\n3 | 4\n5 | 6\n(3 rows)\n") == \
        "a | b\n--+--\n1 | 2\n…\n(3 rows)\n"
    assert not readme_outputs.same(shown, readme_outputs.shaped(shown, "a | b\n--+--\n1 | 2\n(1 row)\n"))
