"""Speakers named by a role: "the new MP said", "the Tory candidate added", "the minister told
reporters". Once the article's roles and results are known, such a speaker is the one person the
article gives that role (of that party, when the words name one); "the new MP" and "the winner" are
the winner of the article's contest. With no such person, or several, the quote is left out."""
from __future__ import annotations

from dataclasses import replace

from ...model import Membership, Outcome, Quote
from ..names import DocNames
from .core import RoleRef

WINNER_ROLES = {"MP", "legislator", "head of government", "leader"}


def settle(pending: list[tuple[Quote, RoleRef]], names: DocNames, memberships: list[Membership],
           outcomes: list[Outcome]) -> list[Quote]:
    out = []
    for quote, ref in pending:
        person = holder(ref, names, memberships, outcomes)
        if person is not None:
            out.append(replace(quote, speaker=person, confidence=round(quote.confidence * 0.85, 2),
                               rule=quote.rule + "+role"))
    return out


def holder(ref: RoleRef, names: DocNames, memberships: list[Membership], outcomes: list[Outcome]) -> int | None:
    """The one named person who holds the role, or None."""
    def named(g) -> bool:
        return g is not None and names.personlike(g) and not names.is_anonymous(g)

    if ref.new or ref.role in WINNER_ROLES:
        winners = {o.subject for o in outcomes if o.predicate == "winner" and named(o.subject)}
        if ref.new and len(winners) == 1:
            return winners.pop()
    people = {m.person for m in memberships if m.role_key == ref.role and named(m.person)
              and (ref.party is None or m.organization == ref.party)}
    current = {m.person for m in memberships if m.person in people and m.current}
    people = current or people
    return people.pop() if len(people) == 1 else None
