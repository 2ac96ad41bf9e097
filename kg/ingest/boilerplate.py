"""Read articles: find the files, decode them, find their metadata and furniture.

The result is an Article whose ``clean`` text equals the original text with
page furniture (ad slots, newsletter sign-ups, repeated photo captions ...)
blanked out by spaces, so that offsets found in ``clean`` point into the file.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from .dates import find_date
from .model import Article, ArticleMeta

SUFFIXES = (".txt",)


class IngestError(Exception):
    """A file that cannot be read as an article; str() is a one-line reason."""

    def __init__(self, path: str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path, self.reason = path, reason


def discover(paths: list[str | Path]) -> list[Path]:
    """Input files: files as given, directories searched recursively, sorted."""
    found: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            found += sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES)
        elif p.exists():
            found.append(p)
        else:
            raise IngestError(str(p), "no such file or directory")
    seen: set[Path] = set()
    return [f for f in found if not (f.resolve() in seen or seen.add(f.resolve()))]


def decode(data: bytes, path: str) -> str:
    if not data.strip():
        raise IngestError(path, "empty file")
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise IngestError(path, "binary file, not text")
    try:
        return data.decode("utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "utf-8")
    except UnicodeDecodeError as e:
        raise IngestError(path, f"not valid UTF-8 (byte {e.start})") from None


def read_article(path: str | Path) -> Article:
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as e:
        raise IngestError(str(path), e.strerror or str(e)) from None
    return make_article(decode(data, str(path)), str(path))


def make_article(text: str, path: str, **meta: str | None) -> Article:
    """An Article from decoded text; ``meta`` overrides what the text yields."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    furniture = find_boilerplate(text)
    clean = blank(text, furniture)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    found = header_metadata(clean, Path(path).name)
    found.update({k: v for k, v in meta.items() if v})
    return Article(
        meta=ArticleMeta(id=digest[:16], path=path, name=Path(path).name, sha256=digest,
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
# Boilerplate
# --------------------------------------------------------------------------

@dataclass(frozen=True)
class _Rule:
    pattern: re.Pattern
    scope: str


def _rules() -> list[_Rule]:
    rules = []
    for line in resources.files("kg.data").joinpath("boilerplate.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rx, scope = line.rsplit("\t", 1)
            rules.append(_Rule(re.compile(rx, re.I), scope.strip()))
    return rules


_RULES: list[_Rule] | None = None
_BULLET = re.compile(r"^\s*(?:[•·▪●◦*-]|\d+\.)\s+(.*)$")
_UNIT_SPLIT = re.compile(r"(?<=[.!?)])(?=[A-Z])|(?<=[.!?])\s+(?=[A-Z(])")


def _lines(text: str) -> list[tuple[int, int, str]]:
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, pos + len(line), line))
        pos += len(line) + 1
    return out


def find_boilerplate(text: str) -> list[tuple[int, int]]:
    """Spans of page furniture in ``text``, sorted and merged."""
    global _RULES
    if _RULES is None:
        _RULES = _rules()
    lines = _lines(text)
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(lines):
        start, end, line = lines[i]
        stripped = line.strip()
        rule = next((r for r in _RULES if stripped and r.pattern.fullmatch(stripped)), None)
        if rule is None:
            i += 1
            continue
        last = i
        if rule.scope == "teaser":
            nxt = next((j for j in range(i + 1, len(lines)) if lines[j][2].strip()), None)
            if nxt is not None and len(lines[nxt][2].split()) <= 40:
                last = nxt
        elif rule.scope == "block":
            j = i + 1
            while j < len(lines) and lines[j][2].strip() and len(lines[j][2].split()) <= 16 \
                    and not lines[j][2].rstrip().endswith((".", "?", "!", "”", '"')):
                last, j = j, j + 1
        spans.append((start + len(line) - len(line.lstrip()), lines[last][1]))
        i = last + 1
    spans += _navigation_lists(lines) + _masthead(lines) + _repeats(text, lines)
    return _merge(spans)


def _navigation_lists(lines) -> list[tuple[int, int]]:
    """Runs of eight or more short bullet items that are not sentences (menus, job lists)."""
    spans, run = [], []
    for start, end, line in lines + [(0, 0, "")]:
        m = _BULLET.match(line)
        if m and len(m.group(1).split()) <= 8 and not m.group(1).rstrip().endswith("."):
            run.append((start, end))
            continue
        if len(run) >= 8:
            spans.append((run[0][0], run[-1][1]))
        run = []
    return spans


def _masthead(lines) -> list[tuple[int, int]]:
    """Very short lines before the first real line (mastheads, section labels)."""
    spans = []
    for start, end, line in lines:
        words = line.split()
        if len(words) >= 4:
            break
        if words and not find_date(line) and not re.search(r"\b(19|20)\d\d\b", line):
            spans.append((start + len(line) - len(line.lstrip()), end))
    return spans


def _repeats(text: str, lines) -> list[tuple[int, int]]:
    """Second and later copies of sentence-sized units (repeated photo captions).

    A run of units seen before is furniture when one of them is long (60+
    characters): short repeats alone ("Labour said.") are ordinary prose.
    """
    seen: set[str] = set()
    spans = []
    for start, end, line in lines:
        pos, run, has_long = start, [], False
        units = []
        for unit in _UNIT_SPLIT.split(line):
            key = " ".join(unit.split())
            units.append((pos, pos + len(unit), key))
            pos += len(unit)
            while pos < end and text[pos] == " ":
                pos += 1
        for s, e, key in units + [(end, end, "")]:
            if key and key in seen:
                run.append((s, e))
                has_long = has_long or len(key) >= 60
                continue
            if run and has_long:
                spans.append((run[0][0], run[-1][1]))
            run, has_long = [], False
            if key:
                seen.add(key)
    return spans


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[list[int]] = []
    for s, e in sorted(spans):
        if merged and s <= merged[-1][1] + 1:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    return [(s, e) for s, e in merged]


# --------------------------------------------------------------------------
# Metadata from the text itself
# --------------------------------------------------------------------------

_BYLINE = re.compile(r"^\s*By ([A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+){0,3})\s*$")
_BIO = re.compile(r"^\s*([A-Z][\w'’-]+(?: [A-Z][\w'’-]+){1,3}) (?:is|was) (?:a|an|the|co-|\w+ (?:of|at|for)\b)")
_QUOTES = "\"“”‘’'"


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
        if len(line.split()) >= 4 and not (find_date(line) and len(line.split()) <= 6):
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
