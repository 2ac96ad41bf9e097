#!/usr/bin/env python3
"""What a quote's confidence means: precision by extraction rule, and precision and recall at each
threshold of `kg build --min-confidence`, measured against gold standards.

usage: python bench/quote_confidence.py GOLD FACTS [GOLD FACTS ...]

Each pair is a gold standard and the facts.json of a build of its articles (the dev sets: the
elections set and PolNeAR). Quotes are scored end to end, as `kg eval` scores them (the words found
and the speaker right). The rules' precisions are what kg's confidences are set from.
"""
from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path

from kg.scoring import evaluate


def load(path: str) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def only(facts: dict, keep) -> dict:
    return dict(facts, quotes=[q for q in facts.get("quotes", []) if keep(q)])


def main(argv: list[str]) -> int:
    if len(argv) < 2 or len(argv) % 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    pairs = [(load(g), load(f), Path(g).name) for g, f in zip(argv[::2], argv[1::2])]
    by_rule: dict[str, list[float]] = defaultdict(lambda: [0, 0.0, 0.0])   # count, right predictions, confidence
    for gold, facts, _ in pairs:
        for rule in {q.get("rule", "") for q in facts.get("quotes", [])}:
            sub = only(facts, lambda q, r=rule: q.get("rule", "") == r)
            m = evaluate(gold, sub).flat()
            n = len(sub["quotes"])
            by_rule[rule][0] += n
            by_rule[rule][1] += m["quotes.e2e_p"] * n
            by_rule[rule][2] += sum(q["confidence"] for q in sub["quotes"])
    print(f"{'rule':34} {'quotes':>7} {'precision':>9} {'mean confidence':>16}")
    for rule, (n, right, conf) in sorted(by_rule.items(), key=lambda kv: -kv[1][0]):
        print(f"{rule or '(none)':34} {n:7d} {right / n:9.3f} {conf / n:16.2f}")
    levels = sorted({q["confidence"] for _, f, _ in pairs for q in f.get("quotes", [])})
    print()
    print(f"{'--min-confidence':>16} " + " ".join(f"{name[:24]:>26}" for _, _, name in pairs))
    print(f"{'':>16} " + " ".join(f"{'p     r     F1':>26}" for _ in pairs))
    for level in [0.0] + levels:
        cells = []
        for gold, facts, _ in pairs:
            m = evaluate(gold, only(facts, lambda q: q["confidence"] >= level)).flat()
            cells.append(f"{m['quotes.e2e_p']:.3f} {m['quotes.e2e_r']:.3f} {m['quotes.e2e_f1']:.3f}")
        print(f"{level:16.2f} " + " ".join(f"{c:>26}" for c in cells))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
