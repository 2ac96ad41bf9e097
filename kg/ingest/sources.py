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

Standard input is copied to a temporary file (it must be read twice: once to
tell its kind), at most MAX_STDIN_BYTES of it: past that, reading stops with
a line, and of JSON Lines the records before the limit are read.

No input stops the others: whatever goes wrong reading one is a line naming
it (files.py says which files are read at all).
"""
from __future__ import annotations

import os
import re
import sys
import tempfile
from pathlib import Path
from typing import BinaryIO, Iterator

from ..model import Article
from .encodings import BOMS, decode
from .files import KINDS, STDIN, Source, discover, link_problem, open_regular
from .html import html_article
from .problems import IngestError, Problem, megabytes, note
from .records import read_records
from .text import EMPTIED, emptied, make_article, text_notes

__all__ = ["KINDS", "MAX_CHARS", "MAX_HTML_BYTES", "MAX_STDIN_BYTES", "MAX_TEXT_BYTES", "STDIN", "Source",
           "discover", "read_article", "read_source", "sniff"]

MAX_CHARS = 1_000_000           # characters in one article: spaCy's default max_length
MAX_TEXT_BYTES = 4 * MAX_CHARS  # no encoding kg reads needs more bytes than this for MAX_CHARS characters
MAX_HTML_BYTES = 20_000_000     # an HTML page; its extracted text must then fit MAX_CHARS
MAX_STDIN_BYTES = 1_000_000_000  # standard input, copied to a temporary file before it is read
_HTML_START = re.compile(r"<(!doctype\s+html|html|head|body|meta|title|div|p|article|!--)[\s>]", re.I)


def read_source(source: Source, max_chars: int | None = None) -> Iterator[Article | Problem]:
    """The articles of one source, each after the problems found on the way to it; never an exception.
    ``max_chars``: characters one article may have (default MAX_CHARS, read when called)."""
    label = source.label
    max_chars = max_chars or MAX_CHARS
    try:
        if source.path is None:
            yield from _read_stdin(source, max_chars)
        else:
            with open_regular(source.path) as stream:
                yield from _read(stream, source, max_chars)
    except IngestError as e:
        yield e.problem
    except OSError as e:
        yield Problem(label, (source.path and link_problem(source.path, e)) or e.strerror or str(e))
    except Exception as e:   # a bug, or a library failing on an odd input: this input only is lost
        yield Problem(label, f"could not be read ({type(e).__name__}: {str(e)[:200]}); skipped")


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
    if emptied(article):
        raise IngestError(label, EMPTIED)
    yield from notes
    yield article


def _read_stdin(source: Source, max_chars: int) -> Iterator[Article | Problem]:
    """Standard input, at most MAX_STDIN_BYTES of it."""
    spool, over = _spool(sys.stdin.buffer, MAX_STDIN_BYTES)
    with spool:
        if not over:
            yield from _read(spool, source, max_chars)
            return
        records = sniff(spool.read(4096)) == "json"
        yield Problem(source.label, f"more than {megabytes(MAX_STDIN_BYTES)} on standard input: stopped reading "
                                    f"there, " + ("the records before the limit are read" if records else
                                                  "nothing is read") + "; give so much as files")
        if records:
            _cut_after_last_line(spool)
            yield from read_records(spool, source.label, source.name, False, max_chars)


def sniff(head: bytes) -> str:
    """The kind of a file by its first bytes: "json", "html" or "text"."""
    encoding = next((enc for bom, enc in BOMS if head.startswith(bom)), "utf-8")
    text = head.decode(encoding, errors="ignore").lstrip("\ufeff \t\r\n")
    if text.startswith(("{", "[")):
        return "json"
    if _HTML_START.match(text) or "<html" in text[:1000].lower():
        return "html"
    return "text"


def _spool(stream: BinaryIO, limit: int) -> tuple[tempfile.SpooledTemporaryFile, bool]:
    """(a seekable copy of ``stream``'s first ``limit`` bytes, whether it holds more): memory up to
    8 MB, a temporary file beyond."""
    spool = tempfile.SpooledTemporaryFile(max_size=8_000_000)
    size = 0
    while chunk := stream.read(min(1 << 20, limit + 1 - size)):
        size += len(chunk)
        if size > limit:
            spool.write(chunk[:len(chunk) - (size - limit)])
            break
        spool.write(chunk)
    spool.seek(0)
    return spool, size > limit


def _cut_after_last_line(spool) -> None:
    """Drop a last line cut short by the limit: keep up to the last newline."""
    end = spool.seek(0, os.SEEK_END)
    while end > 0:
        start = max(0, end - (1 << 20))
        spool.seek(start)
        at = spool.read(end - start).rfind(b"\n")
        if at >= 0:
            end = start + at + 1
            break
        end = start
    spool.truncate(end)
    spool.seek(0)


def read_article(path: str | Path) -> Article:
    """The one article of a text or HTML file; IngestError when it cannot be read."""
    path = Path(path)
    for item in read_source(Source(path, path.name, KINDS.get(path.suffix.lower(), "text"))):
        if isinstance(item, Article):
            return item
        if item.skipped:
            raise IngestError(item.path, item.reason, item.line)
    raise IngestError(str(path), "no article")
