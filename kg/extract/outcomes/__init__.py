"""Outcomes of events, from the clauses and tables that state them.

Each family of phrasings has its module: results tables (tables), who won and lost (wins),
figures in prose (figures), the seat's holder, gain and cause (seats), and events that happen to
people (people). The contest module then reads each contest as a whole: candidates' parties, one
winner, the seat's holder and gain, one majority. Unnamed but specific people ("the far-right
candidate") become entities.
"""
from __future__ import annotations

from spacy.tokens import Doc

from ...model import Membership, Outcome
from ..events import EventFinder
from ..names import DocNames
from . import contest, figures, people, seats, tables, wins
from .core import Finder
from .members import contest_memberships

__all__ = ["find_outcomes"]


def find_outcomes(doc: Doc, names: DocNames, events: EventFinder, memberships: list[Membership],
                  base: int) -> tuple[list[Outcome], list[Membership]]:
    """The article's outcomes, and the roles they state that ``memberships`` does not hold yet
    (a candidate of the party they stood for, the member for a seat)."""
    f = Finder(doc, names, events, memberships, base)
    known = len(names.groups)
    tables.find(f)
    wins.find(f)
    figures.find(f)
    seats.find(f)
    people.find(f)
    contest.complete(f)
    roles = contest_memberships(f)
    used = {g for o in f.out for g in (o.subject, o.other)}
    for g in range(known, len(names.groups)):   # unnamed people a clause named but no outcome kept
        if names.is_anonymous(g) and g not in used:
            names.discard(g)
    return f.out, roles
