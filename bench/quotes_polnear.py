#!/usr/bin/env python3
"""Quote extraction on PolNeAR (840 US news articles, 10,108 quotes with named speakers).

Builds the corpus with kg (no HTML view), scores facts.json with the shared
gold scorer, and prints quote precision, recall and F1 (end to end: quote
found and speaker right) beside the best open extractors measured on
PolNeAR's test split. The corpus is read where it lies (../shared/corpus by
default); it is never copied into the project.

usage: python bench/quotes_polnear.py [--corpus DIR] [--limit N] [--out DIR]
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
PEERS = {"best open peer on PolNeAR's test split": 0.54}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=SHARED / "corpus")
    ap.add_argument("--limit", type=int, help="use only the first N articles (sorted by name)")
    ap.add_argument("--out", type=Path, help="keep the build here (default: a temporary directory)")
    args = ap.parse_args()
    gold_path = args.corpus / "polnear-train.gold.json"
    texts = sorted((args.corpus / "polnear-train").glob("*.txt"))
    if not texts or not gold_path.is_file():
        print(f"no PolNeAR corpus at {args.corpus}", file=sys.stderr)
        return 2
    texts = texts[:args.limit] if args.limit else texts
    scorer = gold_path.parent.parent / "gold" / "score.py"
    with tempfile.TemporaryDirectory() as tmp:
        out = args.out or Path(tmp) / "build"
        src = Path(tmp) / "articles"
        src.mkdir()
        for t in texts:   # links, not copies: the build reads the shared files
            (src / t.name).symlink_to(t.resolve())
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        names = {t.name for t in texts}
        gold = {**gold, "quotes": [q for q in gold["quotes"] if q["file"] in names],
                "ignore_spans": [s for s in gold.get("ignore_spans", []) if s["file"] in names],
                "articles": [a for a in gold["articles"] if a["file"] in names]}
        gold_file = Path(tmp) / "gold.json"
        gold_file.write_text(json.dumps(gold), encoding="utf-8")
        started = time.perf_counter()
        build = subprocess.run([sys.executable, "-m", "kg", "build", str(src), "--out", str(out), "--no-view", "-q"],
                               capture_output=True, text=True)
        seconds = time.perf_counter() - started
        if build.returncode not in (0, 1):
            print(build.stderr, file=sys.stderr)
            return build.returncode
        proc = subprocess.run([sys.executable, str(scorer), str(gold_file), str(out / "facts.json"), "--json"],
                              capture_output=True, text=True, check=True)
    q = json.loads(proc.stdout)["quotes"]
    print(f"PolNeAR train: {len(texts)} articles, {q['gold']} gold quotes, built in {seconds:.0f} s")
    for k in ("p", "r", "f1", "speaker_acc", "e2e_p", "e2e_r", "e2e_f1", "direct_e2e_r", "indirect_e2e_r"):
        print(f"  quotes.{k:15} {q[k]:.3f}")
    for name, value in PEERS.items():
        verdict = "beats" if q["e2e_f1"] > value else "does not beat"
        print(f"  e2e F1 {q['e2e_f1']:.3f} {verdict} the {name} ({value:.2f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
