"""The details panel lists every quotation of a speaker, drawn or not, a page at a time."""
from __future__ import annotations

import pytest

from conftest import run_kg
from viewpage import browser, click_node, needs_chromium, open_offline, page_data  # noqa: F401

pytestmark = needs_chromium
SAYINGS = 45


@pytest.fixture(scope="module")
def talkative(tmp_path_factory):
    """A build of one article in which one person is quoted SAYINGS times."""
    root = tmp_path_factory.mktemp("talkative")
    lines = ["Council debates the harbour plan\n", "Nora Quill, the council leader, spoke for an hour on Monday."]
    lines += [f'"Point number {n} is one we will keep," Quill said.' for n in range(1, SAYINGS + 1)]
    (root / "article.txt").write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    proc = run_kg("build", str(root / "article.txt"), "--out", str(root / "out"), "-q")
    assert proc.returncode == 0, proc.stderr
    return root / "out" / "graph.html"


def test_all_quotations_are_listed_and_paged(browser, talkative):
    data = page_data(talkative)
    index, person = next((i, n) for i, n in enumerate(data["nodes"]) if n["kind"] == "Person" and n.get("quotes"))
    drawn = sum(n["kind"] == "Quote" for n in data["nodes"])
    assert person["quotes"] == SAYINGS and drawn == 5 and len(person["more_quotes"]) == SAYINGS - drawn
    page = open_offline(browser, talkative).page
    panel = click_node(page, index)
    said = lambda text: sum(f"Point number {n} is" in text for n in range(1, SAYINGS + 1))   # noqa: E731
    assert f"QUOTATIONS ({SAYINGS}; 5 DRAWN" in panel.upper()
    assert said(panel) == drawn + 20 and "show 20 more (20 of 40 listed)" in panel
    page.click(".kg-more")
    assert said(page.inner_text("#kg-details")) == drawn + 40
    assert not page.is_visible(".kg-more")
