"""The example build's graph.html in real headless Chromium, offline: drawn, explained, explorable."""
from __future__ import annotations

from collections import Counter

from viewpage import browser, click_node, drawn, needs_chromium, open_offline, page_data  # noqa: F401

pytestmark = needs_chromium


def expected_quote_nodes(facts: dict, per_speaker: int = 5) -> int:
    """Quotations drawn: each speaker's, up to the cap (all are counted in their details)."""
    return sum(min(n, per_speaker) for n in Counter(q["speaker"] for q in facts["quotes"]).values())


def test_the_view_draws_the_whole_graph_offline(browser, seed_build, seed_facts, tmp_path):
    from kg.export.view import DEFAULT_MAX_NODES
    from kg.export.view_data import graph_from_store, most_connected
    from kg.pipeline import open_store
    out, _ = seed_build
    opened = open_offline(browser, out / "graph.html")
    expected = most_connected(graph_from_store(open_store(out / "store")), DEFAULT_MAX_NODES)
    nodes, edges = drawn(opened.page)
    assert (nodes, edges) == (expected.number_of_nodes(), expected.number_of_edges())
    assert nodes > 50 and edges > 50
    kinds = Counter(n["kind"] for n in page_data(out / "graph.html")["nodes"])
    assert kinds["Quote"] == expected_quote_nodes(seed_facts)
    assert kinds["Person"] >= 10 and kinds["PoliticalParty"] >= 2 and kinds["Event"] >= 1
    facts = Counter(e["kind"] for e in page_data(out / "graph.html")["edges"])
    assert facts["said"] == kinds["Quote"] and facts["role"] >= 10 and facts["outcome"] >= 5
    assert opened.errors == [] and opened.outside == []
    opened.page.screenshot(path=str(tmp_path / "view.png"))
    assert (tmp_path / "view.png").stat().st_size > 30_000


def test_legend_and_filters_by_node_type_and_fact_kind(browser, seed_build):
    out, _ = seed_build
    page = open_offline(browser, out / "graph.html").page
    data = page_data(out / "graph.html")
    nodes, edges = drawn(page)
    legend = page.inner_text("#kg-controls")
    for kind in {n["kind"] for n in data["nodes"]}:
        assert data["kinds"][kind]["name"] in legend
    quotes = sum(n["kind"] == "Quote" for n in data["nodes"])
    page.uncheck('#kg-controls input[data-kind="Quote"]')
    assert drawn(page) == (nodes - quotes, edges - quotes)
    page.check('#kg-controls input[data-kind="Quote"]')
    assert drawn(page) == (nodes, edges)
    page.uncheck('#kg-controls input[data-kind="said"]')
    shown_nodes, shown_edges = drawn(page)
    assert shown_edges == edges - quotes and shown_nodes <= nodes - quotes
    for kind in ("role", "outcome", "place"):
        page.uncheck(f'#kg-controls input[data-kind="{kind}"]')
    alone = sum(not any(i in (e["from"], e["to"]) for e in data["edges"]) for i in range(len(data["nodes"])))
    assert drawn(page) == (alone, 0)     # no fact kind shown: only the nodes without edges stay
    page.uncheck("#kg-physics")
    assert page.evaluate("network.physics.options.enabled") is False


def test_a_person_shows_roles_quotes_and_evidence(browser, seed_build, seed_facts):
    out, _ = seed_build
    data = page_data(out / "graph.html")
    speakers = Counter(q["speaker"] for q in seed_facts["quotes"])
    with_roles = {m["person"] for m in seed_facts["memberships"] if m["organization"]}
    who = max((s for s in speakers if s in with_roles), key=lambda s: (speakers[s], s))
    name = next(e["name"] for e in seed_facts["entities"] if e["id"] == who)
    index = next(i for i, n in enumerate(data["nodes"]) if n["name"] == name and n["kind"] == "Person")
    page = open_offline(browser, out / "graph.html").page
    panel = click_node(page, index)
    assert name in panel and "ROLES" in panel and "QUOTATIONS" in panel
    role = next(m for m in seed_facts["memberships"] if m["person"] == who and m["organization"])
    assert role["role"] in panel
    assert role["evidence"][0]["text"] in panel and role["evidence"][0]["file"] in panel
    shown = [q for q in seed_facts["quotes"] if q["speaker"] == who and q["text"] in panel]
    assert shown and all(q["file"] in panel for q in shown)


def test_a_quote_shows_its_text_speaker_article_and_date(browser, seed_build, seed_facts):
    out, _ = seed_build
    data = page_data(out / "graph.html")
    index, quote = next((i, n) for i, n in enumerate(data["nodes"])
                        if n["kind"] == "Quote" and data["articles"][n["article"]]["date"])   # (not every article is dated)
    article = data["articles"][quote["article"]]
    page = open_offline(browser, out / "graph.html").page
    panel = click_node(page, index)
    speaker = next(data["nodes"][e["from"]]["name"] for e in data["edges"] if e["to"] == index)
    assert quote["text"] in panel and speaker in panel and article["file"] in panel
    assert article["date"] and article["date"] in panel


def test_search_finds_a_node_by_part_of_its_name_and_selects_it(browser, seed_build):
    out, _ = seed_build
    data = page_data(out / "graph.html")
    index, person = max(((i, n) for i, n in enumerate(data["nodes"]) if n["kind"] == "Person"),
                        key=lambda p: (p[1].get("quotes", 0), p[1]["name"]))
    page = open_offline(browser, out / "graph.html").page
    page.fill("#kg-search", person["name"].split()[-1].lower())
    assert person["name"] in page.inner_text(".kg-matches")
    page.fill("#kg-search", person["name"].upper())
    page.press("#kg-search", "Enter")
    assert page.evaluate("network.getSelectedNodes()") == [index]
    assert person["name"] in page.inner_text("#kg-details")
    page.fill("#kg-search", "zzqqxx")
    assert "no node" in page.inner_text(".kg-matches")


def test_the_readme_picture_is_made_by_its_script_from_a_build(seed_build, tmp_path):
    import subprocess
    import sys
    from conftest import ROOT
    png = tmp_path / "view.png"
    proc = subprocess.run([sys.executable, str(ROOT / "docs" / "screenshot.py"), str(seed_build[0] / "graph.html"),
                           str(png)], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 100_000   # a drawn graph, not a blank page
