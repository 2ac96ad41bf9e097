"""Opening view pages in real headless Chromium (Debian's, driven by Playwright) with the network blocked."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
needs_chromium = pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium is not installed "
                                    "(make test installs it: scripts/install-test-services.sh)")
ARGS = ["--no-sandbox", "--headless=new", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@dataclass
class Opened:
    page: object
    errors: list = field(default_factory=list)     # console errors and uncaught exceptions
    outside: list = field(default_factory=list)    # every request for anything but the file itself
    dialogs: list = field(default_factory=list)    # alert(), confirm() ...


def open_offline(browser, path: Path) -> Opened:
    """Open a view with every non-file request blocked and recorded; returns once the view is usable."""
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    opened = Opened(page)
    page.on("console", lambda m: opened.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: opened.errors.append(str(e)))
    page.on("dialog", lambda d: (opened.dialogs.append(d.message), d.dismiss()))

    def block(route):
        if route.request.url == path.resolve().as_uri():
            return route.continue_()
        opened.outside.append(route.request.url)
        return route.abort()
    page.route("**/*", block)
    page.goto(path.resolve().as_uri())
    page.wait_for_function("window.kgView && window.kgView.ready", timeout=30000)
    return opened


def drawn(page) -> tuple[int, int]:
    """How many nodes and edges vis-network draws (hidden ones and those of hidden nodes left out)."""
    return tuple(page.evaluate("[network.body.nodeIndices.length, network.body.edgeIndices.length]"))


def click_node(page, index: int) -> str:
    """Click a node where it is drawn; returns the text of the details panel."""
    page.evaluate(f"network.focus({index}, {{scale: 1.5}})")
    box = page.evaluate(f"""(() => {{ const p = network.canvasToDOM(network.getPositions([{index}])[{index}]);
        const r = network.body.container.getBoundingClientRect(); return [r.left + p.x, r.top + p.y]; }})()""")
    page.mouse.click(*box)
    page.wait_for_selector("#kg-details", state="visible")
    return page.inner_text("#kg-details")


def page_data(path: Path) -> dict:
    """The facts a view page carries (its inert JSON block), read from the file."""
    html = path.read_text(encoding="utf-8")
    block = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', html, re.S)
    return json.loads(block.group(1))
