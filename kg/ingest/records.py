"""JSON Lines and JSON: one article per record.

A record is an object with the article's ``text`` and, optionally, ``title``,
``date``, ``url``, ``author``, ``publisher`` and ``id``; the usual names of
news APIs and scrapers are understood too (``body``/``content``,
``headline``, ``publishedAt``/``datePublished``, ``link``, ``source``
(a name, or an object with a ``name``), ``authors`` (a list) ...).

How a record names itself (facts.json ``file``, the graph's kg:fileName):
``feed.jsonl#L12`` for line 12 of a JSON Lines file, and a JSON Pointer for a
record of a JSON document, ``feed.json#/3`` or ``feed.json#/articles/3``
(counted from 0). Offsets index the record's ``text`` as it is in the record.

JSON Lines are streamed a line at a time, so a file of any size reads in
little memory; a broken line is reported (file, line, reason) and the other
records still count. A ``.json`` file whose first line is a whole object is
read as JSON Lines, unless that object holds the array of records (a
one-line ``{"articles": [...]}``); otherwise it is one document (an array of
records, one record, or an object holding an array of records), loaded
whole, so it may be at most MAX_DOCUMENT_BYTES.

Limits: a number of more than MAX_NUMBER_DIGITS digits (Python refuses to
read one of more than 4,300), and a value nested more than MAX_DEPTH deep,
are read as null with a note; the record is kept. A record that cannot be
read at all is one line naming the file and line, and the others still count.
"""
from __future__ import annotations

import io
import json
import re
from typing import BinaryIO, Iterable, Iterator

from ..model import Article
from .encodings import BOMS, decode
from .problems import IngestError, Problem, megabytes, note
from .text import EMPTIED, emptied, iso_date, make_article, text_notes, written_dates

MAX_LINE_BYTES = 8_000_000         # one JSON Lines record (its text may then be at most MAX_CHARS)
MAX_DOCUMENT_BYTES = 64_000_000    # a JSON document that is not JSON Lines
MAX_NUMBER_DIGITS = 100            # characters of one JSON number (ids, counts and timestamps need fewer than 30)
MAX_DEPTH = 100                    # arrays and objects inside each other (a news record needs fewer than 10)
FIELDS = {
    "text": ("text", "body", "content", "maintext", "article_text", "full_text"),
    "title": ("title", "headline"),
    "date": ("date", "datePublished", "date_published", "published", "publishedAt", "published_at",
             "date_publish", "pubDate", "pub_date"),
    "url": ("url", "link", "canonical_url"),
    "author": ("author", "authors", "byline", "creator"),
    "publisher": ("publisher", "source", "sitename", "site_name", "source_name", "source_domain"),
    "identifier": ("id", "_id", "guid", "uuid", "identifier"),
}
CONTAINERS = ("articles", "records", "items", "data", "results", "docs", "documents", "entries")


def read_records(stream: BinaryIO, path: str, name: str, lines_only: bool, max_chars: int) -> Iterator[Article | Problem]:
    """Articles and problems of a JSON Lines file (``lines_only``) or a .json file; ``stream`` is seekable."""
    start = stream.tell()
    head = stream.read(4)
    stream.seek(start)
    if any(head.startswith(bom) for bom, enc in BOMS if enc != "utf-8"):   # UTF-16/32: rare, decoded whole
        data = _read_at_most(stream, MAX_DOCUMENT_BYTES, path, "a UTF-16 or UTF-32 JSON file")
        try:
            text = decode(data, path).text
        except IngestError:
            text = ""
        if text.lstrip()[:1] in ("{", "["):
            stream, start = io.BytesIO(text.encode("utf-8")), 0
        else:   # not JSON in that encoding: a first line that only starts like a byte-order mark, reported as such
            stream.seek(start)
    first = next((data for _, data, _ in _lines(stream) if data is None or data.strip()), None)
    stream.seek(start)
    if not lines_only and not _is_object_line(first):
        raw = _read_at_most(stream, MAX_DOCUMENT_BYTES, path, "a JSON document")
        parsed = _parse_document(raw, path)
        if not (isinstance(parsed, Problem) and _records_follow(raw)):
            yield from _document(parsed, path, name, max_chars)
            return
        stream.seek(start)   # JSON Lines after a broken first line: each line counts on its own
    count = 0
    for number, data, size in _lines(stream):
        count += data is None or bool(data.strip())
        if data is None:
            yield Problem(path, f"a record of {megabytes(size)} is over the {megabytes(MAX_LINE_BYTES)} limit "
                                f"for one line; skipped", number)
        elif data.strip():
            try:
                found = list(_line(data, path, name, number, max_chars))
            except Exception as e:   # a bug, or an odd record: this record only is lost
                found = [Problem(path, f"could not be read ({type(e).__name__}: {str(e)[:200]}); line skipped",
                                 number)]
            yield from found
    if not count:
        yield Problem(path, "empty file" if first is None else "no records")


