"""Pathological inputs that double in size: parse and extraction time should about double too.

    .venv/bin/python bench/pathological.py [--sizes 1,2,4]

Each input family is built at a base size times each factor; the script prints, for each size, the
parse and extraction seconds and their ratio to the smallest size (ideal: the size factor). Inputs:
quoted sentences run together ("\\"We will win,\\" said Doe." repeated), one run of quotation marks,
short runs of marks between words, and a text of nothing but quotations and names.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kg.extract import extract_article  # noqa: E402
from kg.ingest import make_article  # noqa: E402
from kg.nlp import load, parse_text  # noqa: E402

FAMILIES = {
    "quotes run together": lambda n: '"We will win," said Doe.' * (250 * n),
    "one run of quote marks": lambda n: "He said " + '"' * (20_000 * n) + " and left.",
    "short runs of marks": lambda n: ('"' * 40 + " x ") * (500 * n),
    "quotes and names only": lambda n: " ".join(f'"Point {i}," Jane Doe said. "Yes," Tom Roe said.'
                                               for i in range(300 * n)),
}


def timed(nlp, text: str) -> tuple[float, float]:
    article = make_article(text, "bench.txt", date="2024-03-01")
    started = time.perf_counter()
    doc = nlp(parse_text(article.clean))
    parsed = time.perf_counter()
    extract_article(doc, article)
    return parsed - started, time.perf_counter() - parsed


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="1,2,4", help="size factors (default 1,2,4)")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    nlp = load()
    nlp.max_length = 10**8
    print(f"{'input':26} {'size':>5} {'chars':>9} {'parse s':>8} {'ratio':>6} {'extract s':>9} {'ratio':>6}")
    for name, make in FAMILIES.items():
        base = None
        for n in sizes:
            text = make(n)
            parse, extract = timed(nlp, text)
            base = base or (parse, extract)
            print(f"{name:26} {n:>5} {len(text):>9,} {parse:>8.2f} {parse / max(base[0], 1e-3):>6.1f} "
                  f"{extract:>9.2f} {extract / max(base[1], 1e-3):>6.1f}")


if __name__ == "__main__":
    main()
