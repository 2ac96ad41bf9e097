"""Measure a facts file against a hand-made gold standard.

Both files follow the schema of the gold README (entities, memberships,
quotes, events). The system's entity ids are its own, so each predicted
entity is first matched to a gold entity by its name and aliases (titles
and "party" ignored), then every fact kind is scored:

- people: named gold people found (unnamed ``anon_`` people count only
  as correct predictions), and extra nodes for one person (duplicates);
- memberships: (person, organisation) pairs, with role and current/former
  accuracy over the matched pairs; roles held for a place (an MP's seat)
  are counted apart as ``seats_r``;
- quotes: by character span, fair to granularity: a prediction is valid
  when at least half of its characters lie in gold quotes, and a gold
  quote is found when valid predictions cover at least half of it;
  ``e2e_*`` asks for the right speaker as well. Predictions lying mostly
  in the gold's ``ignore_spans`` (attributions it does not score) and not
  in a gold quote are left out of the count;
- events: (event, predicate, subject, value) outcome tuples, events matched
  by the words of their names.

The metric names are those of the seed gold's own scorer, and the numbers
agree with it (tests/test_evaluate.py checks this when it is available).
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

# Words that do not tell people or organisations apart when names are compared.
HONORIFICS = frozenset("mr mrs ms miss mx dr sir dame lord lady baroness prof professor rt hon "
                       "the a an mp cllr councillor rev".split())
PARTY_FILLER = frozenset({"party", "the"})
FUNCTION_WORDS = frozenset("the of a an and for to in on at s".split())

Metrics = dict[str, float | int]


class IdMap(dict):
    """Predicted entity id -> gold entity id, remembering for organisations, places and events every
    gold entity their name matched equally well: two gold organisations may share a name ("NDP"
    federal and provincial, "Labour" in two countries), and the prediction counts as whichever of
    them makes a fact right. People get no such benefit: a surname shared by two people stays ambiguous."""

    def __init__(self) -> None:
        super().__init__()
        self.ties: dict[str, list[str]] = {}

    def within(self, pred_id, wanted) -> str | None:
        """The gold id for ``pred_id``, preferring among equally good matches one for which ``wanted`` holds."""
        return next((g for g in self.ties.get(pred_id, ()) if wanted(g)), self.get(pred_id))
Scored = tuple[Metrics, list[str]]     # the metrics of one kind, and the gold facts it missed


# -- text and names -----------------------------------------------------------------

def fold(text: str | None) -> str:
    """Lower case, accents and possessive 's dropped, runs of other characters made one space."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", text or "") if not unicodedata.combining(c))
    plain = re.sub(r"'s\b", "", plain.replace("\u2018", "'").replace("\u2019", "'").lower())
    return re.sub(r"[^a-z0-9]+", " ", plain).strip()


def name_keys(name: str | None) -> set[str]:
    """The forms under which a name may match: as written, without titles, without 'party'."""
    words = fold(name).split()
    untitled = [w for w in words if w not in HONORIFICS]
    core = [w for w in untitled if w not in PARTY_FILLER]
    return {" ".join(ws) for ws in (words, untitled, core) if ws}


def _is_person(entity: dict) -> bool:
    return "person" in str(entity.get("type", "")).lower()


def _words(text: str | None, drop: frozenset = FUNCTION_WORDS) -> set[str]:
    return set(fold(text).split()) - drop


# -- entity matching -------------------------------------------------------------------

