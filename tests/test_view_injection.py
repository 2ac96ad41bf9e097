"""Markup in an article stays text in the view: a hostile article, built with the real CLI, runs nothing."""
from __future__ import annotations

import pytest

from conftest import run_kg
from viewpage import browser, click_node, drawn, needs_chromium, open_offline, page_data  # noqa: F401

pytestmark = needs_chromium

# Every line tries to run script in the page, set window.__kgPwned or load something from outside.
HOSTILE = """The Invented Gazette
1 March 2024

<script>window.__kgPwned = 1</script> Council row <img src=x onerror="window.__kgPwned = 2">

Jane Roe, the leader of the Green Party, said: "We will not accept <script>window.__kgPwned = 3</script> or \
<img src=http://evil.invalid/x.png onerror=window.__kgPwned=4> in our town."

"It is </script><script>window.__kgPwned = 5</script> a scandal, <a href='javascript:window.__kgPwned=6'>click</a> \
<svg onload=window.__kgPwned=7>," said Jane Roe.

Tom Doe, a councillor for the Green Party, said the plan was "<b onmouseover=window.__kgPwned=8>bold</b>" and wrong.
"""


@pytest.fixture(scope="module")
def hostile_view(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    (root / "in").mkdir()
    (root / "in" / "gazette.txt").write_text(HOSTILE, encoding="utf-8")
    proc = run_kg("build", str(root / "in"), "--out", str(root / "out"))
    assert proc.returncode == 0, proc.stderr
    return root / "out" / "graph.html"


def test_the_markup_reaches_the_page_as_data(hostile_view):
    """Otherwise the next test would prove nothing."""
    data = page_data(hostile_view)
    texts = [n["name"] for n in data["nodes"]] + [a["title"] or "" for a in data["articles"]]
    assert any("<script>" in t for t in texts) and any("onerror=" in t for t in texts)
    assert any("</script>" in n["name"] for n in data["nodes"] if n["kind"] == "Quote")
    html = hostile_view.read_text(encoding="utf-8")
    assert "window.__kgPwned" in html and "<script>window.__kgPwned" not in html and "<img" not in html


def test_hostile_text_runs_nothing_and_loads_nothing(browser, hostile_view):
    opened = open_offline(browser, hostile_view)
    page = opened.page
    assert drawn(page)[0] >= 4
    data = page_data(hostile_view)
    for i, node in enumerate(data["nodes"]):    # hover and open every node: tooltips and details panels
        panel = click_node(page, i)
        if node["kind"] == "Quote":
            assert node["name"] in panel   # the markup is shown, as text
        page.mouse.move(10, 890)
    for j in range(len(data["edges"])):
        page.evaluate(f"network.body.emitter.emit('click', {{nodes: [], edges: [{j}]}})")
    page.fill("#kg-search", "<script>")
    page.hover("#kg-details")
    assert page.evaluate("window.__kgPwned") is None
    assert page.evaluate("document.querySelectorAll('#kg-details img, #kg-details script, #kg-details svg, "
                         "#kg-details a, #kg-tooltip *:not(b), .kg-matches script').length") == 0
    assert opened.outside == [] and opened.dialogs == [] and opened.errors == []
