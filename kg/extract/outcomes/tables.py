"""Outcomes of results tables (kg.extract.results): each line's votes, share and rank, the
candidate and the party it stood for, the table's winner, and its summary lines (majority,
turnout, hold, gain, swing). A table's contest is the one its heading names ("Exampleshire CC,
Example ward": that council's by-election in that ward; "Example West": the seat's contest), else
the article's main election. An unfinished count (a first count, first preferences) has no
winner yet."""
from __future__ import annotations

import re
from bisect import bisect_left

from ...model import PARTY, PLACE
from ..names import Mention
from ..results import Row, Table
from .core import Finder

PLACE_HEADING = re.compile(r"[A-Z][\w'’.-]*(?:[ \t]+(?:[A-Z][\w'’.-]*|and|&|upon|on|of)){0,4}")
COUNCIL_HEADING = re.compile(r"^\s*(?P<council>[A-Z][\w'’.&-]*(?: [A-Z][\w'’.&-]*){0,3}?)\s+"
                             r"(?P<body>[A-Z]{2,3}|(?:County|Borough|District|Town|City|Parish|Metropolitan Borough)"
                             r"\s+Council)\s*[,:–-]\s*(?P<ward>[A-Z][^\n,]{1,60}?)\s*$")


def find(f: Finder) -> None:
    for table in f.names.tables:
        ev = contest_of(f, table)
        if ev is None:
            continue
        f.events.sections.append((table.start, ev))
        f.in_table.update(range(bisect_left(f.names.starts, table.start), bisect_left(f.names.starts, table.end)))
        rows = sorted(table.rows, key=lambda r: -r.votes)
        for rank, row in enumerate(rows, 1):
            _row(f, ev, row, rank)
        top = rows[0]
        winner = _subject(f, top)
        if winner is not None and not table.count and (len(rows) < 2 or rows[1].votes < top.votes):
            f.add(ev, "winner", winner, None, (top.start, top.end), 0.8, "outcome.table")
        for sm in table.summaries:
            party = _at(f, sm.party_span)
            span = (sm.start, sm.end)
            if sm.kind == "majority" and sm.value is not None:   # "Lab maj 4,925": the winner's
                f.add(ev, "majority", None, sm.value, span, 0.8, "outcome.table")
                if sm.share is not None:
                    f.add(ev, "majority_share", None, sm.share, span, 0.8, "outcome.table")
            elif sm.kind == "turnout":
                place = f.events.events[ev].place
                if sm.value is not None:
                    f.add(ev, "turnout", place, sm.value, span, 0.8, "outcome.table")
                if sm.share is not None:
                    f.add(ev, "turnout_share", place, sm.share, span, 0.8, "outcome.table")
            elif sm.kind in ("hold", "gain") and f.party(party):
                other = _at(f, sm.other_span)
                if sm.kind == "hold":
                    f.add(ev, "held_by", party, None, span, 0.8, "outcome.table")
                else:
                    f.add(ev, "gained_by", party, None, span, 0.8, "outcome.table",
                          other=other if f.party(other) else None)
            elif sm.kind == "swing" and f.party(party):
                other = _at(f, sm.other_span)
                f.add(ev, "swing", _at(f, sm.other_span), sm.share, span, 0.75, "outcome.table",
                      other=party if f.party(other) else None)


def _row(f: Finder, ev: int, row: Row, rank: int) -> None:
    subject = _subject(f, row)
    if subject is None:
        return
    span = (row.start, row.end)
    party = _at(f, row.party_span)
    f.add(ev, "votes", subject, row.votes, span, 0.85, "outcome.table", rank=rank)
    if row.share is not None:
        f.add(ev, "vote_share", subject, row.share, span, 0.85, "outcome.table", rank=rank)
    if row.name is not None:
        f.add(ev, "candidate", subject, None, span, 0.85, "outcome.table",
              other=party if f.party(party) else None)


def _subject(f: Finder, row: Row) -> int | None:
    """A row's person, or its party when the row names no one (council results)."""
    if row.name_span is not None:
        g = _at(f, row.name_span)
        return g if f.person(g) else None
    g = _at(f, row.party_span)
    return g if f.party(g) else None


def _at(f: Finder, span: tuple[int, int] | None) -> int | None:
    """The entity named at the start of a character span."""
    if span is None:
        return None
    i = bisect_left(f.names.starts, span[0])
    return f.names.entity_at(i) if i < len(f.toks) else None


def contest_of(f: Finder, table: Table) -> int | None:
    """The contest a table reports: the one its heading names, else the article's main election."""
    for s, e in reversed(table.headings):
        line = f.text[s:e]
        m = COUNCIL_HEADING.match(line)
        if m:
            return _council_contest(f, m, s)
        tokens = range(bisect_left(f.names.starts, s), bisect_left(f.names.starts, e))
        places = [g for g in f.entities_in((f.toks[i] for i in tokens), kinds=(PLACE,))]
        if len(places) == 1:
            stage = next((" ".join(f.text[a:b].strip(" :").lower().split()) for a, b in table.headings
                          if table.count and any(w in f.text[a:b].lower() for w in f.names.lex.results["count"])), "")
            return f.events.seat_contest(places[0], s, e, stage=stage)
        if tokens and any(i in f.events.tok_event for i in tokens):
            return next(f.events.tok_event[i] for i in tokens if i in f.events.tok_event)
    main = f.events.main_election()
    if main is None and table.headings:   # "Example West" above a count: the seat it is the count of
        s, e = table.headings[0]
        line = f.text[s:e].strip()
        if PLACE_HEADING.fullmatch(line) and not f.names.lex.org(line) and \
                not any(w in line.lower() for w in f.names.lex.results["count"]):
            i, j = bisect_left(f.names.starts, s), bisect_left(f.names.starts, e)
            place = f.names.add_entity(line, PLACE, Mention(i, j, line, {PLACE: 3.0}) if i < j else None)
            stage = next((" ".join(f.text[a:b].strip(" :").lower().split()) for a, b in table.headings
                          if table.count and any(w in f.text[a:b].lower() for w in f.names.lex.results["count"])), "")
            return f.events.seat_contest(place, s, e, stage=stage)
    return main


def _council_contest(f: Finder, m: re.Match, s: int) -> int:
    body = m.group("body")
    council = f"{m.group('council')} {f.names.lex.councils.get(body, body)}"
    ward = m.group("ward").strip()
    start = s + m.start("ward")
    tokens = f.names.tokens
    i, j = bisect_left(f.names.starts, start), bisect_left(f.names.starts, start + len(ward))
    g = f.names.entity_at(i) if i < len(tokens) else None
    if g is None or f.names.names[g] != ward:
        g = f.names.add_entity(ward, PLACE, Mention(i, j, ward, {PLACE: 5.0}) if i < j else None)
    f.names.retype(g, PLACE)
    ev = f.events.add("ByElection", f"{council} by-election, {ward} ward", ("ByElection", g, council),
                      s, s + m.end(), place=g, kind="council")
    for alias in (council, f"{m.group('council')} {body}"):   # "Swindon Borough Council", "Swindon BC"
        f.events.aliases.setdefault(alias.lower(), ev)
    return ev


__all__ = ["find", "contest_of", "PARTY"]