def match_entities(gold_entities: list[dict], pred_entities: list[dict]) -> IdMap:
    """Predicted entity id -> gold entity id, for the predicted entities that name a gold one.

    Each of a prediction's name forms votes once for every gold entity it names;
    the most votes win, a gold entity of the same kind (person or not) first, then
    the smallest id. With no vote, the longest multi-word gold name inside the
    prediction's name decides, and for a person, finally, a surname shared by
    exactly one gold person.
    """
    by_key: dict[str, set[str]] = defaultdict(set)
    by_surname: dict[str, set[str]] = defaultdict(set)
    person = {e["id"]: _is_person(e) for e in gold_entities}
    for e in gold_entities:
        for form in (e["name"], *e.get("aliases", [])):
            for key in name_keys(form):
                by_key[key].add(e["id"])
        untitled = [w for w in fold(e["name"]).split() if w not in HONORIFICS]
        if person[e["id"]] and untitled:
            by_surname[untitled[-1]].add(e["id"])
    phrases = [k for k in by_key if " " in k]

    matched = IdMap()
    for e in pred_entities:
        votes: Counter = Counter()
        for form in (e.get("name", ""), *e.get("aliases", [])):
            named = set()
            for key in name_keys(form):
                named |= by_key.get(key, set())
            votes.update(named)
        if not votes:
            padded = f" {fold(e.get('name', ''))} "
            inside = [k for k in phrases if f" {k} " in padded]
            if inside:
                votes.update(by_key[max(inside, key=len)])
        if not votes and _is_person(e):
            untitled = [w for w in fold(e.get("name", "")).split() if w not in HONORIFICS]
            owners = by_surname.get(untitled[-1], set()) if untitled else set()
            if len(owners) == 1:
                votes.update(owners)
        if votes:
            top = max(votes.values())
            leaders = sorted(g for g, n in votes.items() if n == top)
            alike = [g for g in leaders if person[g] == _is_person(e)]
            matched[e["id"]] = (alike or leaders)[0]
            if not _is_person(e):
                matched.ties[e["id"]] = alike or leaders
    return matched


# -- counting helpers ------------------------------------------------------------------

def prf(right_predictions: int, predictions: int, found: int, gold: int) -> tuple[float, float, float]:
    """Precision, recall, F1. No predictions is perfect precision only when there was nothing to find."""
    precision = right_predictions / predictions if predictions else float(gold == 0)
    recall = found / gold if gold else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def _span(item: dict) -> range | None:
    start, end = item.get("start"), item.get("end")
    if start is None or end is None or int(end) <= int(start):
        return None
    return range(int(start), int(end))


def _basename(path) -> str:
    return Path(str(path or "")).name


# -- the four kinds --------------------------------------------------------------------

def score_people(gold: dict, facts: dict, ids: IdMap) -> Scored:
    gold_people = {e["id"] for e in gold["entities"] if _is_person(e)}
    named = {g for g in gold_people if not g.startswith("anon_")}
    predicted = [ids.get(e["id"]) for e in facts.get("entities", []) if _is_person(e)]
    hits = [g for g in predicted if g in gold_people]
    distinct = set(hits)
    p, r, f = prf(len(distinct), len(predicted), len(distinct & named), len(named))
    missed = sorted(e["name"] for e in gold["entities"] if e["id"] in named - distinct)
    return {"people_p": p, "people_r": r, "people_f1": f, "people_duplicates": len(hits) - len(distinct),
            "people_gold": len(named), "people_pred": len(predicted)}, missed


def roles_agree(a: str, b: str) -> bool:
    """Same role: one's words contain the other's, or they share at least half of their words."""
    wa, wb = _words(a), _words(b)
    return bool(wa and wb) and (wa <= wb or wb <= wa or len(wa & wb) >= 0.5 * len(wa | wb))


def score_memberships(gold: dict, facts: dict, ids: IdMap) -> Scored:
    places = {e["id"] for e in gold["entities"] if str(e.get("type", "")).lower() == "place"}
    gold_pairs: dict[tuple, list[dict]] = defaultdict(list)
    gold_seats = set()
    for m in gold["memberships"]:
        org = m.get("organization")
        if org in places:
            gold_seats.add((m["person"], org))
        elif org:
            gold_pairs[(m["person"], org)].append(m)

    pred_pairs: dict[tuple, list[dict]] = defaultdict(list)
    pred_seats, strangers = set(), 0
    for m in facts.get("memberships", []):
        if m.get("organization") is None:
            continue
        person = ids.get(m.get("person"))
        pair = (person, ids.within(m.get("organization"),
                                   lambda o: (person, o) in gold_pairs or (person, o) in gold_seats))
        if pair[1] in places:
            pred_seats.add(pair)
        elif None in pair:
            strangers += 1      # names no gold person or organisation: a wrong prediction
        else:
            pred_pairs[pair].append(m)

    both = gold_pairs.keys() & pred_pairs.keys()
    predictions = len(pred_pairs) + strangers
    p, r, f = prf(len(both), predictions, len(both), len(gold_pairs))
    role_right = sum(any(roles_agree(g["role"], q.get("role", "")) for g in gold_pairs[k] for q in pred_pairs[k])
                     for k in both)
    tense_right = sum(bool({bool(g.get("current", True)) for g in gold_pairs[k]}
                           & {bool(q.get("current", True)) for q in pred_pairs[k]}) for k in both)
    name = {e["id"]: e["name"] for e in gold["entities"]}
    missed = sorted(f"{name.get(g['person'], g['person'])}, {g['role']}, {name.get(g['organization'], g['organization'])}"
                    for k in gold_pairs.keys() - both for g in gold_pairs[k][:1])
    return {"p": p, "r": r, "f1": f, "role_acc": role_right / (len(both) or 1),
            "current_acc": tense_right / (len(both) or 1), "gold": len(gold_pairs), "pred": predictions,
            "seats_r": len(gold_seats & pred_seats) / len(gold_seats) if gold_seats else 1.0}, missed


