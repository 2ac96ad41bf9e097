"""Each contest read as a whole, as a reader of a results report would.

- Every candidate has one `candidate` outcome whose value is the party they stood for in this
  article (from a results line, "Labour's X", "X, the Green candidate" ...), none when they stood
  as independents or the article does not say.
- The winner is the winning candidate; a party is the winner only when the article names no
  winning candidate ("Labour won", and no one of Labour's stood: the party). A seat has one
  winner: where the article names several, the one with the most votes, else the most stated.
- The seat's holder going into the contest: the sitting member's party holds it too; a candidate
  "defending" the seat or retaining it for the party tells the holding party. When the winner's
  party is not the holder, the winner's party gained the seat from it.
- A sitting member who resigned triggered the contest.
- A majority stated twice, once approximately ("more than 8,300") and once exactly (8,326), is one
  majority; a majority stated without its owner is the winner's.
"""
from __future__ import annotations

from collections import Counter, defaultdict

from ...model import Outcome
from .core import CANDIDATE_ROLES, Finder

PARTY_ROLES = CANDIDATE_ROLES | {"mp", "member", "td", "mla", "mpp", "msp", "ms", "senator", "representative",
                                 "councillor", "leader", "affiliated", "congressman", "congresswoman", "founder",
                                 "co-founder"}
SINGLE_SEAT = ("ByElection",)


def complete(f: Finder) -> None:
    for ev, event in enumerate(f.events.events):
        if event.type not in ("ByElection", "Election"):
            continue
        parties = _parties(f, ev)
        party_winners = {o.subject for o in f.of(ev, "winner") if f.party(o.subject)}
        for o in f.of(ev, "winner"):   # "Labour have won ...", "X's victory": X is Labour's
            if f.person(o.subject) and parties.get(o.subject) is None and len(party_winners) == 1:
                parties[o.subject] = next(iter(party_winners))
        _candidates(f, ev, parties)
        _winner(f, ev, parties)
        _seat(f, ev, parties)
        _majority(f, ev)
    for o in [o for o in f.out if o.predicate.startswith("_")]:
        f.drop(o)


def party_of(f: Finder, person: int, ev: int | None = None) -> int | None:
    """The party ``person`` stood for or belongs to, as this article says."""
    if ev is not None:
        for o in f.of(ev, "candidate"):
            if o.subject == person and o.other is not None:
                return o.other
    ranked = sorted((m for m in f.memberships if m.person == person and f.party(m.organization)
                     and (m.role.lower().split() or [""])[-1] in PARTY_ROLES),
                    key=lambda m: (m.role_key != "candidate", not m.current, -m.confidence))
    return ranked[0].organization if ranked else _beside(f, person)


def _beside(f: Finder, person: int) -> int | None:
    """A party written right before or after one of the person's names: "Democrat X", "Liberal X",
    "X (Lab)", "X for the Greens", "X from Reform UK", "X of the Example Party"."""
    for m in f.names.groups[person]:
        k = m.start - 1
        if k >= 0 and f.toks[k].text in ("'s", "’s"):   # "ACT's X"
            k -= 1
        elif k >= 2 and f.toks[k].text == "," and f.names.lex.role([f.toks[k - 1].lower_]):
            k -= 2   # "The Conservative candidate, X"
        g = f.names.entity_at(k) if k >= 0 else None
        if f.party(g):
            return g
    for m in f.names.groups[person]:
        k = m.end
        if k < len(f.toks) and f.toks[k].text in ("(", "["):
            k += 1
        if k < len(f.toks) and f.toks[k].lower_ in ("for", "from", "of"):
            k += 1
        if k < len(f.toks) and f.toks[k].lower_ == "the":
            k += 1
        g = f.names.entity_at(k) if k < len(f.toks) and k > m.end else None
        if f.party(g):
            return g
    return None


def _parties(f: Finder, ev: int) -> dict[int, int | None]:
    people = {o.subject for o in f.of(ev, "candidate", "votes", "winner", "lost_deposit", "held_by", "_defender",
                                      "_retained", "triggered_by", "majority") if f.person(o.subject)}
    return {p: party_of(f, p, ev) for p in people}


def _candidates(f: Finder, ev: int, parties: dict[int, int | None]) -> None:
    stood = {o.subject for o in f.of(ev, "candidate", "votes", "lost_deposit", "_defender", "_retained")
             if f.person(o.subject)}
    event = f.events.events[ev]
    if ev not in f.events.past and event.place is not None or event.type == "ByElection":
        # (an earlier contest's winner, or a national election's, is named for the record, not as a candidate)
        stood |= {o.subject for o in f.of(ev, "winner") if f.person(o.subject)}
    by_person = defaultdict(list)
    for o in f.of(ev, "candidate"):
        by_person[o.subject].append(o)
    for p in stood:
        have = by_person.get(p, [])
        party = parties.get(p)
        if any(o.other == party for o in have):
            keep = next(o for o in have if o.other == party)
        elif have:
            keep = have[0]
            f.drop(keep)
            f.add(ev, "candidate", p, None, (keep.evidence.start, keep.evidence.end), keep.confidence, keep.rule,
                  other=party)
            keep = f.of(ev, "candidate")[-1]
        else:
            source = next(o for o in f.of(ev, "votes", "winner", "lost_deposit", "_defender", "_retained")
                          if o.subject == p)
            f.add(ev, "candidate", p, None, (source.evidence.start, source.evidence.end), 0.7, "outcome.contest",
                  other=party)
            keep = f.of(ev, "candidate")[-1]
        for o in have:
            if o is not keep and o in f.out:
                f.drop(o)


