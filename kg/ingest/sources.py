"""Where articles come from: files, directories searched recursively, and standard input.

Each input yields Articles and Problems (errors and notes), never an
exception. What kind of input a file is comes from its suffix (.txt .text,
.html .htm .xhtml, .jsonl .ndjson, .json) and, for a file named on the
command line with another suffix or for standard input, from its content.

Size: one article may have at most MAX_CHARS characters, spaCy's own
document limit (parsing one that long takes about a minute and 3 GB here).
A larger text file is refused with a message, checked from its size before
it is read, so a 100 MB file costs no memory: it is almost always many
articles run together, whose boundaries kg cannot know, and quotes and dates
would then be attributed across unrelated stories. Give such collections as
JSON Lines, one article a line, which are streamed at any size.
"""
from __future__ import annotations

import os
import re
import shutil
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Iterable, Iterator

from ..model import Article
from .encodings import BOMS, decode
from .html import html_article
from .problems import IngestError, Problem, megabytes, note
from .records import read_records
from .text import make_article, text_notes

MAX_CHARS = 1_000_000           # characters in one article: spaCy's default max_length
MAX_TEXT_BYTES = 4 * MAX_CHARS  # no encoding kg reads needs more bytes than this for MAX_CHARS characters
MAX_HTML_BYTES = 20_000_000     # an HTML page; its extracted text must then fit MAX_CHARS
KINDS = {".txt": "text", ".text": "text", ".html": "html", ".htm": "html", ".xhtml": "html",
         ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json"}
STDIN = "-"
_HTML_START = re.compile(r"<(!doctype\s+html|html|head|body|meta|title|div|p|article|!--)[\s>]", re.I)


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
    seen: set[Path] = set()
    for given in paths:
        if str(given) == STDIN:
            yield Source(None, "stdin", None)
            continue
        p = Path(given)
        found = _walk(p) if p.is_dir() else [Source(p, p.name, KINDS.get(p.suffix.lower()))] if p.exists() \
            else [Problem(str(p), "no such file or directory")]
        for item in found:
            if isinstance(item, Source):
                key = item.path.resolve()
                if key in seen:
                    continue
                seen.add(key)
            yield item


def _walk(root: Path) -> list[Source | Problem]:
    """Readable files below ``root`` in name order; hidden entries and earlier kg outputs are left out."""
    found: list[Source | Problem] = []
    others: Counter = Counter()
    for folder, dirs, files in os.walk(root):
        here = Path(folder)
        if (here / "facts.json").is_file() and (here / "graph.ttl").is_file():
            found.append(note(str(here), "left out: it holds the outputs of a kg build"))
            dirs[:] = []
            continue
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for f in sorted(files):
            kind = KINDS.get(Path(f).suffix.lower())
            if kind and not f.startswith("."):
                found.append(Source(here / f, (here / f).relative_to(root).as_posix(), kind))
            elif not f.startswith("."):
                others[Path(f).suffix.lower() or "no suffix"] += 1
    if others:
        total = sum(others.values())
        found.append(note(str(root), f"{total} file{'s' if total > 1 else ''} of other types left out "
                                     f"({', '.join(sorted(others))})"))
    return sorted(found, key=lambda s: s.name if isinstance(s, Source) else "")


def read_source(source: Source, max_chars: int = MAX_CHARS) -> Iterator[Article | Problem]:
    """The articles of one source, each after the problems found on the way to it."""
    label = source.label
    try:
        if source.path is None:
            with _spool(sys.stdin.buffer) as stream:
                yield from _read(stream, source, max_chars)
        else:
            with open(source.path, "rb") as stream:
                yield from _read(stream, source, max_chars)
    except IngestError as e:
        yield e.problem
    except OSError as e:
        yield Problem(label, e.strerror or str(e))


def _read(stream: BinaryIO, source: Source, max_chars: int) -> Iterator[Article | Problem]:
    label = source.label
    kind = source.kind or sniff(stream.read(4096))
    stream.seek(0)
    if kind in ("jsonl", "json"):
        yield from read_records(stream, label, source.name, kind == "jsonl", max_chars)
        return
    limit = MAX_HTML_BYTES if kind == "html" else MAX_TEXT_BYTES
    data = stream.read(limit + 1)
    if len(data) > limit:
        size = stream.seek(0, os.SEEK_END)
        what = "an HTML page" if kind == "html" else "one article"
        raise IngestError(label, f"{megabytes(size)} is too large for {what} (at most "
                                 f"{megabytes(limit)}, {max_chars:,} characters): split it into articles, or give "
                                 f"them as JSON Lines, one article a line")
    if kind == "html":
        notes, article = html_article(data, label, source.name)
    else:
        decoded = decode(data, label)
        if len(decoded.text) > max_chars:
            raise IngestError(label, f"{len(decoded.text):,} characters is more than the {max_chars:,} one article "
                                     f"may have: split it into articles, or give them as JSON Lines")
        notes = [note(label, reason, line) for reason, line in decoded.notes] + text_notes(decoded.text, label)
        article = make_article(decoded.text, label, name=source.name)
    if article.meta.length > max_chars:
        raise IngestError(label, f"its text has {article.meta.length:,} characters, more than the {max_chars:,} "
                                 f"one article may have")
    yield from notes
    yield article


def sniff(head: bytes) -> str:
    """The kind of a file by its first bytes: "json", "html" or "text"."""
    encoding = next((enc for bom, enc in BOMS if head.startswith(bom)), "utf-8")
    text = head.decode(encoding, errors="ignore").lstrip("\ufeff \t\r\n")
    if text.startswith(("{", "[")):
        return "json"
    if _HTML_START.match(text) or "<html" in text[:1000].lower():
        return "html"
    return "text"


def _spool(stream: BinaryIO) -> tempfile.SpooledTemporaryFile:
    """Standard input copied to a seekable file: memory up to 8 MB, a temporary file beyond."""
    spool = tempfile.SpooledTemporaryFile(max_size=8_000_000)
    shutil.copyfileobj(stream, spool, 1 << 20)
    spool.seek(0)
    return spool


def read_article(path: str | Path) -> Article:
    """The one article of a text or HTML file; IngestError when it cannot be read."""
    path = Path(path)
    for item in read_source(Source(path, path.name, KINDS.get(path.suffix.lower(), "text"))):
        if isinstance(item, Article):
            return item
        if item.skipped:
            raise IngestError(item.path, item.reason, item.line)
    raise IngestError(str(path), "no article")
