"""Quotations and who said them: direct quotes (kg.extract.quotes.direct), reported speech
(kg.extract.quotes.indirect), stances (kg.extract.quotes.stances) and the quotes of headlines and
transcript labels (kg.extract.quotes.lines), on the cues and speakers of kg.extract.quotes.core; speakers named by a role are settled in kg.extract.quotes.speakers."""
from __future__ import annotations

from spacy.tokens import Doc

from ...model import Quote
from ..names import DocNames
from .core import RoleRef
from .direct import DirectQuotes
from .indirect import IndirectQuotes
from .lines import LineQuotes
from .stances import StanceQuotes


class Quotes(DirectQuotes, IndirectQuotes, StanceQuotes, LineQuotes):
    """All the quote patterns of one article."""


def find_quotes(doc: Doc, names: DocNames, skip_before: int = 0) -> tuple[list[Quote], list[tuple[Quote, RoleRef]]]:
    """The article's quotes, and those whose speaker is named by a role (for speakers.settle)."""
    finder = Quotes(doc, names, skip_before)
    found = finder.direct()
    found += _outermost(finder.indirect(found))
    found += finder.lines()
    return found + finder.stances(found), finder.pending


def _outermost(quotes: list[Quote]) -> list[Quote]:
    """Reported speech inside reported speech is the outer speaker's: in "Doe said Roe told them that
    the deal was off", Roe's words reach the reader only through Doe, whose report it is."""
    spans = [(q.span.start, q.span.end) for q in quotes if q.kind != "direct" and q.cue_span is not None]
    return [q for q in quotes if q.cue_span is None or
            not any(s <= q.cue_span.start and q.span.end <= e and (s, e) != (q.span.start, q.span.end) for s, e in spans)]
