"""Property tests (hypothesis): whatever the text, no exception, and RDF that both libraries parse.

Random text, salted with what news text is made of (names, titles, quotation
marks of every kind, speech verbs, dates, numbers) and with what breaks naive
code (control characters, lone surrogates, angle brackets, emoji,
right-to-left script, very long words), goes through ingest, the real spaCy
pipeline, the extractors, resolution and the graph builder; the quads are
serialised by pyoxigraph and parsed back by rdflib and pyoxigraph.
"""
from __future__ import annotations

import io
import json
import os

import pyoxigraph as ox
import rdflib
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.extract import extract_article
from kg.graph import build_quads
from kg.ingest import Problem, Source, make_article, read_source
from kg.model import Article
from kg.resolve import resolve

SETTINGS = settings(max_examples=int(os.environ.get("KG_HYPOTHESIS_EXAMPLES", 40)), deadline=None,
                    derandomize=bool(os.environ.get("CI")), suppress_health_check=[HealthCheck.too_slow])

WORDS = ["Jane", "Doe", "Ms", "Mr", "Dr", "Sir", "Marta", "Okafor", "Green Party", "the Council", "leader",
         "former", "chair", "MP", "said", "told", "added", "according to", "she", "he", "they", "won", "votes",
         "majority", "by-election", "election", "candidate", "of", "the", "in", ",", ".", ":", "—", "-",
         '"', "“", "”", "‘", "’", "'", "«", "»", "\n", "\n\n", "12 March 2024", "2024-03-12", "1,234",
         "<b>", "</p>", "&amp;", "<script>", "\\", "{", "}", "#", "%", "@user", "😀", "👩‍👩‍👧", "שלום",
         "مرحبا", "\u202e", "\u200b", "\ufeff", "\x00", "\x07", "\x1b", "\x85", "\u2028", "\ud800", "\udfff",
         "\ufffe", "\t", "\r", "\r\n", "Hide Ad", "Read More", "Sign up to our newsletter email", "x" * 300]
TEXT = st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=12)), max_size=80).map(" ".join)
META = st.one_of(st.none(), st.text(max_size=40), st.sampled_from(['a "quoted" <name>', "line\nbreak", "😀 שלום",
                                                                    "\ud800", "http://x.example/a b<c>"]))


def rdf_round_trip(quads: list[ox.Quad]) -> None:
    """Serialise as Turtle, TriG and N-Quads; both libraries must parse each to the same size."""
    store = ox.Store()
    store.extend(quads)
    triples = {ox.Triple(q.subject, q.predicate, q.object) for q in quads}
    merged = ox.Store()
    merged.extend(ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in triples)
    ttl = merged.dump(format=ox.RdfFormat.TURTLE, from_graph=ox.DefaultGraph())
    assert len(rdflib.Graph().parse(data=ttl.decode("utf-8"), format="turtle")) == len(triples)
    assert len(set(ox.parse(ttl, format=ox.RdfFormat.TURTLE))) == len(triples)
    for fmt, name in ((ox.RdfFormat.N_QUADS, "nquads"), (ox.RdfFormat.TRIG, "trig")):
        data = store.dump(format=fmt)
        ds = rdflib.Dataset()
        ds.parse(data=data.decode("utf-8"), format=name)
        assert sum(1 for _ in ds.quads((None, None, None, None))) == len(store)
        assert len(set(ox.parse(data, format=fmt))) == len(store)


@SETTINGS
@given(text=TEXT, title=META, author=META, publisher=META, url=META, identifier=META)
def test_random_text_builds_a_valid_graph(nlp, text, title, author, publisher, url, identifier):
    article = make_article(text, "case.txt", title=title, author=author, publisher=publisher, url=url,
                           identifier=identifier, date="2024-03-12")
    assert len(article.clean) == len(article.text) == len(text.replace("\r\n", " \n"))
    facts = extract_article(nlp(article.clean), article, "test-model")
    for q in facts.quotes:
        assert article.clean[q.span.start:q.span.end] == q.span.text
    quads = list(build_quads([facts], resolve([facts]), "test-model"))
    assert any(q.predicate.value.endswith("fileName") for q in quads)
    rdf_round_trip(quads)


RECORD = st.dictionaries(st.sampled_from(["text", "title", "date", "url", "author", "publisher", "id", "body"]),
                         st.one_of(TEXT, st.integers(), st.none(), st.lists(st.text(max_size=5), max_size=3)),
                         max_size=6)


@SETTINGS
@given(lines=st.lists(st.one_of(RECORD.map(json.dumps), st.binary(max_size=60), TEXT.map(str.strip)), max_size=8))
def test_any_json_lines_file_yields_articles_and_one_line_problems(tmp_path_factory, lines):
    path = tmp_path_factory.mktemp("jsonl") / "feed.jsonl"
    path.write_bytes(b"\n".join(line if isinstance(line, bytes) else line.encode("utf-8", "surrogatepass")
                                for line in lines))
    items = list(read_source(Source(path, "feed.jsonl", "jsonl")))
    for item in items:
        assert isinstance(item, (Article, Problem))
        if isinstance(item, Problem):
            assert "\n" not in str(item) and str(item).startswith(str(path))
        else:
            assert item.meta.name.startswith("feed.jsonl#L")


@SETTINGS
@given(data=st.one_of(st.binary(max_size=3000), TEXT.map(lambda t: t.encode("utf-8", "surrogatepass"))),
       kind=st.sampled_from(["text", "html", "json", None]))
def test_any_bytes_give_an_article_or_a_one_line_problem(tmp_path_factory, data, kind):
    path = tmp_path_factory.mktemp("bytes") / "input"
    path.write_bytes(data)
    items = list(read_source(Source(path, "input", kind)))
    assert items, "every input yields something"
    for item in items:
        if isinstance(item, Problem):
            assert "\n" not in str(item) and str(path) in str(item)
        else:
            assert len(item.text) == len(item.clean)
            io.StringIO(item.clean)   # a valid str: no lone surrogates left
            item.clean.encode("utf-8")
