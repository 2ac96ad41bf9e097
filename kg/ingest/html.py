"""HTML pages: the main text without navigation, ads and footers, and the page's metadata.

trafilatura finds the article's text and its title, author, date, URL and
site name (the publisher) in the page's own metadata (Open Graph, JSON-LD,
meta tags). The article text is the extracted paragraphs joined by blank
lines; offsets, and the words the graph quotes as evidence, index that text,
not the HTML source. The plain-text furniture rules still apply to it.

The HTML parser (libxml2) silently drops what follows a text, comment or
script of more than 10 million characters. So before parsing, attribute
values, comments, scripts, styles and tags of more than MAX_MARKUP_CHARS
characters are left out (none holds article text; a note says so), and a
page with a longer stretch of text is refused with a line, its text being
more than one article may have anyway.

A date the page writes that is no calendar date (2021-02-30) is left out with
a note: trafilatura's date parser would shift it to a real one (2021-02-01).
"""
from __future__ import annotations

import logging
import re

from ..model import Article
from .encodings import decode
from .problems import IngestError, Problem, note
from .text import make_article, text_notes, written_dates

_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]{1,40})""", re.I)
MIN_WORDS = 5   # fewer is a menu or a lone link, not an article
MAX_MARKUP_CHARS = 1_000_000   # one attribute value, comment, script or style; libxml2 drops text after 10 M
_LONG_VALUE = re.compile(r"""=\s*(?:"[^"]{%d,}"|'[^']{%d,}'|[^\s"'=<>`]{%d,})""" % ((MAX_MARKUP_CHARS,) * 3))
_BLOCK_START = re.compile(r"<!--|<(script|style)\b", re.I)
_BLOCK_END = {"!--": re.compile("-->"), "script": re.compile(r"</script\s*>", re.I),
              "style": re.compile(r"</style\s*>", re.I)}
_LOGGERS = ("trafilatura", "htmldate", "courlan", "justext", "charset_normalizer")


def declared_charset(data: bytes) -> str | None:
    """The encoding a page names in a <meta charset> or http-equiv tag near its start."""
    m = _CHARSET.search(data[:4096])
    return m.group(1).decode("ascii") if m else None


def html_article(data: bytes, path: str, name: str) -> tuple[list[Problem], Article]:
    """The article of an HTML page, with notes; IngestError when the page has no article text."""
    decoded = decode(data, path, declared=declared_charset(data))
    notes = [Problem(path, reason, line, skipped=False) for reason, line in decoded.notes]
    html, left_out = shorten_markup(decoded.text)
    if left_out:
        notes.append(note(path, f"{left_out} piece{'s' if left_out > 1 else ''} of markup (attribute values, tags, "
                                f"scripts, styles, comments) of more than {MAX_MARKUP_CHARS:,} characters left out; "
                                f"they hold no article text"))
    pieces = html.split("<")   # each a tag and the text after it
    longest = max([len(pieces[0])] + [len(piece.partition(">")[2]) for piece in pieces[1:]])
    if longest > MAX_MARKUP_CHARS:
        raise IngestError(path, f"a stretch of {longest:,} characters of text with no tag in it, more than the "
                                f"{MAX_MARKUP_CHARS:,} kg reads (the HTML parser would drop the text after it)")
    found = extract_main_text(html)
    if found is None:
        raise IngestError(path, "no article text found in the page")
    text, meta = found
    if meta.get("date"):
        valid, impossible = written_dates(html)
        if impossible and meta["date"] not in valid:
            notes.append(note(path, f"its date {impossible[0][:40]!r} is not a real calendar date; left out"))
            meta["date"] = None
    notes += text_notes(text, path)
    return notes, make_article(text, path, name=name, **meta)


def shorten_markup(html: str) -> tuple[str, int]:
    """(``html`` without attribute values, comments, scripts, styles and tags of more than MAX_MARKUP_CHARS
    characters, how many were left out), in one pass: each block is skipped to its end."""
    count = 0

    def empty(m: re.Match) -> str:
        nonlocal count
        count += 1
        return '=""'

    html = _LONG_VALUE.sub(empty, html)
    out, copied, skip = [], 0, 0
    for m in _BLOCK_START.finditer(html):
        if m.start() < skip:
            continue   # inside a block already passed
        end = _BLOCK_END[(m.group(1) or "!--").lower()].search(html, m.end())
        if end is None:
            break      # never closed: the rest of the page is inside it
        if end.end() - m.start() > MAX_MARKUP_CHARS:
            out.append(html[copied:m.start()])
            copied = end.end()
            count += 1
        skip = end.end()
    html = "".join(out) + html[copied:] if out else html
    pieces = html.split("<")
    if max(map(len, pieces)) > MAX_MARKUP_CHARS:   # a tag that long (a 10 MB attribute name) goes too
        kept = [pieces[0]]
        for piece in pieces[1:]:
            tag, gt, text = piece.partition(">")
            if gt and len(tag) > MAX_MARKUP_CHARS:
                kept.append(text)
                count += 1
            else:
                kept.append("<" + piece)
        html = "".join(kept)
    return html, count


def extract_main_text(html: str) -> tuple[str, dict[str, str | None]] | None:
    """(main text, metadata) of a page, or None when it has no text worth reading."""
    import trafilatura   # imported on first use: importing kg does nothing

    for logger in _LOGGERS:   # their warnings would print multi-line noise on standard error
        logging.getLogger(logger).setLevel(logging.CRITICAL)
    html = re.sub(r"^\s*<\?xml[^>]*\?>", "", html)   # lxml refuses a str with an encoding declaration
    for recall in (False, True):
        try:
            doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                              favor_recall=recall)
        except (ValueError, TypeError, AttributeError, RecursionError):
            doc = None   # an unparseable page: trafilatura reports it as an exception in a few odd cases
        paragraphs = [p.strip() for p in (getattr(doc, "text", None) or "").split("\n") if p.strip()]
        if sum(len(p.split()) for p in paragraphs) >= MIN_WORDS:
            meta = {"title": doc.title, "author": doc.author, "date": doc.date, "url": doc.url,
                    "publisher": doc.sitename}
            return "\n\n".join(paragraphs), meta
    return None
