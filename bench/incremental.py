"""What adding articles to an existing store costs, against building the same articles alone.

    .venv/bin/python bench/incremental.py [--corpus ../shared/corpus] [--stores 840,2520] [--adds 5,50]

For each store size N, a store of N articles is built once (polnear-train; past 840, copies made
distinct by a marker line, as bench/perf.py does). Then, for each k, k new articles (more such
copies, not in the store) are added to a copy of that store with `kg build NEW --out DIR`, and the
same k are built alone into an empty directory. It prints, measured in this one run, the wall time
and peak memory (the build's own report: `--timings`) of both and their ratios. Issue 26's
targets: adding 5 to 840 and to 2,520 at most 1.5 times the time of building those 5 alone, the
2,520 figure at most 1.2 times the 840 one, and peak memory at most 1.5 times.

Then, for the first store size and the first k, it checks that the incremental build gives the
facts a fresh build gives: `kg export --format files` writes the grown store's facts.json, a
fresh build of the same N + k articles (from the same cache, so nothing is parsed) writes its
own, and `kg eval` of one against the other prints F1 per fact kind (target >= 0.99).
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def articles(corpus: Path, start: int, n: int, into: Path) -> Path:
    """Articles start .. start+n-1 of the endless polnear-train sequence (copy 0, then marked copies)."""
    texts = sorted((corpus / "polnear-train").glob("*.txt"))
    into.mkdir(parents=True, exist_ok=True)
    for i in range(start, start + n):
        src, copy = texts[i % len(texts)], i // len(texts)
        text = src.read_text(encoding="utf-8")
        if copy:
            text = f"{text}\n\nReprint {copy}.\n"
        (into / f"{copy:02d}_{src.name}").write_text(text, encoding="utf-8")
    return into


def build(paths: list[Path], out: Path, workers: int = 1) -> tuple[float, int]:
    """(wall seconds, peak MB) of one kg build, as the build reports them."""
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "kg", "build", *map(str, paths), "--out", str(out), "--no-view",
                           "--timings", "-q", "--workers", str(workers)], capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if proc.returncode not in (0, 1):
        raise SystemExit(f"kg build failed:\n{proc.stderr[-2000:]}")
    peak = next((int(line.split()[-1]) for line in proc.stdout.splitlines() if line.startswith("memory peak-mb")), 0)
    return seconds, peak


def same_facts(grown: Path, paths: list[Path], fresh: Path) -> str:
    """kg eval of the grown store's facts against a fresh build of the same articles: F1 by fact kind."""
    subprocess.run([sys.executable, "-m", "kg", "export", str(grown), "--format", "files"], check=True,
                   capture_output=True)
    shutil.copytree(grown / "cache", fresh / "cache")
    subprocess.run([sys.executable, "-m", "kg", "build", *map(str, paths), "--out", str(fresh), "--fresh", "--no-view",
                    "-q"], check=True, capture_output=True)
    proc = subprocess.run([sys.executable, "-m", "kg", "eval", str(fresh / "facts.json"), str(grown / "facts.json"),
                           "--metrics"], capture_output=True, text=True, check=True)
    return "  ".join(f"{name.split('.')[0]} {float(value):.4f}" for name, value in
                     (line.split() for line in proc.stdout.splitlines())
                     if name in ("entities.people_f1", "memberships.f1", "quotes.e2e_f1", "events.f1"))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus"))
    ap.add_argument("--stores", default="840,2520")
    ap.add_argument("--adds", default="5,50")
    ap.add_argument("--workers", type=int, default=2, help="processes for building the stores (default 2)")
    args = ap.parse_args()
    corpus = Path(args.corpus)
    stores = [int(s) for s in args.stores.split(",")]
    adds = [int(a) for a in args.adds.split(",")]
    rows = []
    with tempfile.TemporaryDirectory(prefix="kg-incremental-") as tmp:
        tmp = Path(tmp)
        for n in stores:
            base = tmp / f"store-{n}"
            seconds, _ = build([articles(corpus, 0, n, tmp / f"in-{n}")], base, args.workers)
            print(f"built a store of {n} articles in {seconds:.0f} s", file=sys.stderr, flush=True)
            for k in adds:
                new = articles(corpus, max(stores) + 1000 * k, k, tmp / f"new-{n}-{k}")
                alone = build([new], tmp / f"alone-{n}-{k}")
                target = tmp / f"add-{n}-{k}"
                shutil.copytree(base, target, symlinks=True)
                added = build([new], target)
                rows.append((n, k, added, alone))
                print(f"store {n}, add {k}: added {added[0]:.1f} s {added[1]} MB, alone {alone[0]:.1f} s {alone[1]} MB",
                      file=sys.stderr, flush=True)
                if n == stores[0] and k == adds[0]:
                    print(f"store {n} + {k}, incremental against fresh, F1: "
                          f"{same_facts(target, [tmp / f'in-{n}', new], tmp / 'fresh')}", flush=True)
                shutil.rmtree(target)
    print(f"{'store':>6} {'add':>4} {'added s':>8} {'alone s':>8} {'time x':>7} {'added MB':>9} {'alone MB':>9} {'memory x':>9}")
    for n, k, (a_s, a_mb), (b_s, b_mb) in rows:
        print(f"{n:>6} {k:>4} {a_s:>8.1f} {b_s:>8.1f} {a_s / b_s:>7.2f} {a_mb:>9} {b_mb:>9} {a_mb / max(b_mb, 1):>9.2f}")
    fives = {n: a[0] for n, k, a, _ in rows if k == 5}
    if len(fives) == 2:
        small, large = sorted(fives)
        print(f"adding 5 to {large} against adding 5 to {small}: {fives[large] / fives[small]:.2f} x (target <= 1.2)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
