"""Decoded text to an Article: safe characters, page furniture blanked, metadata.

make_article() never changes the length of the text it is given: every
repair replaces one character by one character, so offsets into the
Article's ``text`` and ``clean`` are offsets into that text.

Invisible characters (zero-width spaces and joiners, word joiner, a BOM
inside the text, soft hyphens, bidirectional marks and embeddings) cannot be
removed without moving offsets. At the edge of a word they become spaces in
``clean`` (what the parser reads); inside a word ("Ja\u200bne") they stay,
and names are compared without them (``visible``), so "Ja\u200bne Doe" is
Jane Doe and not a look-alike second person.
"""
from __future__ import annotations

import hashlib
import re
from datetime import date, datetime, timezone
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import urlsplit

from ..dates import PATTERNS, find_date, month_number
from ..model import Article, ArticleMeta
from .boilerplate import find_boilerplate
from .problems import Problem, line_of, note

LONG_LINE = 20_000        # characters; a longer line is a note (paragraphs cannot be told apart)
META_LIMIT = 500          # characters kept of a metadata value (title, author ...)
# Control characters (tab and newline are kept) become spaces; lone surrogates and the
# noncharacters U+FFFE/U+FFFF, which no RDF syntax or spaCy should see, become U+FFFD.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_INVALID = re.compile("[\ud800-\udfff\ufffe\uffff]")
_META_SPACE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]+")
INVISIBLE = "\u00ad\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2060\u2066\u2067\u2068\u2069\ufeff"
_INVISIBLE_RUN = re.compile(f"[{INVISIBLE}]+")
_DROP_INVISIBLE = str.maketrans("", "", INVISIBLE)
_WORD = re.compile(r"\w")
EMPTIED = ("every line of it was taken for page furniture (ads, sign-ups, menus, captions ...), so nothing is left "
           "to read; skipped")


def sanitise(text: str) -> tuple[str, int, int]:
    """(text, how many characters were replaced, index of the first) with lengths kept.

    ``\\r\\n`` becomes `` \\n`` and a lone ``\\r`` a newline; control characters
    become spaces; lone surrogates and noncharacters become U+FFFD.
    """
    first = [-1]
    count = [0]

    def repl(replacement: str):
        def sub(m: re.Match) -> str:
            count[0] += 1
            if first[0] < 0 or m.start() < first[0]:
                first[0] = m.start()
            return replacement
        return sub

    text = text.replace("\r\n", " \n").replace("\r", "\n")
    text = _CONTROL.sub(repl(" "), text)
    text = _INVALID.sub(repl("\ufffd"), text)
    return text, count[0], first[0]


def visible(text: str) -> str:
    """``text`` without invisible characters: how names are compared and shown."""
    return text.translate(_DROP_INVISIBLE)


def _edges_to_spaces(text: str) -> str:
    """Runs of invisible characters that are not inside a word become spaces (lengths kept)."""
    def sub(m: re.Match) -> str:
        s, e = m.start(), m.end()
        inside = s > 0 and e < len(text) and text[s - 1].isalnum() and text[e].isalnum()
        return m.group() if inside else " " * (e - s)
    return _INVISIBLE_RUN.sub(sub, text)


def emptied(article: Article) -> bool:
    """Whether cleaning took all of an article's words (every line matched a furniture rule)."""
    return _WORD.search(article.clean) is None and _WORD.search(article.text) is not None


def text_notes(text: str, path: str, record: tuple[str, int | None] | None = None) -> list[Problem]:
    """Notes on text used with repairs or of an odd shape: control characters, very long lines.

    Notes name the line of the file; for a JSON record, ``record`` is (its label, its line
    or None), which the note names instead.
    """
    found = []
    _, count, first = sanitise(text)
    if count:
        found.append((f"{count} control or invalid character{'s' if count > 1 else ''} replaced by spaces "
                      f"or U+FFFD", line_of(text, first)))
    for n, line in enumerate(text.split("\n"), 1):
        if len(line) > LONG_LINE:
            found.append((f"a line of {len(line):,} characters; paragraphs inside it cannot be told apart", n))
            break
    if record is None:
        return [note(path, reason, line) for reason, line in found]
    label, line = record
    return [note(path, f"{label}{reason}", line) for reason, _ in found]


def clean_value(value: object) -> str | None:
    """A metadata value as one safe line of at most META_LIMIT characters, or None."""
    if value is None:
        return None
    text = visible(_INVALID.sub("\ufffd", _META_SPACE.sub(" ", str(value)))).strip()
    return text[:META_LIMIT].strip() or None


def iso_date(value: object) -> str | None:
    """A publication date as ISO YYYY-MM-DD, from the forms feeds and pages use, or None.

    ISO dates and timestamps (the date as written, in its own time zone), RFC 2822
    ("Tue, 12 Mar 2024 09:30:00 GMT"), "12 March 2024", "March 12, 2024", Unix seconds.
    """
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        try:
            return datetime.fromtimestamp(value, tz=timezone.utc).date().isoformat()
        except (OverflowError, OSError, ValueError):
            return None
    text = str(value).strip()[:100]
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(text).date().isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    found = find_date(text)
    return found[0] if found else None


