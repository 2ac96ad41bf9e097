"""What reading can go wrong, as one-line messages that name the file and line.

A Problem with ``skipped=True`` is an input that could not be used (an error:
the build's exit status says so); with ``skipped=False`` the input was used
with a caveat (a note: "decoded as Windows-1252", "a duplicate, built once").
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def printable(text: str) -> str:
    """``text`` with line breaks and other control characters escaped, so a message stays one line."""
    return _UNPRINTABLE.sub(lambda m: repr(m.group())[1:-1], text)


@dataclass(frozen=True)
class Problem:
    path: str               # the file as given or found, "<stdin>" for standard input
    reason: str
    line: int | None = None
    skipped: bool = True    # False: the input was used, and this is a note about it

    def __str__(self) -> str:
        where = printable(self.path) + (f":{self.line}" if self.line else "")
        return f"{where}: {' '.join(printable(self.reason).split())}"


def note(path: str, reason: str, line: int | None = None) -> Problem:
    return Problem(path, reason, line, skipped=False)


class IngestError(Exception):
    """An input that cannot be read as an article; str() is a one-line reason."""

    def __init__(self, path: str, reason: str, line: int | None = None):
        self.problem = Problem(str(path), reason, line)
        super().__init__(str(self.problem))
        self.path, self.reason, self.line = str(path), reason, line


def line_of(text: str | bytes, index: int) -> int:
    """The 1-based line number of position ``index``."""
    return text.count(b"\n" if isinstance(text, bytes) else "\n", 0, index) + 1


def megabytes(size: int) -> str:
    return f"{size / 1e6:,.1f} MB"
