"""Which files are read: paths given, directories searched, links followed once, special files refused.

- A directory is searched recursively, in name order; hidden entries (".git")
  and the outputs of an earlier kg build are left out, with a note for the latter.
- Symbolic links are followed, to files and to folders alike, each target
  once: a link to a folder already read, or to a folder it is inside (a loop),
  is skipped with a note; a link that loops on itself or points nowhere is
  skipped with a line (an error when it is named like an article).
- Only regular files are read: a named pipe (FIFO), socket or device, even
  one named like an article, is skipped with a line naming it and what it is,
  checked with stat before it is opened (a FIFO would block the build), and
  opened without blocking so that a file swapped for a pipe in between cannot
  block it either.
- A file reached twice (given twice, or through a link) is read once.
"""
from __future__ import annotations

import errno
import os
import stat
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Iterable, Iterator

from .problems import IngestError, Problem, note

KINDS = {".txt": "text", ".text": "text", ".html": "html", ".htm": "html", ".xhtml": "html",
         ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json"}
STDIN = "-"


@dataclass(frozen=True)
class Source:
    path: Path | None   # None: standard input
    name: str           # how its articles are named: the path below the directory given, or the file name
    kind: str | None    # "text", "html", "jsonl" or "json"; None: told by the content

    @property
    def label(self) -> str:
        """How messages name it: the path as given or found, or <stdin>."""
        return "<stdin>" if self.path is None else str(self.path)


def discover(paths: Iterable[str | Path]) -> Iterator[Source | Problem]:
    """Sources of the paths: files as given, directories searched recursively, "-" for standard input."""
    seen: dict[tuple[int, int], Path] = {}
    told: set[str] = set()   # a problem found twice (a path given and found in a folder given) is told once
    for given in paths:
        if str(given) == STDIN:
            yield Source(None, "stdin", None)
            continue
        p = Path(given)
        info = _stat(p)
        if isinstance(info, Problem):
            found: list[Source | Problem] = [info]
        elif stat.S_ISDIR(info.st_mode):
            found = _walk(p, info)
        elif stat.S_ISREG(info.st_mode):
            found = [Source(p, p.name, KINDS.get(p.suffix.lower()))]
        else:
            found = [Problem(str(p), not_regular(info.st_mode))]
        # A file reached by its own name and through a link is read by its own name.
        for item in sorted((i for i in found if isinstance(i, Source)), key=lambda s: s.path.is_symlink()):
            key = _identity(item.path)
            if key and key not in seen:
                seen[key] = item.path
        for item in found:
            if isinstance(item, Source):
                key = _identity(item.path)
                if key and seen[key] is not item.path:
                    if str(seen[key]) != str(item.path):
                        yield note(str(item.path), f"the same file as {seen[key]}; read once")
                    continue
            elif str(item) in told:
                continue
            else:
                told.add(str(item))
            yield item


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None   # reported when it is read
    return st.st_dev, st.st_ino


def not_regular(mode: int) -> str:
    """Why a file that is not a regular file is skipped."""
    what = ("a named pipe (FIFO)" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode)
            else "a character device" if stat.S_ISCHR(mode) else "a block device" if stat.S_ISBLK(mode)
            else "not a file")
    return f"{what}, not a regular file; skipped (give a pipe's content as - on standard input)" \
        if stat.S_ISFIFO(mode) else f"{what}, not a regular file; skipped"


def _stat(p: Path) -> os.stat_result | Problem:
    """The status of what ``p`` names, following links; a Problem when it cannot be had."""
    try:
        return os.stat(p)
    except OSError as e:
        reason = link_problem(p, e) or ("no such file or directory" if e.errno == errno.ENOENT else None)
        return Problem(str(p), reason or e.strerror or str(e))


def link_problem(p: Path, e: OSError) -> str | None:
    """What is wrong with a symbolic link that cannot be followed, or None when ``p`` is no link."""
    if not os.path.islink(p):
        return None
    try:
        target = os.readlink(p)
    except OSError:
        target = "?"
    if e.errno == errno.ELOOP:
        return f"a symbolic link that loops (to {target}); skipped"
    if e.errno == errno.ENOENT:
        return f"a broken symbolic link (to {target}, which does not exist); skipped"
    return f"a symbolic link to {target}: {e.strerror or e}; skipped"


def _walk(root: Path, info: os.stat_result) -> list[Source | Problem]:
    """Readable files below ``root`` in name order, with a line for each thing left out."""
    sources: list[Source] = []
    problems: list[Problem] = []
    others: Counter = Counter()
    read: dict[tuple[int, int], Path] = {}

    def visit(folder: Path, ident: tuple[int, int], ancestors: frozenset) -> None:
        read[ident] = folder
        if (folder / "facts.json").is_file() and (folder / "graph.ttl").is_file():
            problems.append(note(str(folder), "left out: it holds the outputs of a kg build"))
            return
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: (e.is_symlink(), e.name))   # a folder before links to it
        except OSError as e:
            problems.append(Problem(str(folder), f"{e.strerror or e}; folder skipped"))
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            kind = KINDS.get(path.suffix.lower())
            target = _stat(path)
            if isinstance(target, Problem):
                problems.append(target if kind else note(target.path, target.reason))
                continue
            mode = target.st_mode
            if stat.S_ISDIR(mode):
                key = (target.st_dev, target.st_ino)
                what = "a symbolic link to" if entry.is_symlink() else "the same folder as"
                if key in ancestors:
                    problems.append(note(str(path), f"{what} {read[key]}, a folder it is inside (a loop); skipped"))
                elif key in read:
                    problems.append(note(str(path), f"{what} {read[key]}, a folder already read; skipped"))
                else:
                    visit(path, key, ancestors | {key})
            elif not stat.S_ISREG(mode):
                reason = not_regular(mode)
                problems.append(Problem(str(path), reason) if kind else note(str(path), reason))
            elif kind:
                sources.append(Source(path, path.relative_to(root).as_posix(), kind))
            else:
                others[path.suffix.lower() or "no suffix"] += 1

    top = (info.st_dev, info.st_ino)
    visit(root, top, frozenset([top]))
    if others:
        total = sum(others.values())
        problems.append(note(str(root), f"{total} file{'s' if total > 1 else ''} of other types left out "
                                        f"({', '.join(sorted(others))})"))
    return [*problems, *sorted(sources, key=lambda s: s.name)]


def open_regular(path: Path) -> BinaryIO:
    """``path`` opened for reading if it is a regular file; IngestError if it is a pipe, socket or device.

    Opened without blocking (a FIFO with no writer would block ``open`` itself), checked, then
    switched back to blocking reads.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise IngestError(str(path), not_regular(mode))
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise
