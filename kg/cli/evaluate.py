"""kg eval: precision, recall and F1 of a facts file against a gold standard."""
from __future__ import annotations

import json
import sys

from ..evalfiles import EvalInputError, load
from ..scoring import evaluate

ROWS = (   # (label, kind, prefix of its precision/recall/F1 metrics, further metrics shown on the line)
    ("people", "entities", "people_", (("duplicates", "people_duplicates"),)),
    ("memberships", "memberships", "", (("role", "role_acc"), ("current", "current_acc"), ("seats recall", "seats_r"))),
    ("quotes (span)", "quotes", "", ()),
    ("quotes + speaker", "quotes", "e2e_", (("speaker", "speaker_acc"), ("direct recall", "direct_e2e_r"),
                                             ("indirect recall", "indirect_e2e_r"))),
    ("event outcomes", "events", "", ()),
)


def register(sub) -> None:
    p = sub.add_parser("eval", help="score a facts file against a gold standard",
                       description="Score FACTS (e.g. exports/facts.json) against GOLD, a hand-made gold standard "
                                   "in the same schema, and print precision, recall and F1 per fact kind. "
                                   "Entities are matched to the gold's by name and aliases.")
    p.add_argument("gold", metavar="GOLD", help="the gold standard (JSON)")
    p.add_argument("facts", metavar="FACTS", help="the facts to score (JSON), e.g. exports/facts.json")
    p.add_argument("--metrics", action="store_true",
                   help="print every metric on its own line as KIND.NAME VALUE (e.g. quotes.e2e_f1)")
    p.add_argument("--json", action="store_true", help="print the metrics and the missed gold facts as JSON")
    p.add_argument("--misses", action="store_true", help="also list the gold facts that were not found")
    p.add_argument("--require", action="append", default=[], metavar="METRIC=MIN",
                   help="exit with status 1 when METRIC (as --metrics names it) is below MIN; repeatable")
    p.set_defaults(run=run, known_errors=(EvalInputError,))


def _requirements(specs: list[str]) -> list[tuple[str, float]]:
    out = []
    for spec in specs:
        metric, _, minimum = spec.partition("=")
        try:
            out.append((metric.strip(), float(minimum)))
        except ValueError:
            raise EvalInputError(f"--require {spec}: expected METRIC=MIN, e.g. quotes.e2e_f1=0.8") from None
    return out


def run(args) -> int:
    required = _requirements(args.require)
    report = evaluate(load(args.gold, "gold"), load(args.facts, "facts"))
    flat = report.flat()
    unknown = [m for m, _ in required if m not in flat]
    if unknown:
        raise EvalInputError(f"--require {unknown[0]}: no such metric (kg eval --metrics lists them)")
    if args.json:
        print(json.dumps({"metrics": flat, "misses": report.misses}, indent=2, ensure_ascii=False))
    elif args.metrics:
        for name, value in flat.items():
            print(f"{name:32} {value:.3f}" if isinstance(value, float) else f"{name:32} {value}")
    else:
        print(table(report.kinds))
    if args.misses and not args.json:
        for kind, missed in report.misses.items():
            if missed:
                print(f"\nmissed {kind} ({len(missed)}):")
                print("\n".join(f"  {m}" for m in missed))
    failed = [f"{m} = {flat[m]:.3f} < {low}" for m, low in required if flat[m] < low]
    for line in failed:
        print(f"kg eval: below requirement: {line}", file=sys.stderr)
    return 1 if failed else 0


def table(kinds: dict[str, dict]) -> str:
    lines = [f"{'':18}{'precision':>10}{'recall':>8}{'F1':>7}{'gold':>7}{'pred':>7}"]
    for label, kind, prefix, extra in ROWS:
        m = kinds[kind]
        gold, pred = (m["people_gold"], m["people_pred"]) if kind == "entities" else (m["gold"], m["pred"])
        notes = "  ".join(f"{name} {m[key]:.3f}" if isinstance(m[key], float) else f"{name} {m[key]}"
                          for name, key in extra)
        lines.append(f"{label:18}{m[prefix + 'p']:>10.3f}{m[prefix + 'r']:>8.3f}{m[prefix + 'f1']:>7.3f}"
                     f"{gold:>7}{pred:>7}   {notes}".rstrip())
    return "\n".join(lines)