_NUMERIC_DATE = re.compile(r"(?<!\d)((?:19|20)\d\d)([-/.])(\d{1,2})\2(\d{1,2})(?!\d)")
_COMPACT_DATE = re.compile(r"(?<!\d)((?:19|20)\d\d)(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?!\d)")


def written_dates(text: str) -> tuple[set[str], list[str]]:
    """(the calendar dates ``text`` writes, as ISO; the impossible ones it writes, as written).

    Dates as 2021-02-30, 2021/02/30, 20210230 (valid ones only), "30 February 2021" and
    "February 30, 2021". A date parser given "2021-02-30" may shift it to a real date
    (htmldate gives 2021-02-01); this says whether a date was written at all.
    """
    valid: set[str] = set()
    impossible: list[str] = []

    def add(y: int, m: int | None, d: int, written: str) -> None:
        try:
            valid.add(date(y, m or 0, d).isoformat())
        except ValueError:
            if (m or 0) <= 31 and d <= 31:   # a slip (30 February, month 13), not a version number like 2020.99.1
                impossible.append(written)

    for m in _NUMERIC_DATE.finditer(text):
        add(int(m[1]), int(m[3]), int(m[4]), m.group())
    for m in _COMPACT_DATE.finditer(text):
        add(int(m[1]), int(m[2]), int(m[3]), m.group())
    for rx, order in PATTERNS[1:]:
        for m in rx.finditer(text):
            parts = dict(zip(order, m.groups()))
            add(int(parts["y"]), month_number(parts["mon"]), int(parts["d"]), m.group())
    return valid, impossible


def url_key(url: str | None) -> str | None:
    """A URL as compared for duplicates: no scheme, "www.", fragment, trailing slash or tracking parameters."""
    if not url or not url.strip():
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return url.strip()
    if not parts.netloc:
        return url.strip()
    query = "&".join(q for q in parts.query.split("&")
                     if q and not q.lower().startswith(("utm_", "fbclid=", "gclid=", "ocid=")))
    host = parts.netloc.lower().removeprefix("www.")
    return f"{host}{parts.path.rstrip('/') or '/'}" + (f"?{query}" if query else "")


def make_article(text: str, path: str, name: str | None = None, **meta: str | None) -> Article:
    """An Article from decoded text; ``meta`` (title, date, author, publisher, url, identifier)
    overrides what the text itself yields. ``name`` is how facts.json names it (default: the file name)."""
    text, _, _ = sanitise(text)
    furniture = find_boilerplate(text)
    clean = blank(text, furniture)
    if _INVISIBLE_RUN.search(clean):
        clean = _edges_to_spaces(clean)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    name = clean_value(name) or Path(path).name or "article"
    found: dict[str, str | None] = header_metadata(clean, name)
    if "date" in meta:
        meta = {**meta, "date": iso_date(meta["date"])}
    found.update({k: v for k, v in ((k, clean_value(v)) for k, v in meta.items()) if v})
    return Article(
        meta=ArticleMeta(id=digest[:16], path=path, name=name, sha256=digest,
                         length=len(text), boilerplate=tuple(furniture), **found),
        text=text, clean=clean)


def blank(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with each span replaced by spaces (newlines kept)."""
    chars = list(text)
    for start, end in spans:
        for i in range(start, end):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)


# --------------------------------------------------------------------------
# Metadata from the text itself
# --------------------------------------------------------------------------

_BYLINE = re.compile(r"^\s*By ([A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+){0,3})\s*$")
_BIO = re.compile(r"^\s*([A-Z][\w'’-]+(?: [A-Z][\w'’-]+){1,3}) (?:is|was) (?:a|an|the|co-|\w+ (?:of|at|for)\b)")
_QUOTES = "\"“”‘’'"
TITLE_LIMIT = 300   # a longer first line is a paragraph, not a headline
_SENTENCES = re.compile(r"[a-z]{3}[.!?][”\"’']?\s+[A-Z“\"‘]")   # nor is a line of two sentences ("Mr. X" is one)


def header_metadata(clean: str, filename: str) -> dict[str, str | None]:
    """Title, date and author as a plain-text article states them."""
    lines = [ln.strip() for ln in clean.split("\n") if ln.strip()]
    meta: dict[str, str | None] = {"title": None, "date": None, "author": None}
    head = "\n".join(lines[:6])
    found = find_date(head) or find_date("\n".join(lines[-3:])) or find_date(filename.replace("_", " "))
    if found:
        meta["date"] = found[0]
    for line in lines[:8]:
        line = re.sub(r"^date\s+\S+\s+", "", line, flags=re.I)
        if len(line.split()) >= 3 and not (find_date(line) and len(line.split()) <= 6):
            if len(line) <= TITLE_LIMIT and not _SENTENCES.search(line):
                meta["title"] = line.strip(_QUOTES + " ") or None
            break
    for line in lines[:12]:
        m = _BYLINE.match(line)
        if m:
            meta["author"] = m.group(1)
            break
    if meta["author"] is None:
        for line in lines[-2:]:
            m = _BIO.match(line)
            if m and len(line.split()) <= 30:
                meta["author"] = m.group(1)
                break
    return meta
