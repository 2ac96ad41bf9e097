"""Property tests (hypothesis) of the readers alone: random bytes, HTML and JSON never raise, never hang,
and a bad record beside good ones costs only itself.

The readers catch what they did not foresee and report it as a Problem
"could not be read (TypeError: ...)"; such a line would be a bug, so the
properties require that none appears: every input is handled on purpose.
"""
from __future__ import annotations

import json
import os
from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.ingest import Problem, Source, read_source
from kg.ingest.html import extract_main_text
from kg.model import Article

SETTINGS = settings(max_examples=int(os.environ.get("KG_HYPOTHESIS_EXAMPLES", 60)), deadline=timedelta(seconds=10),
                    derandomize=bool(os.environ.get("CI")),
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
extract_main_text("<html><body><p>warm up the HTML extractor once, outside the deadline</p></body></html>")

KINDS = st.sampled_from(["text", "html", "jsonl", "json", None])
ODD = ["\x00", "\x07", "\x1b", "\x85", "\u2028", "\ud800", "\udfff", "\ufffe", "\ufeff", "\u200b", "\u00ad",
       "\u202e", "\u2066", "\r", "\r\n", "\t", "😀", "שלום", "<", ">", "&", "\"", "'", "\\", "{", "}", "[", "]",
       "2021-02-30", "30 February 2021", "9" * 120, "email", "subscribe", "Sign up to our newsletter email"]
TEXT = st.lists(st.one_of(st.sampled_from(ODD), st.text(max_size=10)), max_size=30).map("".join)
STORIES = ["Marta Okafor, the leader of the Harbour Party, said on Monday that the ferry fares were too high.",
           "Jane Doe won the by-election in the harbour ward by 1,234 votes, the returning officer said.",
           "The council said on Tuesday that the new ferry timetable would start in May next year.",
           "Tom Quill, the chair of the Ferry Union, told reporters the strike would go ahead.",
           "Nadia Berg said the party would publish its manifesto for the island seats next week."]

# JSON: any value, with the numbers and nesting that break naive readers.
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), TEXT)
JSON = st.recursive(SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                     st.dictionaries(st.one_of(TEXT, st.sampled_from(
                                                         ["text", "date", "author", "id", "articles", "title"])),
                                                         inner, max_size=4)), max_leaves=20)
HUGE = st.sampled_from(["1" * 5000, "-" + "9" * 4400, "1" * 300 + ".5e10", "[" * 3000 + "]" * 3000,
                        "[" * 150 + "1" + "]" * 150, "NaN", "-Infinity", "1e999999"])


def bad_line() -> st.SearchStrategy[bytes]:
    """One bad line: random bytes (some starting like a byte-order mark or a PDF), random JSON, or a record
    holding a huge number or deep nesting."""
    record = HUGE.map(lambda v: f'{{"text": "x", "n": {v}}}'.encode())
    bom = st.tuples(st.sampled_from([b"\xff\xfe", b"\xfe\xff", b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff", b"\xef\xbb\xbf",
                                     b"%PDF-", b"\x00\x00"]), st.binary(max_size=50)).map(b"".join)
    return st.one_of(st.binary(max_size=200), bom, JSON.map(lambda v: json.dumps(v).encode("utf-8", "surrogatepass")),
                     HUGE.map(str.encode), record, TEXT.map(lambda t: t.encode("utf-8", "surrogatepass"))) \
        .map(lambda b: b.replace(b"\n", b" ").replace(b"\r", b" "))


# HTML: nested tags with random attributes and text, odd characters and unclosed constructs.
TAG = st.sampled_from(["p", "div", "article", "span", "a", "script", "style", "meta", "title", "h1", "br", "img",
                       "table", "td", "!--", "![CDATA[", "?xml", "!DOCTYPE"])
ATTRIBUTE = st.tuples(st.sampled_from(["class", "href", "content", "property", "name", "charset", "x", "on\x00"]),
                      st.one_of(TEXT, st.sampled_from(["2021-02-30", "article:published_time", "utf-16", "bogus"])))
HTML = st.recursive(
    TEXT.map(lambda t: t.replace("<", "&lt;")),
    lambda inner: st.tuples(TAG, st.lists(ATTRIBUTE, max_size=3), st.lists(inner, max_size=4), st.booleans()).map(
        lambda parts: "<{0}{1}>{2}{3}".format(parts[0], "".join(f' {k}="{v}"' for k, v in parts[1]),
                                               "".join(parts[2]), f"</{parts[0]}>" if parts[3] else "")),
    max_leaves=25)


