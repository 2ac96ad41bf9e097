"""Cross-article consistency, once entities are resolved: adjust what one article
cannot know, and report what articles disagree on.

- A person an article reports dead (the victim of a murder) holds every role
  as a former one, whatever an older caption says ("Labour MP X").
- A role one article calls former ("former health secretary X") is former in
  every article that names the same person, role and organisation.
- Contradictions (two vote counts for one candidate, two majorities or two
  winners for one election) are reported, never silently resolved: both
  statements stay in the graph with their evidence.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, replace

from .model import ArticleFacts, Resolution


@dataclass(frozen=True)
class Contradiction:
    event: str                 # entity id
    predicate: str
    subject: str | None
    values: tuple[str, ...]    # "13296 (a.txt)", "13269 (b.txt)"

    def __str__(self) -> str:
        who = f" of {self.subject}" if self.subject else ""
        return f"{self.event}: {self.predicate}{who} stated as " + " and ".join(self.values)


def reconcile(articles: list[ArticleFacts], res: Resolution, dead: set | None = None,
              former: set | None = None) -> tuple[list[ArticleFacts], list[Contradiction]]:
    """The articles with their roles made former where another article says so; ``dead`` and
    ``former`` add what articles outside ``articles`` state (kg.index keeps them)."""
    dead, former = flags(articles, res, dead, former)
    out = [former_roles(a, res, dead, former) for a in articles]
    return out, contradictions(articles, res)


def flags(articles: list[ArticleFacts], res: Resolution, dead: set | None = None,
          former: set | None = None) -> tuple[set, set]:
    """Who the articles report dead, and the (person, role, organisation) they call former."""
    dead = set(dead or ()) | {res.id(a.meta.id, o.subject) for a in articles for o in a.outcomes if o.predicate == "victim"}
    former = set(former or ()) | {
        (res.id(a.meta.id, m.person), m.role_key, res.id(a.meta.id, m.organization))
        for a in articles for m in a.memberships if not m.current and m.organization is not None}
    return dead, former


def former_roles(a: ArticleFacts, res: Resolution, dead: set, former: set) -> ArticleFacts:
    changed = []
    for m in a.memberships:
        person, org = res.id(a.meta.id, m.person), res.id(a.meta.id, m.organization)
        why = "deceased" if person in dead else "former-elsewhere" if (person, m.role_key, org) in former else None
        changed.append(replace(m, current=False, rule=f"{m.rule}+{why}") if m.current and why else m)
    return replace(a, memberships=tuple(changed))


def figure_rows(articles: list[ArticleFacts], res: Resolution) -> list[tuple]:
    """(article id, file name, event, predicate, subject, value, qualifier) of each figure and winner stated."""
    rows = []
    for a in articles:
        for o in a.outcomes:
            event = res.id(a.meta.id, o.event)
            if o.predicate in FIGURES and o.value is not None:
                subject = res.id(a.meta.id, o.subject) if o.predicate in ("votes", "vote_share") else None
                rows.append((a.meta.id, a.meta.name, event, o.predicate, subject, o.value, o.approx))
            elif o.predicate == "winner":
                rows.append((a.meta.id, a.meta.name, event, "winner", res.id(a.meta.id, o.subject), None, None))
    return rows


def contradictions(articles: list[ArticleFacts], res: Resolution) -> list[Contradiction]:
    return contradictions_of([r[1:] for r in figure_rows(articles, res)], res.entities.get)


def contradictions_of(rows, entity) -> list[Contradiction]:
    """Figures and winners that articles state differently, from rows (file name, event, predicate,
    subject, value, qualifier); ``entity`` gives an entity by id. An approximate figure ("more than
    19,000") disagrees only with an exact one it cannot be ("18,500"); a national election has
    many winners, a seat's contest one."""
    seen: dict[tuple, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    approximate: dict[tuple, list[tuple[str, float, str]]] = defaultdict(list)
    for name, event, predicate, subject, value, approx in rows:
        if predicate != "winner":
            if approx:
                approximate[(event, predicate, subject)].append((approx, value, name))
            else:
                seen[(event, predicate, subject)][f"{value:g}"].append(name)
        else:
            e = entity(event) if event else None
            if e is not None and e.event_place:
                seen[(event, "winner", None)][subject or "?"].append(name)
    for key, stated in approximate.items():
        for qualifier, value, name in stated:
            if any(not _agrees(qualifier, value, float(v)) for v in seen.get(key, {})):
                seen[key][f"{qualifier} {value:g}"].append(name)
    out = []
    for (event, predicate, subject), values in sorted(seen.items(), key=lambda kv: tuple(map(str, kv[0]))):
        if len(values) > 1 and not (predicate == "winner" and _party_and_candidate(values, entity)):
            shown = tuple(f"{v} ({', '.join(sorted(set(files)))})" for v, files in sorted(values.items()))
            out.append(Contradiction(event, predicate, subject, shown))
    return out


FIGURES = ("votes", "majority", "turnout", "vote_share", "turnout_share")


def _agrees(qualifier: str, approx: float, exact: float) -> bool:
    """An exact figure an approximate one allows: "more than 19,000" allows 19,345, not 18,500."""
    if re.search(r"\b(?:more|over|above|at least|upwards|in excess)\b", qualifier):
        return exact >= approx
    if re.search(r"\b(?:under|less|fewer|below|up to)\b", qualifier):
        return exact <= approx
    return abs(exact - approx) <= 0.05 * max(abs(approx), 1)


def _party_and_candidate(values: dict[str, list[str]], entity) -> bool:
    """A winning party and a winning candidate are two ways to name one win, not a contradiction."""
    kinds = [e.kind for e in map(entity, values) if e is not None]
    return len(values) == 2 and sorted(kinds) == ["Person", "PoliticalParty"]
