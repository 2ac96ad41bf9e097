"""Quotations and who said them: direct quotes (kg.extract.quotes.direct), reported speech
(kg.extract.quotes.indirect), stances (kg.extract.quotes.stances) and the quotes of headlines and
transcript labels (kg.extract.quotes.lines), on the cues and speakers of kg.extract.quotes.core; speakers named by a role are settled in kg.extract.quotes.speakers."""
from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Doc

from ...model import Quote, Span
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
    reported = [_before_dash(q) for q in _outermost(finder.indirect(found))]
    found = _outer_speaker(found, reported) + reported
    found += finder.lines()
    return found + finder.stances(found), finder.pending


def _outermost(quotes: list[Quote]) -> list[Quote]:
    """Reported speech inside reported speech is the outer speaker's: in "Doe said Roe told them that
    the deal was off", Roe's words reach the reader only through Doe, whose report it is."""
    spans = [(q.span.start, q.span.end) for q in quotes if q.kind != "direct" and q.cue_span is not None]
    return [q for q in quotes if q.cue_span is None or
            not any(s <= q.cue_span.start < e and q.span.end <= e and (s, e) != (q.span.start, q.span.end)
                    for s, e in spans)]   # (its cue inside the other's words: not "Doe said X, the Gazette reported")


def _outer_speaker(direct: list[Quote], reported: list[Quote]) -> list[Quote]:
    """A quoted fragment whose own cue stands inside someone's reported clause is that speaker's: in
    "Doe said that Roe represents “harbour values,” stating it twice", the fragment and its cue reach the
    reader through Doe."""
    outer = [q for q in reported if q.cue_span is not None and q.speaker >= 0]
    out = []
    for d in direct:
        c = d.cue_span
        host = next((q for q in outer if c is not None and q.span.start <= c.start and c.end <= q.span.end and
                     q.span.start <= d.span.start and d.span.end <= q.span.end + 2 and q.speaker != d.speaker), None)
        out.append(d if host is None else replace(d, speaker=host.speaker, cue=host.cue, cue_span=host.cue_span,
                                                     rule=d.rule + "+outer"))
    return out


LONE_DASH = re.compile(r"\s+(?:—|–|-|--)\s+")


def _before_dash(q: Quote) -> Quote:
    """A reported clause ends at a lone dash: what follows is the reporter's aside ("said he was encouraged
    by the plan — a modest boost for the mayor"). A pair of dashes sets off words inside the clause."""
    dashes = list(LONE_DASH.finditer(q.span.text))
    if q.rule != "quotes.indirect" or len(dashes) != 1 or dashes[0].start() < 5 or len(q.span.text) - dashes[0].start() <= 10:
        return q
    text = q.span.text[:dashes[0].start()]
    return replace(q, span=Span(q.span.start, q.span.start + len(text), text))
