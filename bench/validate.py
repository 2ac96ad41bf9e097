"""kg validate at growing graph sizes: a build's graph.nq copied k times under renamed IRIs.

    .venv/bin/python bench/validate.py BUILD_DIR [--copies 1,2,3]

Prints, for each size, the triples, the seconds of kg.validate.validate (loading included) and the
ratio of seconds per triple to the smallest size (linear time: about 1). Target: a graph of 1.16 M
triples (three copies of the polnear-train build) in under 2 minutes.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kg import iri  # noqa: E402
from kg.validate import validate  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("build", help="a build directory with graph.nq (e.g. of polnear-train)")
    ap.add_argument("--copies", default="1,2,3")
    args = ap.parse_args()
    nq = (Path(args.build) / "graph.nq").read_text(encoding="utf-8")
    rate0 = None
    print(f"{'copies':>6} {'triples':>10} {'seconds':>8} {'s per M triples':>16} {'ratio':>6} {'violations':>10}")
    with tempfile.TemporaryDirectory() as tmp:
        for k in (int(c) for c in args.copies.split(",")):
            path = Path(tmp) / f"x{k}.nq"
            with path.open("w", encoding="utf-8") as f:
                for i in range(k):
                    f.write(nq if i == 0 else nq.replace(iri.DEFAULT_BASE, iri.DEFAULT_BASE.rstrip("/") + f"{i}/"))
            triples = sum(1 for _ in path.open(encoding="utf-8"))
            started = time.perf_counter()
            found = validate(path)
            seconds = time.perf_counter() - started
            rate = seconds / triples * 1e6
            rate0 = rate0 or rate
            print(f"{k:>6} {triples:>10,} {seconds:>8.1f} {rate:>16.1f} {rate / rate0:>6.2f} {len(found):>10}")


if __name__ == "__main__":
    main()
