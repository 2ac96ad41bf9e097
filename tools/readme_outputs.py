"""The outputs the README shows, checked against (or rewritten from) a real build of the example corpus.

    python tools/readme_outputs.py --check    # exit 1 and a diff when a shown output is stale
    python tools/readme_outputs.py --write    # rewrite the shown outputs from a fresh build

A shown output is a plain code block that follows its command: a block whose first line is
"$ kg ...", a block right after a ```sh block holding one kg command, or a block after a paragraph
naming a query as (`kg query --named NAME`). The build summary after `make build` is compared
with its timing masked. A shown table may be cut with a "…" line: the rows before it must be the
first rows of the real output, those after it its last lines.
"""
from __future__ import annotations

import argparse
import io
import os
import re
import shlex
import subprocess
import sys
import tempfile
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BLOCK = re.compile(r"```(\w*)\n(.*?)```", re.S)
TIMING = re.compile(r" in \d+(?:\.\d+)? s ")


@dataclass
class Shown:
    command: list[str]      # kg's arguments
    start: int              # the shown text's offsets in the README
    end: int

    def text(self, readme: str) -> str:
        return readme[self.start:self.end]


def shown_outputs(readme: str) -> list[Shown]:
    out = []
    blocks = list(BLOCK.finditer(readme))
    for i, b in enumerate(blocks):
        if b[1]:
            continue
        body, start = b[2], b.start(2)
        if body.startswith("$ kg "):
            first = body.split("\n", 1)[0]
            out.append(Shown(shlex.split(first[2:])[1:], start + len(first) + 1, b.end(2)))
            continue
        before = blocks[i - 1] if i else None
        gap = readme[before.end():b.start()] if before else ""
        if before is not None and before[1] == "sh" and not gap.strip():
            commands = [c for c in _commands(before[2]) if c[:1] == ["kg"]]
            if len(commands) == 1:
                out.append(Shown(commands[0][1:], start, b.end(2)))
                continue
        if "`make build` runs `kg build examples/seeds --out exports`" in gap and "```" not in gap:
            out.append(Shown(["build", "examples/seeds", "--out", "exports"], start, b.end(2)))
            continue
        named = re.findall(r"\(`kg query --named ([\w-]+)`\)", gap)
        if named and "```" not in gap:
            out.append(Shown(["query", "--named", named[-1]], start, b.end(2)))
    return out


def _commands(sh: str) -> list[list[str]]:
    """The commands of a shell block, comments and line continuations removed."""
    text = sh.replace("\\\n", " ")
    out, buf = [], ""
    for line in text.splitlines(keepends=True):
        buf += line
        try:
            words = shlex.split(buf, comments=True)
        except ValueError:   # an open quote: the command goes on on the next line
            continue
        if words:
            out.append(words)
        buf = ""
    return out


def run_kg(args: list[str], cwd: Path) -> str:
    """kg's standard output for ``args``, run in this process in ``cwd``."""
    from kg.cli import main
    here, out = os.getcwd(), io.StringIO()
    os.chdir(cwd)
    try:
        with redirect_stdout(out), redirect_stderr(io.StringIO()):
            main(args)
    finally:
        os.chdir(here)
    return out.getvalue()


def shaped(shown: str, actual: str) -> str:
    """``actual`` cut the way ``shown`` is: the rows before a "…" line and the lines after it."""
    lines, real = shown.rstrip("\n").split("\n"), actual.rstrip("\n").split("\n")
    if "…" not in lines:
        return "\n".join(real) + "\n"
    k = lines.index("…")
    tail = len(lines) - k - 1
    return "\n".join(real[:k] + ["…"] + (real[-tail:] if tail else [])) + "\n"


def sandbox(build: Path) -> Path:
    """A directory where the README's relative paths work: exports/ is ``build``."""
    d = Path(tempfile.mkdtemp(prefix="kg-readme-"))
    (d / "exports").symlink_to(build)
    (d / "examples").symlink_to(ROOT / "examples")
    (d / "tests").mkdir()
    (d / "tests" / "data").symlink_to(ROOT / "tests" / "data")
    return d


def compare(readme: str, build: Path, build_stdout: str) -> list[tuple[Shown, str, str]]:
    """(shown output, what the README shows, what kg gives shaped alike) for each shown output."""
    where = sandbox(build)
    out = []
    for s in shown_outputs(readme):
        actual = build_stdout if s.command[0] == "build" else run_kg(s.command, where)
        want = shaped(s.text(readme), actual)
        if s.command[0] == "build":
            want = want.replace(str(build), "exports")
        out.append((s, s.text(readme), want))
    return out


def same(shown: str, actual: str) -> bool:
    return TIMING.sub(" in … s ", shown) == TIMING.sub(" in … s ", actual)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--write", action="store_true", help="rewrite stale outputs in README.md")
    ap.add_argument("--check", action="store_true", help="only report (the default)")
    args = ap.parse_args()
    build = Path(tempfile.mkdtemp(prefix="kg-readme-build-")) / "exports"
    proc = subprocess.run([sys.executable, "-m", "kg", "build", str(ROOT / "examples" / "seeds"), "--out", str(build)],
                          capture_output=True, text=True)
    if proc.returncode != 0:
        print(proc.stderr, file=sys.stderr)
        return 2
    path = ROOT / "README.md"
    readme = path.read_text(encoding="utf-8")
    stale = [(s, old, new) for s, old, new in compare(readme, build, proc.stdout) if not same(old, new)]
    for s, old, new in stale:
        print(f"stale: kg {' '.join(s.command)}")
    if args.write and stale:
        for s, old, new in sorted(stale, key=lambda x: -x[0].start):
            readme = readme[:s.start] + new + readme[s.end:]
        path.write_text(readme, encoding="utf-8")
    return 1 if stale and not args.write else 0


if __name__ == "__main__":
    sys.exit(main())
