"""Events that happen to people, and the people an article calls a contest's candidates.

A resignation names who resigned; a murder its victim and, when "by X", its perpetrator; a
pandemic its deaths by place ("more than 128,000 deaths": a lower bound). People the article
calls candidates ("the Conservative candidate X") stood in the contest the sentence is about."""
from __future__ import annotations

from ...model import PLACE
from .core import CANDIDATE_ROLES, Finder, parse_number


def find(f: Finder) -> None:
    happened(f)
    deaths(f)
    candidates(f)
    listed(f)


def happened(f: Finder) -> None:
    for ev, who, t in f.events.person_events_found:
        kind = f.events.events[ev].type
        f.add(ev, "resigned" if kind == "Resignation" else "victim", who, None, t.sent, 0.75,
              f"outcome.{kind.lower()}")
        if kind == "Murder" and t.pos_ == "VERB":
            for agent in (c for c in t.children if c.dep_ == "agent"):
                for p in (c for c in agent.children if c.dep_ == "pobj"):
                    g = f.who(p)
                    if f.person(g) and g != who:
                        f.add(ev, "perpetrator", g, None, t.sent, 0.7, "outcome.murder")


def deaths(f: Finder) -> None:
    """"Britain recording more than 128,000 deaths in the pandemic": a lower bound, by place."""
    pandemic = f.events.by_key.get(("Pandemic",))
    if pandemic is None:
        return
    for t in f.toks:
        if t.lemma_ != "death":
            continue
        nums = [c for c in t.children if c.dep_ == "nummod"]
        if not nums and t.i and parse_number(f.toks[t.i - 1].text) is not None:
            nums = [f.toks[t.i - 1]]
        value = parse_number(nums[0].text) if nums else None
        place = f.name_before(nums[0].i if nums else t.i, t.sent, kinds=(PLACE,)) if value else None
        if value and place is not None:
            f.add(pandemic, "deaths", place, value, t.sent, 0.7, "outcome.deaths")


def candidates(f: Finder) -> None:
    """People the article calls candidates stood in the election their sentence is about."""
    for m in f.memberships:
        if m.role_key != "candidate" and m.role.lower().split()[-1] not in CANDIDATE_ROLES:
            continue
        if not m.current:
            continue
        span = f.doc.char_span(m.evidence.start, m.evidence.end, alignment_mode="expand")
        if span is None:
            continue
        ev = f.events.event_for(span.sent, span[0])
        if ev is not None and f.events.events[ev].type in ("ByElection", "Election"):
            other = m.organization if f.party(m.organization) else None
            f.add(ev, "candidate", m.person, None, span, 0.65, "outcome.candidate", other=other)


def listed(f: Finder) -> None:
    """"The by-election was contested by five candidates: A, B from the Greens, Independent C and D",
    "the candidates are A, B and C": everyone the list names stood."""
    lowers = f.names.lowers
    for k, word in enumerate(lowers[:-1]):
        if word not in ("candidates", "contenders", "hopefuls") or \
                lowers[k + 1] not in (":", "were", "are", "include", "included", "including"):
            continue
        sent = f.toks[k].sent
        ev = f.events.event_for(sent, f.toks[k])
        if ev is None or f.events.events[ev].type not in ("ByElection", "Election"):
            continue
        for g in f.entities_in(f.toks[k + 2:sent.end]):
            if f.person(g):
                f.add(ev, "candidate", g, None, sent, 0.65, "outcome.listed")