def items_of(tmp_path_factory, data: bytes, kind: str | None, name: str = "input") -> list[Article | Problem]:
    path = tmp_path_factory.mktemp("in") / name
    path.write_bytes(data)
    return list(read_source(Source(path, name, kind)))


def handled(items: list[Article | Problem]) -> None:
    """Each item an Article or a one-line Problem, and none the catch-all for an unforeseen exception."""
    for item in items:
        assert isinstance(item, (Article, Problem))
        if isinstance(item, Problem):
            assert "\n" not in str(item)
            assert "could not be read (" not in item.reason, str(item)
        else:
            assert len(item.text) == len(item.clean) and item.text.strip()
            item.clean.encode("utf-8")   # a valid str: no lone surrogates left


@SETTINGS
@given(data=st.binary(max_size=4000), kind=KINDS)
def test_random_bytes(tmp_path_factory, data, kind):
    items = items_of(tmp_path_factory, data, kind)
    assert items
    handled(items)


@SETTINGS
@given(body=st.lists(HTML, max_size=6), head=st.lists(HTML, max_size=3), story=st.sampled_from(STORIES),
       encoding=st.sampled_from(["utf-8", "utf-16", "cp1252"]))
def test_random_html(tmp_path_factory, body, head, story, encoding):
    page = f"<html><head>{''.join(head)}</head><body>{''.join(body)}<article><p>{story}</p></article></body></html>"
    data = page.encode(encoding, errors="replace") if encoding != "utf-8" else page.encode("utf-8", "surrogatepass")
    items = items_of(tmp_path_factory, data, "html", "page.html")
    assert items
    handled(items)


@SETTINGS
@given(value=JSON, kind=st.sampled_from(["jsonl", "json"]))
def test_random_json(tmp_path_factory, value, kind):
    data = json.dumps(value).encode("utf-8", "surrogatepass")
    handled(items_of(tmp_path_factory, data, kind, f"feed.{kind}"))


@SETTINGS
@given(bad=bad_line(), where=st.integers(0, len(STORIES)), blank=st.booleans(), kind=st.sampled_from(["jsonl", "json"]))
def test_good_json_lines_beside_a_bad_one_are_all_kept(tmp_path_factory, bad, where, blank, kind):
    lines = [json.dumps({"text": s}).encode() for s in STORIES]
    lines.insert(where, bad)
    items = items_of(tmp_path_factory, b"\n".join(lines) + (b"\n\n" if blank else b""), kind, f"feed.{kind}")
    handled(items)
    kept = {i.meta.name: i.text for i in items if isinstance(i, Article)}
    for n, story in enumerate(STORIES):
        line = n + 1 + (n >= where)
        assert kept.get(f"feed.{kind}#L{line}") == story, (line, [str(i) for i in items if isinstance(i, Problem)])


@SETTINGS
@given(bad=st.one_of(JSON, HUGE.map(lambda v: ("raw", v))), where=st.integers(0, len(STORIES)),
       container=st.sampled_from([None, "articles", "items"]), indent=st.sampled_from([None, 1]))
def test_good_records_of_a_json_document_beside_a_bad_one_are_all_kept(tmp_path_factory, bad, where, container,
                                                                       indent):
    records = [json.dumps({"text": s}) for s in STORIES]
    records.insert(where, bad[1] if isinstance(bad, tuple) and bad[:1] == ("raw",) else
                   json.dumps(bad, ensure_ascii=False).encode("utf-8", "surrogatepass").decode("utf-8", "replace"))
    array = "[" + ("," + "\n" * (indent or 0)).join(records) + "]"
    document = f'{{"status": "ok", "{container}": {array}}}' if container else array
    items = items_of(tmp_path_factory, document.encode("utf-8"), "json", "feed.json")
    handled(items)
    prefix = f"feed.json#/{container}/" if container else "feed.json#/"
    kept = {i.meta.name: i.text for i in items if isinstance(i, Article)}
    for n, story in enumerate(STORIES):
        assert kept.get(f"{prefix}{n + (n >= where)}") == story, [str(i) for i in items if isinstance(i, Problem)]
