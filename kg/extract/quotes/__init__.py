"""Quotations and who said them: direct quotes (kg.extract.quotes.direct) and reported speech
(kg.extract.quotes.indirect), on the cues and speakers of kg.extract.quotes.core."""
from __future__ import annotations

from spacy.tokens import Doc

from ...model import Quote
from ..names import DocNames
from .direct import DirectQuotes
from .indirect import IndirectQuotes


class Quotes(DirectQuotes, IndirectQuotes):
    """All the quote patterns of one article."""


def find_quotes(doc: Doc, names: DocNames, skip_before: int = 0) -> list[Quote]:
    finder = Quotes(doc, names, skip_before)
    direct = finder.direct()
    return direct + finder.indirect(direct)