def _winner(f: Finder, ev: int, parties: dict[int, int | None]) -> None:
    winners = f.of(ev, "winner")
    people = [o for o in winners if f.person(o.subject)]
    if people:
        for o in winners:
            if f.party(o.subject):
                f.drop(o)
    else:
        for o in winners:
            theirs = [p for p, party in parties.items() if party == o.subject and
                      any(c.subject == p for c in f.of(ev, "candidate"))]
            if len(theirs) == 1:   # "Labour won": Labour's candidate won
                f.drop(o)
                f.add(ev, "winner", theirs[0], None, (o.evidence.start, o.evidence.end), o.confidence, o.rule)
        return
    if f.events.events[ev].type in SINGLE_SEAT and len({o.subject for o in people}) > 1:
        votes = {o.subject: o.value for o in f.of(ev, "votes")}
        stated = Counter(o.subject for o in people)
        best = max(stated, key=lambda p: (votes.get(p) or 0, stated[p], -min(o.evidence.start for o in people
                                                                              if o.subject == p)))
        for o in people:
            if o.subject != best:
                f.drop(o)


def _seat(f: Finder, ev: int, parties: dict[int, int | None]) -> None:
    event = f.events.events[ev]
    if event.place is None and event.kind not in ("special", "by-election"):
        return
    for o in f.of(ev, "triggered_by"):   # who left the seat held it
        if f.person(o.subject):
            f.add(ev, "held_by", o.subject, None, (o.evidence.start, o.evidence.end), 0.65, "outcome.contest")
    held = f.of(ev, "held_by")
    holders = {o.subject for o in held if f.person(o.subject)}
    for o in list(held):
        party = parties.get(o.subject) if f.person(o.subject) else None
        if party is not None:
            f.add(ev, "held_by", party, None, (o.evidence.start, o.evidence.end), 0.65, "outcome.contest")
    for o in f.of(ev, "_defender"):
        if parties.get(o.subject) is not None:
            f.add(ev, "held_by", parties[o.subject], None, (o.evidence.start, o.evidence.end), 0.65, "outcome.contest")
    winner = next((o for o in f.of(ev, "winner")), None)
    won_by = None
    if winner is not None:
        won_by = winner.subject if f.party(winner.subject) else parties.get(winner.subject)
    for o in f.of(ev, "_retained"):   # (its subject may be None: "for holding the ward")
        if won_by is not None:
            f.add(ev, "held_by", won_by, None, (o.evidence.start, o.evidence.end), 0.7, "outcome.contest")
    held_parties = [o.subject for o in f.of(ev, "held_by") if f.party(o.subject)]
    previous = Counter(held_parties)
    gains = f.of(ev, "gained_by")
    if won_by is not None and previous and won_by not in previous:
        before = previous.most_common(1)[0][0]
        f.add(ev, "gained_by", won_by, None, (winner.evidence.start, winner.evidence.end), 0.65, "outcome.contest",
              other=before)
    elif won_by is not None and not previous and f.of(ev, "_overturned") and \
            all(o.subject != winner.subject for o in f.of(ev, "held_by")):   # "overturned a 24,000 majority"
        f.add(ev, "gained_by", won_by, None, (winner.evidence.start, winner.evidence.end), 0.6, "outcome.contest")
    for o in gains:
        if o.other is None and len(previous) == 1 and o.subject not in previous:
            f.drop(o)
            f.add(ev, "gained_by", o.subject, None, (o.evidence.start, o.evidence.end), o.confidence, o.rule,
                  other=next(iter(previous)))
    for o in f.of(ev, "gained_by"):
        if o.subject in previous and o.other is None:
            f.drop(o)   # a party cannot gain a seat it held
    by_other = defaultdict(list)
    for o in f.of(ev, "gained_by"):
        by_other[o.subject].append(o)
    for subject, found in by_other.items():
        if len(found) > 1 and any(o.other is not None for o in found):
            for o in found:
                if o.other is None:
                    f.drop(o)
    resigned = {who for _, who, t in f.events.person_events_found if f.events.events[_].type == "Resignation"}
    for p in holders & resigned:
        o = next(o for o in f.of(ev, "held_by") if o.subject == p)
        f.add(ev, "triggered_by", p, None, (o.evidence.start, o.evidence.end), 0.6, "outcome.contest")


def _majority(f: Finder, ev: int) -> None:
    found = f.of(ev, "majority")
    if not found:
        return
    exact = [o for o in found if o.approx is None]
    for o in found:
        if o.approx is not None and any(_close(o, x) for x in exact):
            f.drop(o)
    winner = next((o.subject for o in f.of(ev, "winner") if f.person(o.subject)), None)
    for o in f.of(ev, "majority", "majority_share"):
        if o.subject is None and winner is not None:
            f.drop(o)
            f.add(ev, o.predicate, winner, o.value, (o.evidence.start, o.evidence.end), o.confidence, o.rule,
                  approx=o.approx)


def _close(approx: Outcome, exact: Outcome) -> bool:
    """An approximate figure that the exact one agrees with ("more than 8,300" and 8,326)."""
    a, b = approx.value, exact.value
    return isinstance(a, (int, float)) and isinstance(b, (int, float)) and b and abs(a - b) / b < 0.05