def _share_of_words(a: str, b: str) -> float:
    """The share of a's words that b also has."""
    wa, wb = set(fold(a).split()), set(fold(b).split())
    return len(wa & wb) / len(wa) if wa and wb else 0.0


def _scored_predictions(gold: dict, quotes: list[dict]) -> list[dict]:
    """The predicted quotes left once those lying in the gold's ignore_spans (and not in its quotes) are dropped."""
    ignored: dict[str, set[int]] = defaultdict(set)
    for s in gold.get("ignore_spans", []):
        ignored[_basename(s["file"])].update(range(s["start"], s["end"]))
    if not ignored:
        return quotes
    quoted: dict[str, set[int]] = defaultdict(set)
    for g in gold["quotes"]:
        quoted[_basename(g["file"])].update(range(g["start"], g["end"]))
    kept = []
    for q in quotes:
        name, span = _basename(q.get("file")), _span(q)
        if span and len(ignored[name].intersection(span)) >= len(span) / 2 \
                and len(quoted[name].intersection(span)) < len(span) / 2:
            continue
        kept.append(q)
    return kept


def score_quotes(gold: dict, facts: dict, ids: IdMap) -> Scored:
    golds = gold["quotes"]
    preds = _scored_predictions(gold, facts.get("quotes", []))
    in_file: dict[str, list[int]] = defaultdict(list)
    quoted: dict[str, set[int]] = defaultdict(set)
    for i, g in enumerate(golds):
        in_file[_basename(g["file"])].append(i)
        quoted[_basename(g["file"])].update(range(g["start"], g["end"]))
    covered = [set() for _ in golds]          # offsets within gold quote i covered by valid predictions
    covered_right = [set() for _ in golds]    # ... by valid predictions with the gold speaker
    valid = valid_right = 0
    for q in preds:
        name, span = _basename(q.get("file")), _span(q)
        candidates = in_file.get(name, [])
        speaker = ids.within(q.get("speaker"), lambda s: any(golds[i]["speaker"] == s for i in candidates))
        if span:
            overlap = [(max(0, min(span.stop, golds[i]["end"]) - max(span.start, golds[i]["start"])), i)
                       for i in candidates]
            if len(quoted[name].intersection(span)) < len(span) / 2:
                continue
        else:   # no offsets: compare words
            if max((_share_of_words(q.get("text", ""), golds[i]["text"]) for i in candidates), default=0.0) < 0.5:
                continue
            overlap = [(_share_of_words(golds[i]["text"], q.get("text", "")), i) for i in candidates]
        valid += 1
        best = max(overlap, key=lambda t: t[0], default=None)
        if best is not None and speaker == golds[best[1]]["speaker"]:
            valid_right += 1
        for amount, i in overlap:
            if amount <= 0:
                continue
            g = golds[i]
            if span:
                part = {c - g["start"] for c in range(max(span.start, g["start"]), min(span.stop, g["end"]))}
            else:
                part = set(range(int(amount * (g["end"] - g["start"]))))
            covered[i] |= part
            if speaker == g["speaker"]:
                covered_right[i] |= part

    def enough(cover: list[set[int]]) -> set[int]:
        return {i for i, g in enumerate(golds) if len(cover[i]) >= 0.5 * (g["end"] - g["start"])}

    found, right = enough(covered), enough(covered_right)
    p, r, f = prf(valid, len(preds), len(found), len(golds))
    ep, er, ef = prf(valid_right, len(preds), len(right), len(golds))
    metrics: Metrics = {"p": p, "r": r, "f1": f, "speaker_acc": len(right) / (len(found) or 1),
                        "e2e_p": ep, "e2e_r": er, "e2e_f1": ef, "gold": len(golds), "pred": len(preds)}
    for kind in ("direct", "indirect"):
        of_kind = [i for i, g in enumerate(golds) if g.get("kind") == kind]
        metrics[f"{kind}_e2e_r"] = len(right.intersection(of_kind)) / (len(of_kind) or 1)
    missed = [f"{_basename(g['file'])}:{g['start']}-{g['end']} {g['speaker']}: {g.get('text', '')[:70]}"
              for i, g in enumerate(golds) if i not in right]
    return metrics, missed


