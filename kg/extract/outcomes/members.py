"""The roles a contest's outcomes state.

A candidate stood for their party ("candidate" of it; of the organisation whose ballot it was, in an
organisation's election); the winner of a seat's contest is its member (MP, TD, Representative,
councillor, mayor, by the contest's kind and country) and the member going into it held the seat
(a former member when they left it: resigned, retired, vacated), with their party where the
article gives it. Earlier contests mentioned in passing give the member of their day, as former.
"""
from __future__ import annotations

from ...model import Membership, Outcome
from .contest import party_of
from .core import Finder

# The member a seat's contest elects, by the contest's kind; otherwise by the country's word.
SEAT_ROLES = {"special": "Representative", "council": "councillor", "mayoral": "mayor", "gubernatorial": "governor"}
COUNTRY_ROLES = {"Ireland": "TD", "United States": "Representative"}


def contest_memberships(f: Finder) -> list[Membership]:
    out: list[Membership] = []
    known = {(m.person, m.organization, m.role.lower()) for m in f.memberships}

    def add(person: int, org: int | None, role: str, current: bool, o: Outcome, conf: float) -> None:
        if org is None or person == org or (person, org, role.lower()) in known:
            return
        known.add((person, org, role.lower()))
        entry = f.names.lex.role_text(role)
        out.append(Membership(person, org, role, entry.key if entry else "member", current, o.evidence,
                              min(conf, o.confidence), "membership.contest"))

    for ev, event in enumerate(f.events.events):
        if event.type not in ("ByElection", "Election"):
            continue
        past = ev in f.events.past
        owner = event.key[3] if event.kind == "leadership" and len(event.key) > 3 else None
        for o in f.of(ev, "candidate"):
            if f.person(o.subject):
                add(o.subject, o.other if f.party(o.other) else owner, "candidate", not past, o, 0.7)
        role = _seat_role(f, event)
        if role is None or event.place is None:
            continue
        left = {o.subject for o in f.of(ev, "triggered_by")} | \
            {who for _, who, _ in f.events.person_events_found}
        for o in f.of(ev, "winner"):
            if f.person(o.subject):
                add(o.subject, event.place, role, not past, o, 0.65)
        for o in f.of(ev, "held_by"):
            if f.person(o.subject):
                current = o.subject not in left and not past
                add(o.subject, event.place, role, current, o, 0.6)
                add(o.subject, party_of(f, o.subject), role, current, o, 0.6)
    return out


def _seat_role(f: Finder, event) -> str | None:
    """What the winner of a seat's contest becomes: an MP, a TD, a Representative, a councillor ..."""
    if event.kind in SEAT_ROLES:
        return SEAT_ROLES[event.kind]
    if event.kind in ("by-election", "general", "seat", "federal", "provincial", "state"):
        return COUNTRY_ROLES.get(f.names.country, "MP")
    return None
