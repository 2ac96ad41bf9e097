"""HTML pages: the main text without navigation, ads and footers, and the page's metadata.

trafilatura finds the article's text and its title, author, date, URL and
site name (the publisher) in the page's own metadata (Open Graph, JSON-LD,
meta tags). The article text is the extracted paragraphs joined by blank
lines; offsets, and the words the graph quotes as evidence, index that text,
not the HTML source. The plain-text furniture rules still apply to it.
"""
from __future__ import annotations

import logging
import re

from ..model import Article
from .encodings import decode
from .problems import IngestError, Problem
from .text import make_article, text_notes

_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]{1,40})""", re.I)
MIN_WORDS = 5   # fewer is a menu or a lone link, not an article
_LOGGERS = ("trafilatura", "htmldate", "courlan", "justext", "charset_normalizer")


def declared_charset(data: bytes) -> str | None:
    """The encoding a page names in a <meta charset> or http-equiv tag near its start."""
    m = _CHARSET.search(data[:4096])
    return m.group(1).decode("ascii") if m else None


def html_article(data: bytes, path: str, name: str) -> tuple[list[Problem], Article]:
    """The article of an HTML page, with notes; IngestError when the page has no article text."""
    decoded = decode(data, path, declared=declared_charset(data))
    notes = [Problem(path, reason, line, skipped=False) for reason, line in decoded.notes]
    found = extract_main_text(decoded.text)
    if found is None:
        raise IngestError(path, "no article text found in the page")
    text, meta = found
    notes += text_notes(text, path)
    return notes, make_article(text, path, name=name, **meta)


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
