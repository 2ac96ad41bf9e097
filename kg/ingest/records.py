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
read as JSON Lines; otherwise it is one document (an array of records, one
record, or an object holding an array of records), loaded whole, so it may be
at most MAX_DOCUMENT_BYTES.
"""
from __future__ import annotations

import io
import json
from typing import BinaryIO, Iterable, Iterator

from ..model import Article
from .encodings import BOMS, decode
from .problems import IngestError, Problem, megabytes, note
from .text import iso_date, make_article, text_notes

MAX_LINE_BYTES = 8_000_000         # one JSON Lines record (its text may then be at most MAX_CHARS)
MAX_DOCUMENT_BYTES = 64_000_000    # a JSON document that is not JSON Lines
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
        stream, start = io.BytesIO(decode(data, path).text.encode("utf-8")), 0
    first = next((data for _, data, _ in _lines(stream) if data is None or data.strip()), None)
    stream.seek(start)
    if not lines_only and not _is_object_line(first):
        yield from _document(_read_at_most(stream, MAX_DOCUMENT_BYTES, path, "a JSON document"), path, name, max_chars)
        return
    count = 0
    for number, data, size in _lines(stream):
        count += data is None or bool(data.strip())
        if data is None:
            yield Problem(path, f"a record of {megabytes(size)} is over the {megabytes(MAX_LINE_BYTES)} limit "
                                f"for one line; skipped", number)
        elif data.strip():
            yield from _line(data, path, name, number, max_chars)
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
    try:
        return isinstance(json.loads(line), dict) if line and line.strip() else False
    except (ValueError, RecursionError):
        return False


def _line(data: bytes, path: str, name: str, number: int, max_chars: int) -> Iterator[Article | Problem]:
    try:
        decoded = decode(data, path)
    except IngestError as e:
        yield Problem(path, e.reason + "; line skipped", number)
        return
    for reason, _ in decoded.notes:
        yield note(path, reason, number)
    try:
        record = json.loads(decoded.text.rstrip("\r\n"))
    except json.JSONDecodeError as e:
        yield Problem(path, f"not valid JSON: {_json_error(e)}; line skipped", number)
        return
    except RecursionError:
        yield Problem(path, "not valid JSON (nested too deeply); line skipped", number)
        return
    yield from record_article(record, path, name, f"L{number}", max_chars, line=number)


def _document(raw: bytes, path: str, name: str, max_chars: int) -> Iterator[Article | Problem]:
    try:
        decoded = decode(raw, path)
        document = json.loads(decoded.text)
    except IngestError as e:
        yield e.problem
        return
    except json.JSONDecodeError as e:
        yield Problem(path, f"not valid JSON: {_json_error(e)}", e.lineno)
        return
    except RecursionError:
        yield Problem(path, "not valid JSON (nested too deeply)")
        return
    for reason, line in decoded.notes:
        yield note(path, reason, line)
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
    meta["date"] = iso_date(_field(record, "date"))
    if meta["date"] is None and _field(record, "date") is not None:
        yield problem(f"date {str(_field(record, 'date'))[:40]!r} not understood; ignored", skipped=False)
    yield from text_notes(text, path, record=(label, line))
    yield make_article(text, f"{path}#{fragment}", name=f"{name}#{fragment}", **meta)


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
