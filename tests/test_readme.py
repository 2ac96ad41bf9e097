"""The README's Python example runs as shown and prints what the README says it prints."""
from __future__ import annotations

import re
import subprocess
import sys

from conftest import ROOT


def python_example() -> tuple[str, str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### From Python", 1)[1].split("\n### ", 1)[0]
    code, shown = re.findall(r"```(?:python)?\n(.*?)```", section, flags=re.S)[:2]
    return code, shown


def test_the_python_example_runs_and_prints_what_is_shown(tmp_path):
    code, shown = python_example()
    (tmp_path / "tests").mkdir()
    (tmp_path / "examples").symlink_to(ROOT / "examples")
    (tmp_path / "tests" / "data").symlink_to(ROOT / "tests" / "data")
    proc = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout == shown
    assert (tmp_path / "exports" / "facts.json").is_file()
