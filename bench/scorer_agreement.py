"""Does `kg eval` give the numbers of the gold standard's own scorer?

The scorer (score.py) lives in the project's shared workspace, outside this repository, so this is a
script to run by hand rather than a test (`make test` must not depend on files it does not hold):

    .venv/bin/python bench/scorer_agreement.py ../shared/gold/score.py exports/facts.json
    .venv/bin/python bench/scorer_agreement.py ../shared/gold/score.py F --gold G [--variants 200]

It compares every metric of the two on the facts given, on the gold against itself, and on variants
of both with items dropped, duplicated or changed (to reach the scorers' corners), and prints how many
agreed; it exits with status 1 on any disagreement, naming the metric.
"""
from __future__ import annotations

import argparse
import copy
import importlib.util
import json
import random
import sys
from pathlib import Path

from kg.scoring import evaluate

ROOT = Path(__file__).resolve().parent.parent


def perturbed(facts: dict, rng: random.Random) -> dict:
    """The facts with some items dropped, duplicated or changed, to reach the scorer's corners."""
    f = copy.deepcopy(facts)
    ids = [e["id"] for e in f.get("entities", [])]
    for section in ("entities", "memberships", "quotes", "events"):
        f[section] = [x for x in f.get(section, []) if rng.random() > 0.2]
    for e in f["entities"]:
        name = e.get("name", "")
        if rng.random() < 0.3:
            e["name"] = rng.choice(["Mr " + name, "Labour leader " + name, "the " + name, name + " Party",
                                    name.replace(" Party", ""), name.split()[-1], name.upper()])
        if rng.random() < 0.3:
            e["aliases"] = []
    f["entities"] += [dict(e, id=e["id"] + "/again") for e in f["entities"] if rng.random() < 0.1]
    for m in f["memberships"]:
        if rng.random() < 0.15:
            m["current"] = not m.get("current", True)
        if rng.random() < 0.1:
            m["organization"] = rng.choice(ids + [None])
        if rng.random() < 0.1:
            m["role"] = rng.choice(["leader", "candidate", "member", "MP", "", "party leader", "co chair",
                                    "national campaign director", "shadow cabinet minister", "health minister"])
    for q in f["quotes"]:
        r = rng.random()
        if r < 0.1:
            q["speaker"] = rng.choice(ids)
        elif r < 0.2:
            q["start"], q["end"] = q["start"] + rng.randint(-40, 40), q["end"] + rng.randint(-40, 40)
        elif r < 0.25:
            q.pop("start"), q.pop("end")
    for ev in f["events"]:
        ev["outcomes"] = [o for o in ev.get("outcomes", []) if rng.random() > 0.2]
        for o in ev["outcomes"]:
            if isinstance(o.get("value"), int) and rng.random() < 0.3:
                o["value"] = f"{o['value']:,}" if rng.random() < 0.5 else o["value"] + 1
        if rng.random() < 0.1:
            ev["name"] = "general election"
    return f


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("scorer", type=Path, help="the gold standard's score.py")
    ap.add_argument("facts", type=Path, help="a facts.json to score")
    ap.add_argument("--gold", type=Path, default=ROOT / "tests" / "data" / "seeds.gold.json")
    ap.add_argument("--variants", type=int, default=40)
    args = ap.parse_args()
    spec = importlib.util.spec_from_file_location("shared_score", args.scorer)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    gold = json.loads(args.gold.read_text(encoding="utf-8"))
    facts = json.loads(args.facts.read_text(encoding="utf-8"))
    cases = [("the facts", facts), ("the gold itself", copy.deepcopy(gold))]
    for v in range(args.variants):
        rng = random.Random(v)
        cases.append((f"variant {v}", perturbed(gold if v % 3 == 0 else facts, rng)))
    bad = 0
    for name, f in cases:
        ours, theirs = evaluate(gold, f).flat(), module.flatten(module.score(gold, f))
        differ = sorted(k for k in set(ours) | set(theirs) if ours.get(k) != theirs.get(k))
        if differ:
            bad += 1
            print(f"{name}: {', '.join(f'{k} {ours.get(k)} vs {theirs.get(k)}' for k in differ[:5])}")
    print(f"{len(cases) - bad} of {len(cases)} agree")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
