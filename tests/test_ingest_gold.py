"""Nothing is taken from the page furniture the seed gold marks (its boilerplate_spans)."""
from __future__ import annotations

import pyoxigraph as ox
import pytest

from conftest import SEEDS
from kg.extract import extract_article
from kg.ingest import read_article
from kg.vocab import PREFIXES


def overlaps(start: int, end: int, spans) -> list:
    return [s for s in spans if start < s[1] and s[0] < end]


@pytest.fixture(scope="module")
def furniture(gold):
    spans = {a["file"]: a["boilerplate_spans"] for a in gold["articles"]}
    if not any(spans.values()):
        pytest.skip("the gold marks no boilerplate")
    return spans


def test_ingest_blanks_every_gold_boilerplate_span(furniture):
    for name, spans in furniture.items():
        article = read_article(SEEDS / name)
        for start, end in spans:
            assert not article.clean[start:end].strip(), (name, start, article.clean[start:end][:60])


def test_no_quote_in_facts_json_overlaps_boilerplate(seed_facts, furniture):
    assert seed_facts["quotes"]
    for q in seed_facts["quotes"]:
        assert not overlaps(q["start"], q["end"], furniture.get(q["file"], [])), q


def test_no_evidence_in_the_graph_comes_from_boilerplate(seed_build, furniture):
    store = ox.Store.read_only(str(seed_build[0] / "store"))
    rows = list(store.query("""SELECT ?file ?start ?end WHERE { GRAPH ?g {
        { ?fact prov:wasDerivedFrom ?ev } UNION { ?fact kg:cueSpan ?ev }
        ?ev oa:hasSource ?art ; oa:hasSelector ?pos . ?pos oa:start ?start ; oa:end ?end .
        ?art kg:fileName ?file } }""", prefixes=PREFIXES))
    assert len(rows) > 100
    for r in rows:
        file, start, end = r["file"].value, int(r["start"].value), int(r["end"].value)
        assert not overlaps(start, end, furniture.get(file, [])), (file, start, end)


def test_no_entity_mention_takes_words_from_boilerplate(nlp, furniture):
    """A mention may span furniture (an event's mention can run over paragraphs), but none of its words lie in it."""
    for name, spans in furniture.items():
        article = read_article(SEEDS / name)
        facts = extract_article(nlp(article.clean), article)
        assert facts.entities
        for entity in facts.entities:
            for m in entity.mentions:
                for s, e in overlaps(m.start, m.end, spans):
                    assert not article.clean[max(s, m.start):min(e, m.end)].strip(), (name, entity.name, m)