def _lines(stream: BinaryIO) -> Iterator[tuple[int, bytes | None, int]]:
    """(line number, bytes or None when over MAX_LINE_BYTES, size), never holding more than one line."""
    number = 0
    while True:
        line = stream.readline(MAX_LINE_BYTES + 1)
        if not line:
            return
        number += 1
        if len(line) > MAX_LINE_BYTES and not line.endswith(b"\n"):
            size = len(line)
            while line and not line.endswith(b"\n"):
                line = stream.readline(1 << 20)
                size += len(line)
            yield number, None, size
        else:
            yield number, line.removeprefix(b"\xef\xbb\xbf") if number == 1 else line, len(line)


def _is_object_line(line: bytes | None) -> bool:
    """Whether a first line is a whole record: an object that is not a container of records."""
    try:
        value = _loads(line)[0] if line and line.strip() else None
    except (ValueError, RecursionError):
        return False
    return isinstance(value, dict) and not _is_container(value)


def _is_container(value: dict) -> bool:
    return _field(value, "text") is None and any(isinstance(value.get(k), list) for k in CONTAINERS)


class _Numbers:
    """json.loads hooks reading a number of more than MAX_NUMBER_DIGITS characters as None."""

    def __init__(self) -> None:
        self.long = self.longest = 0

    def _fits(self, text: str) -> bool:
        if len(text) <= MAX_NUMBER_DIGITS:
            return True
        self.long, self.longest = self.long + 1, max(self.longest, len(text))
        return False

    def int(self, text: str) -> int | None:
        return int(text) if self._fits(text) else None

    def float(self, text: str) -> float | None:
        return float(text) if self._fits(text) else None


def _loads(text: str | bytes) -> tuple[object, list[str]]:
    """A JSON value with its too long numbers and too deep values read as null, and notes saying so."""
    numbers = _Numbers()
    try:
        value = json.loads(text, parse_int=numbers.int, parse_float=numbers.float)
        cut = 0
    except RecursionError:   # deeper than Python's JSON parser goes: cut the deep values out of the text first
        if not isinstance(text, str):
            raise
        text, cut = _cut_deep(text)
        value = json.loads(text, parse_int=numbers.int, parse_float=numbers.float)
    deep = cut + _prune(value)
    notes = []
    if numbers.long:
        notes.append(f"{_count(numbers.long, 'number')} of more than {MAX_NUMBER_DIGITS} characters (the longest "
                     f"{numbers.longest:,}) read as null")
    if deep:
        notes.append(f"{_count(deep, 'value')} nested more than {MAX_DEPTH} deep read as null")
    return value, notes


_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')


def _cut_deep(text: str) -> tuple[str, int]:
    """``text`` with each array or object nested more than MAX_DEPTH deep written as null; how many were."""
    out, copied, depth, cut, start = [], 0, 0, 0, -1
    for m in _TOKENS.finditer(text):
        token = m.group()
        if token in "[{":
            depth += 1
            if depth == MAX_DEPTH + 1:
                start = m.start()
        elif token in "]}":
            if depth == MAX_DEPTH + 1 and start >= 0:
                out += [text[copied:start], "null"]
                copied, start, cut = m.end(), -1, cut + 1
            depth -= 1
    return "".join(out) + text[copied:], cut


def _prune(value: object) -> int:
    """Arrays and objects deeper than MAX_DEPTH replaced by None, in place; how many were."""
    pruned = 0
    stack = [(value, 1)]
    while stack:
        container, depth = stack.pop()
        keys = container.keys() if isinstance(container, dict) else range(len(container)) \
            if isinstance(container, list) else ()
        for key in keys:
            child = container[key]
            if isinstance(child, (dict, list)):
                if depth >= MAX_DEPTH:
                    container[key] = None
                    pruned += 1
                else:
                    stack.append((child, depth + 1))
    return pruned


def _count(n: int, what: str) -> str:
    return f"{n:,} {what}{'s' if n != 1 else ''}"


def _line(data: bytes, path: str, name: str, number: int, max_chars: int) -> Iterator[Article | Problem]:
    try:
        decoded = decode(data, path)
    except IngestError as e:
        yield Problem(path, e.reason + "; line skipped", number)
        return
    for reason, _ in decoded.notes:
        yield note(path, reason, number)
    try:
        record, notes = _loads(decoded.text.rstrip("\r\n"))
    except json.JSONDecodeError as e:
        yield Problem(path, f"not valid JSON: {_json_error(e)}; line skipped", number)
        return
    except RecursionError:
        yield Problem(path, "not valid JSON (nested too deeply); line skipped", number)
        return
    for reason in notes:
        yield note(path, reason, number)
    yield from record_article(record, path, name, f"L{number}", max_chars, line=number)


