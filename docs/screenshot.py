"""Make docs/graph-view.png: a view page in headless Chromium, its busiest person's details open.

    python docs/screenshot.py exports/graph.html docs/graph-view.png
"""
from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ARGS = ["--no-sandbox", "--headless=new", "--disable-gpu", "--no-first-run", "--disable-background-networking"]


def main(page_path: str, png: str) -> None:
    url = Path(page_path).resolve().as_uri()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 860}, device_scale_factor=1)
        page.route("**/*", lambda r: r.continue_() if r.request.url == url else r.abort())
        page.goto(url)
        page.wait_for_function("window.kgView && kgView.ready")
        page.evaluate("""() => {
            const E = kgView.data.edges, N = kgView.data.nodes, facts = N.map(() => 0);
            E.forEach(e => { facts[e.from]++; facts[e.to]++; });
            const people = N.map((n, i) => i).filter(i => N[i].kind === "Person");
            const busiest = people.sort((a, b) => facts[b] - facts[a])[0];
            network.selectNodes([busiest]);
            network.body.emitter.emit("click", {nodes: [busiest], edges: []});
            const at = network.getPositions([busiest])[busiest];   // left of centre: the panel covers the right
            network.moveTo({position: {x: at.x + 180 / 0.85, y: at.y}, scale: 0.85});
        }""")
        page.wait_for_timeout(300)
        page.screenshot(path=png)
        browser.close()


if __name__ == "__main__":
    main(*sys.argv[1:3])
