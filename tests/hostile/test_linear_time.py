"""Quote-dense and punctuation-dense text costs time linear in its size: counted in work done, not timed."""
from __future__ import annotations

from kg.extract import extract_article
from kg.extract.quotes.core import QuoteFinder
from kg.ingest import make_article
from kg.nlp import parse_text


def test_a_long_run_of_marks_is_blanked_for_the_parser_keeping_offsets():
    text = 'He said ' + '"' * 5000 + ' and left. A "short" one stays; so does ' + "-" * 62 + "."
    tamed = parse_text(text)
    assert len(tamed) == len(text) and '"' * 64 not in tamed and tamed.startswith("He said ")
    assert tamed.endswith('A "short" one stays; so does ' + "-" * 62 + ".")


def test_run_together_quotes_cost_linear_cue_checks(nlp, monkeypatch):
    calls = {"n": 0}
    original = QuoteFinder.is_cue

    def counted(self, t):
        calls["n"] += 1
        return original(self, t)
    monkeypatch.setattr(QuoteFinder, "is_cue", counted)
    work = []
    for n in (100, 400):
        article = make_article('"We will win," said Doe.' * n, "x.txt", date="2024-03-01")
        calls["n"] = 0
        extract_article(nlp(parse_text(article.clean)), article)
        work.append(calls["n"])
    assert work[0] > 0 and work[1] <= 5 * work[0]   # 4 times the text: about 4 times the checks, not 16