def _parse_document(raw: bytes, path: str) -> Problem | tuple[object, list[Problem]]:
    """(the JSON document, notes), or the Problem that it is not one."""
    try:
        decoded = decode(raw, path)
        document, notes = _loads(decoded.text)
    except IngestError as e:
        return e.problem
    except json.JSONDecodeError as e:
        return Problem(path, f"not valid JSON: {_json_error(e)}", e.lineno)
    except RecursionError:
        return Problem(path, "not valid JSON (nested too deeply)")
    return document, [note(path, reason, line) for reason, line in decoded.notes] + [note(path, r) for r in notes]


def _records_follow(raw: bytes) -> bool:
    """Whether a file that is no JSON document has whole records on its next lines (JSON Lines)."""
    lines = [line for line in raw[:1 << 20].split(b"\n")[1:50] if line.strip()]
    return any(_is_object_line(line) for line in lines[:10])


def _document(parsed: Problem | tuple[object, list[Problem]], path: str, name: str,
              max_chars: int) -> Iterator[Article | Problem]:
    if isinstance(parsed, Problem):
        yield parsed
        return
    document, notes = parsed
    yield from notes
    found = list(_records(document))
    if not found:
        yield Problem(path, 'no article records: expected objects with a "text" field, or an array of them')
    for pointer, record in found:
        yield from record_article(record, path, name, pointer, max_chars)


def _records(document: object) -> Iterable[tuple[str, object]]:
    if isinstance(document, list):
        return ((f"/{i}", r) for i, r in enumerate(document))
    if isinstance(document, dict):
        if _field(document, "text") is not None:
            return [("", document)]
        for key in CONTAINERS:
            if isinstance(document.get(key), list):
                return ((f"/{key}/{i}", r) for i, r in enumerate(document[key]))
    return []


def _field(record: dict, field: str) -> object:
    return next((record[k] for k in FIELDS[field] if record.get(k) not in (None, "", [])), None)


def _value(value: object) -> str | None:
    """A metadata value as text: strings as they are, names of objects, lists joined."""
    if isinstance(value, dict):
        value = value.get("name") or value.get("title")
    if isinstance(value, list):
        parts = [_value(v) for v in value]
        return ", ".join(p for p in parts if p) or None
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return str(value)
    return None


def record_article(record: object, path: str, name: str, fragment: str, max_chars: int,
                   line: int | None = None) -> Iterator[Article | Problem]:
    """The article of one record (``fragment``: "L12" or a JSON Pointer), after any problems with it.

    Problems name the file and the record's line, or for a record of a JSON document its pointer.
    """
    label = "" if line else f"record #{fragment}: "

    def problem(reason: str, skipped: bool = True) -> Problem:
        return Problem(path, label + reason + ("; skipped" if skipped else ""), line, skipped)

    if not isinstance(record, dict):
        yield problem(f'a JSON {_json_kind(record)}, not an object with a "text" field')
        return
    text = _field(record, "text")
    if text is None:
        yield problem('"text" is empty' if any(k in record for k in FIELDS["text"]) else 'no "text" field')
        return
    if not isinstance(text, str):
        yield problem(f'"text" is a JSON {_json_kind(text)}, not a string')
        return
    if not text.strip():
        yield problem('"text" is blank')
        return
    if len(text) > max_chars:
        yield problem(f"{len(text):,} characters is more than the {max_chars:,} one article may have")
        return
    meta = {field: _value(_field(record, field)) for field in FIELDS if field != "text"}
    written = _field(record, "date")
    meta["date"] = iso_date(written)
    if meta["date"] is None and written is not None:
        impossible = written_dates(str(written)[:100])[1]
        yield problem(f"date {impossible[0]!r} is not a real calendar date; left out" if impossible else
                      f"date {str(written)[:40]!r} not understood; ignored", skipped=False)
    article = make_article(text, f"{path}#{fragment}", name=f"{name}#{fragment}", **meta)
    if emptied(article):
        yield problem(EMPTIED.removesuffix("; skipped"))
        return
    yield from text_notes(text, path, record=(label, line))
    yield article


def _json_error(e: json.JSONDecodeError) -> str:
    return f"{e.msg.removesuffix(' at').lower()} at column {e.colno}"


def _json_kind(value: object) -> str:
    return {list: "array", dict: "object", str: "string", bool: "boolean", type(None): "null"}.get(
        type(value), "number")


def _read_at_most(stream: BinaryIO, limit: int, path: str, what: str) -> bytes:
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise IngestError(path, f"{what} of more than {megabytes(limit)} is too large to load whole: write it as "
                                f"JSON Lines (one record a line), which kg streams")
    return data