def outcome_value(value, ids: dict[str, str] | None = None):
    """Numbers (also "13,296") as whole numbers; entity ids through the id map; other text folded."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return int(round(value))
    text = str(value)
    if re.fullmatch(r"-?\d+(\.\d+)?", text.replace(",", "")):
        return int(round(float(text.replace(",", ""))))
    if ids is None:       # the gold's own values are already its ids
        return text or fold(text)
    return ids.get(text) or fold(text)


def _event_likeness(a: dict, b: dict) -> float:
    wa, wb = _words(a.get("name")), _words(b.get("name"))
    return len(wa & wb) / len(wa | wb) if wa and wb else 0.0


# The outcome predicates of the gold schema. A predicted outcome whose predicate is neither here nor
# used by the gold file (turnout, when the gold leaves it out) is left out of the count, as the
# gold's own scorer does.
SCHEMA_PREDICATES = frozenset({"winner", "candidate", "votes", "majority", "held_by", "gained_by", "lost_deposit",
                               "triggered_by", "victim", "perpetrator", "resigned", "deaths"})


def score_events(gold: dict, facts: dict, ids: IdMap) -> Scored:
    gold_tuples = {(ev["id"], o["predicate"], o["subject"], outcome_value(o.get("value")))
                   for ev in gold["events"] for o in ev.get("outcomes", [])}
    scored = SCHEMA_PREDICATES | {t[1] for t in gold_tuples}
    pred_tuples, outcomes = set(), 0
    for ev in facts.get("events", []):
        best = max(gold["events"], key=lambda g: _event_likeness(g, ev), default=None)
        event = best["id"] if best is not None and _event_likeness(best, ev) >= 0.5 else None
        for o in ev.get("outcomes", []):
            predicate = o.get("predicate")
            if predicate not in scored:
                continue
            outcomes += 1
            value = outcome_value(o.get("value"), ids)
            subject = ids.within(o.get("subject"), lambda s: (event, predicate, s, value) in gold_tuples)
            pred_tuples.add((event, predicate, subject, value))
    hits = len(gold_tuples & pred_tuples)
    p, r, f = prf(hits, max(outcomes, len(pred_tuples)), hits, len(gold_tuples))
    missed = sorted(" ".join(str(x) for x in t if x is not None) for t in gold_tuples - pred_tuples)
    return {"p": p, "r": r, "f1": f, "gold": len(gold_tuples), "pred": outcomes}, missed


# -- the whole evaluation --------------------------------------------------------------

@dataclass
class Report:
    """Metrics by fact kind (entities, memberships, quotes, events) and the gold facts each kind missed."""
    kinds: dict[str, Metrics] = field(default_factory=dict)
    misses: dict[str, list[str]] = field(default_factory=dict)

    def flat(self) -> dict[str, float | int]:
        """'kind.metric' -> value, the names the gold's scorer prints (e.g. quotes.e2e_f1)."""
        return {f"{kind}.{name}": v for kind, metrics in self.kinds.items() for name, v in metrics.items()}


def evaluate(gold: dict, facts: dict) -> Report:
    ids = match_entities(gold["entities"], facts.get("entities", []))
    report = Report()
    for kind, score in (("entities", score_people), ("memberships", score_memberships),
                        ("quotes", score_quotes), ("events", score_events)):
        report.kinds[kind], report.misses[kind] = score(gold, facts, ids)
    return report
