"""graph.html in real headless Chromium (Debian's, driven by Playwright), with the network blocked."""
from __future__ import annotations

from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium is not installed "
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


def open_offline(browser, path: Path):
    """Open a file with every non-file request blocked; returns (page, console errors, outside requests)."""
    page = browser.new_page()
    errors, outside = [], []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))

    def block(route):
        if route.request.url.startswith("file:"):
            return route.continue_()
        outside.append(route.request.url)
        return route.abort()
    page.route("**/*", block)
    page.goto(path.resolve().as_uri())
    page.wait_for_function("typeof network !== 'undefined' && network.body !== undefined", timeout=20000)
    return page, errors, outside


def test_view_draws_the_graph_offline(browser, seed_build, tmp_path):
    from kg.export.view import graph_from_store
    from kg.pipeline import open_store
    out, _ = seed_build
    page, errors, outside = open_offline(browser, out / "graph.html")
    nodes = page.evaluate("network.body.data.nodes.length")
    edges = page.evaluate("network.body.data.edges.length")
    expected = graph_from_store(open_store(out / "store"))
    assert nodes == expected.number_of_nodes() > 30
    assert edges == expected.number_of_edges() > 30
    assert errors == [] and outside == []
    page.screenshot(path=str(tmp_path / "view.png"))
    assert (tmp_path / "view.png").stat().st_size > 10_000
