"""Benchmark of the network view: time to write, and to become usable in Chromium.

    python bench/view.py [--sizes 500 5000 20000] [--keep DIR]

For each size, a synthetic news graph (bench/synthetic.py) goes into an
in-memory Oxigraph store; the view of exactly that many nodes is written
(SPARQL -> networkx, layout, HTML), then opened in Debian's headless Chromium
with the network blocked. It reports, measured in this one run:

- write: reading the graph, the layout, the whole page written;
- ready: from navigation to the first frame drawn with the controls working;
  settled: when the short physics run of small views ended ("off": none);
- a zoom frame and a click on the busiest node (details panel) after that;
- the 5,000-node view's time to interactive (ready + a zoom frame) as a ratio
  of the 5 s target: below 1 is within it.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from synthetic import Corpus

from kg.export.layout import layout
from kg.export.view import render
from kg.export.view_data import graph_from_store, most_connected

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--headless=new", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
TARGET_MS = 5000


def write(size: int, out: Path) -> dict:
    store = Corpus(int(size * 1.35)).store()
    t0 = time.perf_counter()
    g = most_connected(graph_from_store(store), size)
    t1 = time.perf_counter()
    ids = {n: i for i, n in enumerate(g)}
    layout(len(ids), [(ids[a], ids[b]) for a, b in g.edges()])
    t2 = time.perf_counter()
    html = render(g)
    out.write_text(html, encoding="utf-8")
    t3 = time.perf_counter()   # render() lays the graph out again: "page" is the rest of its work
    return {"nodes": g.number_of_nodes(), "edges": g.number_of_edges(), "read": t1 - t0, "layout": t2 - t1,
            "page": t3 - t2 - (t2 - t1), "write": (t1 - t0) + (t3 - t2), "mb": len(html.encode()) / 1e6}


def open_in_chromium(browser, path: Path) -> dict:
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    errors, outside = [], []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:")
               else (outside.append(r.request.url), r.abort()))
    page.goto(path.resolve().as_uri(), timeout=120_000)
    page.wait_for_function("window.kgView && kgView.ready", timeout=120_000, polling=50)
    ready = page.evaluate("kgView.readyAt")
    zoom = page.evaluate("""() => { const t = performance.now();
        network.moveTo({scale: network.getScale() * 2}); network.redraw(); return performance.now() - t; }""")
    click = page.evaluate("""() => { const t = performance.now(); const deg = {};
        kgView.data.edges.forEach(e => { deg[e.from] = (deg[e.from] || 0) + 1; });
        const i = Number(Object.keys(deg).sort((a, b) => deg[b] - deg[a])[0]);
        network.selectNodes([i]); network.body.emitter.emit('click', {nodes: [i], edges: []}); network.redraw();
        return performance.now() - t; }""")
    page.wait_for_timeout(200)
    settled = page.evaluate("kgView.settledAt")
    drawn = page.evaluate("network.body.nodeIndices.length")
    page.close()
    return {"ready": ready, "settled": settled, "zoom": zoom, "click": click, "drawn": drawn,
            "errors": errors, "outside": outside}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[500, 5000, 20000])
    ap.add_argument("--keep", type=Path, help="keep the pages in this directory")
    args = ap.parse_args()
    if not Path(CHROMIUM).exists():
        print(f"bench/view.py: {CHROMIUM} is missing (scripts/install-test-services.sh installs it)", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright
    folder = args.keep or Path(tempfile.mkdtemp(prefix="kg-bench-view-"))
    folder.mkdir(parents=True, exist_ok=True)
    print(f"{'nodes':>6} {'edges':>6} | {'read':>5} {'layout':>6} {'page':>5} {'write':>6} {'MB':>5} | "
          f"{'ready':>6} {'settled':>7} {'zoom':>6} {'click':>6}   (seconds; zoom and click in ms)")
    interactive = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for size in args.sizes:
            path = folder / f"view-{size}.html"
            w = write(size, path)
            c = open_in_chromium(browser, path)
            settled = f"{c['settled'] / 1000:7.2f}" if c["settled"] is not None else "    off"
            print(f"{w['nodes']:6d} {w['edges']:6d} | {w['read']:5.2f} {w['layout']:6.2f} {w['page']:5.2f} "
                  f"{w['write']:6.2f} {w['mb']:5.1f} | {c['ready'] / 1000:6.2f} {settled} {c['zoom']:6.0f} "
                  f"{c['click']:6.0f}" + (f"   errors: {c['errors'][:2]}" if c["errors"] else "")
                  + (f"   outside requests: {len(c['outside'])}" if c["outside"] else ""))
            if c["drawn"] != w["nodes"]:
                print(f"       drew {c['drawn']} nodes of {w['nodes']}")
            interactive[size] = (c["ready"] + c["zoom"]) / 1000
        browser.close()
    for size, seconds in interactive.items():
        print(f"{size:,}-node view interactive after {seconds:.2f} s: {seconds * 1000 / TARGET_MS:.2f} of the "
              f"{TARGET_MS / 1000:.0f} s target")
    print(f"pages in {folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
