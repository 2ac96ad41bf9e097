"""Find quoted stretches of text, one paragraph at a time.

Handles curly and straight, double and single marks, apostrophes inside and
at the end of words, a new opening mark before the old one closed, and a
quote left open at the end of a paragraph (it may continue in the next).
An unbalanced mark costs at most the rest of its paragraph, never the article.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

OPEN_DOUBLE, CLOSE_DOUBLE = "“„«", "”»"
OPEN_SINGLE, CLOSE_SINGLE = "‘‚‹", "’›"
STRAIGHT_DOUBLE, STRAIGHT_SINGLE = '"', "'"
MARKS = set(OPEN_DOUBLE + CLOSE_DOUBLE + OPEN_SINGLE + CLOSE_SINGLE + STRAIGHT_DOUBLE + STRAIGHT_SINGLE)


@dataclass(frozen=True)
class Quoted:
    start: int          # first character inside the marks
    end: int            # one past the last character inside the marks
    open_mark: int      # offset of the opening mark
    closed: bool        # False when the paragraph ended first
    double: bool


def _is_word(c: str) -> bool:
    return c.isalnum()


_MARK = re.compile("''|``|[" + re.escape("".join(sorted(MARKS))) + "]")


def _marks(text: str, start: int, end: int):
    """(offset, mark, width) of each quotation mark; '' and `` (typewriter style) are double marks."""
    for m in _MARK.finditer(text, start, end):
        mark = m.group(0)
        if len(mark) == 2:
            yield m.start(), '"' if mark == "''" else "“", 2
        else:
            yield m.start(), mark, 1


def scan_paragraph(text: str, start: int, end: int) -> list[Quoted]:
    """Quoted stretches in ``text[start:end]`` (one paragraph)."""
    out: list[Quoted] = []
    open_double: tuple[int, int] | None = None     # (offset, width) of the open mark
    open_single: int | None = None
    for i, c, width in _marks(text, start, end):
        before = text[i - 1] if i > start else " "
        after = text[i + width] if i + width < end else " "
        if c in OPEN_DOUBLE or c in CLOSE_DOUBLE or c == STRAIGHT_DOUBLE:
            if open_double is None:
                # A closing curly mark with nothing open is a stray: ignore it.
                if c in CLOSE_DOUBLE and c != "»":
                    continue
                open_double, open_single = (i, width), None
            elif c in OPEN_DOUBLE:
                # A new opening mark: the old quote ended unclosed just before it.
                if text[open_double[0] + open_double[1]:i].strip():
                    out.append(_make(text, open_double, i, closed=False, double=True))
                open_double = (i, width)
            else:
                if i > open_double[0] + open_double[1]:
                    out.append(_make(text, open_double, i, closed=True, double=True))
                open_double = None
            continue
        if open_double is not None:
            continue  # single marks inside a double quote belong to it
        # Single marks: tell quotation marks from apostrophes.
        if _is_word(before) and _is_word(after):
            continue  # it's, Roe's, O'Neill
        if open_single is None:
            if (c in OPEN_SINGLE or c == STRAIGHT_SINGLE) and not _is_word(before) and (_is_word(after) or after in "$£€#@"):
                open_single = i
        elif c in CLOSE_SINGLE or c == STRAIGHT_SINGLE:
            if not _is_word(after) and not before.isspace():
                out.append(_make(text, (open_single, 1), i, closed=True, double=False))
                open_single = None
    if open_double is not None and text[open_double[0] + open_double[1]:end].strip():
        out.append(_make(text, open_double, end, closed=False, double=True))
    return [q for q in out if q.end > q.start]


def _make(text: str, opening: tuple[int, int], close: int, closed: bool, double: bool) -> Quoted:
    open_mark, width = opening
    s, e = open_mark + width, close
    if not closed:
        while e > s and text[e - 1].isspace():
            e -= 1
    return Quoted(start=s, end=e, open_mark=open_mark, closed=closed, double=double)


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-empty line; news text puts one paragraph on a line."""
    out, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            lead = len(line) - len(line.lstrip())
            out.append((pos + lead, pos + len(line.rstrip())))
        pos += len(line) + 1
    return out


def scan(text: str) -> list[tuple[tuple[int, int], list[Quoted]]]:
    """Each paragraph with its quoted stretches."""
    return [((s, e), scan_paragraph(text, s, e)) for s, e in paragraphs(text)]


_BOUNDARY = re.compile(r"[.!?…]+[”’\"')\]]*\s+(?=[“‘\"'(]?[A-Z0-9])")
_ABBREV = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|St|Sen|Rep|Gov|Gen|Col|Lt|Sgt|Capt|Cpt|Cpl|Pvt|Maj|Adm|Cmdr|Det|Insp|"
                     r"Supt|Prof|Rev|Jr|Sr|Inc|Ltd|Co|Corp|vs|No|Mt|Ft|Jan|Feb|"
                     r"Aug|Sept|Oct|Nov|Dec)|\b[A-Z]|\.\.)\.$")


def sentences(text: str, start: int, end: int, quotes: list[Quoted]) -> list[tuple[int, int]]:
    """Sentence spans of one paragraph; a quotation is never split, abbreviations do not end one."""
    inside = [(q.start, q.end) for q in quotes]
    bounds = [start]
    for m in _BOUNDARY.finditer(text, start, end):
        last = m.start() + len(m.group(0).rstrip()) - 1   # last mark of the cluster
        if any(s <= last < e for s, e in inside):
            continue
        if _ABBREV.search(text[max(start, m.start() - 6):m.start() + 1]):
            continue
        bounds.append(m.end())
    bounds.append(end)
    return [(a, b) for a, b in zip(bounds, bounds[1:]) if text[a:b].strip()]
