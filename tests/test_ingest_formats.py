"""Reading HTML pages, JSON Lines and JSON records, directories and standard input."""
from __future__ import annotations

import json
import subprocess
from pathlib import Path

from conftest import KG
from kg.ingest import Problem, Source, discover, read_source
from kg.model import Article
from kg.pipeline import BuildReport, read_articles

STORY = ("Marta Okafor, the leader of the Harbour Party, said on Monday that the ferry fares were too high.\n\n"
         "\u201cWe will not wait another year,\u201d Ms Okafor told reporters.\n")

PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="windows-1252">
<title>Ferry fares | Coast Courier</title>
<meta property="og:title" content="Party leader attacks ferry fares">
<meta name="author" content="Tom Quill">
<meta property="article:published_time" content="2024-03-12T09:30:00+01:00">
<link rel="canonical" href="https://courier.example/news/ferry-fares">
<meta property="og:site_name" content="Coast Courier">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/jobs">Jobs</a></li></ul></nav>
<div class="advert">Advertisement: cheap flights to anywhere</div>
<article><h1>Party leader attacks ferry fares</h1>
<p>Marta Okafor, the leader of the Harbour Party, said on Monday that the ferry fares were too high for islanders.</p>
<p>“We will not wait another year,” Ms Okafor told reporters at the harbour in the evening.</p>
<p>The ferry company said prices reflected the cost of fuel, and that a review was under way.</p>
</article>
<footer>Copyright Coast Courier. Cookie settings. Sign up to our newsletter.</footer>
</body></html>"""


def read(path: Path, kind: str | None = None, name: str | None = None) -> tuple[list[Article], list[Problem]]:
    items = list(read_source(Source(path, name or path.name, kind)))
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, Problem)]


def test_an_html_page_gives_its_main_text_and_metadata(tmp_path):
    path = tmp_path / "ferry.html"
    path.write_bytes(PAGE.encode("cp1252"))
    (article,), problems = read(path, "html")
    assert problems == []
    m = article.meta
    assert (m.title, m.author, m.date, m.url, m.publisher) == (
        "Party leader attacks ferry fares", "Tom Quill", "2024-03-12", "https://courier.example/news/ferry-fares",
        "Coast Courier")
    assert "\u201cWe will not wait another year,\u201d" in article.text   # the page's declared charset is honoured
    for furniture in ("Jobs", "Advertisement", "Cookie", "newsletter", "<p>"):
        assert furniture not in article.clean, furniture
    assert "\n\nThe ferry company said" in article.text   # paragraphs are separated by blank lines


def test_a_page_with_no_article_text_is_a_one_line_error(tmp_path):
    path = tmp_path / "empty.html"
    path.write_text("<html><head><title>x</title></head><body><nav><a href='/'>Home</a></nav></body></html>")
    articles, (problem,) = read(path, "html")
    assert articles == [] and problem.skipped and str(problem) == f"{path}: no article text found in the page"


def test_json_lines_records_name_themselves_by_line_and_keep_their_offsets(tmp_path):
    path = tmp_path / "feed.jsonl"
    records = [{"text": STORY, "title": "Fares", "date": "2024-03-12T23:30:00-05:00", "url": "https://a.example/1",
                "author": ["Tom Quill", "Ann Lee"], "publisher": {"name": "Wire"}, "id": 77},
               {"body": STORY.replace("Monday", "Tuesday"), "headline": "Fares again", "publishedAt": "Tue, 12 Mar 2024"}]
    path.write_text("\n".join(json.dumps(r) for r in records[:1]) + "\n\n" + json.dumps(records[1]) + "\n")
    (first, second), problems = read(path, "jsonl")
    assert problems == []
    assert (first.meta.name, first.meta.path) == ("feed.jsonl#L1", f"{path}#L1")
    assert (first.meta.title, first.meta.date, first.meta.author, first.meta.publisher, first.meta.identifier) == (
        "Fares", "2024-03-12", "Tom Quill, Ann Lee", "Wire", "77")
    assert first.text == STORY    # offsets index the record's text as it is
    assert (second.meta.name, second.meta.title, second.meta.date) == ("feed.jsonl#L3", "Fares again", "2024-03-12")


def test_a_broken_json_line_is_reported_and_the_good_records_still_count(tmp_path):
    path = tmp_path / "feed.jsonl"
    good = json.dumps({"text": STORY})
    path.write_text("\n".join([good, '{"text": "cut off', '["a list"]', '{"title": "no text"}', '{"text": 42}',
                               '{"text": "   "}', json.dumps({"text": STORY + "More.", "date": "someday"})]) + "\n")
    articles, problems = read(path, "jsonl")
    assert [a.meta.name for a in articles] == ["feed.jsonl#L1", "feed.jsonl#L7"]
    assert [str(p) for p in problems] == [
        f"{path}:2: not valid JSON: unterminated string starting at column 10; line skipped",
        f'{path}:3: a JSON array, not an object with a "text" field; skipped',
        f'{path}:4: no "text" field; skipped',
        f'{path}:5: "text" is a JSON number, not a string; skipped',
        f'{path}:6: "text" is blank; skipped',
        f"{path}:7: date 'someday' not understood; ignored"]
    assert [p.skipped for p in problems] == [True] * 5 + [False]


def test_a_json_document_names_its_records_by_json_pointer(tmp_path):
    path = tmp_path / "export.json"
    path.write_text(json.dumps({"status": "ok", "articles": [{"content": STORY, "title": "One"}, {"title": "Two"}]},
                               indent=2))
    (article,), (problem,) = read(path, "json")
    assert article.meta.name == "export.json#/articles/0" and article.meta.title == "One"
    assert str(problem) == f'{path}: record #/articles/1: no "text" field; skipped'


def test_a_json_file_that_is_really_json_lines_is_streamed(tmp_path):
    path = tmp_path / "export.json"
    path.write_text(json.dumps({"text": STORY}) + "\n" + json.dumps({"text": STORY + "Again."}) + "\n")
    articles, problems = read(path, "json")
    assert [a.meta.name for a in articles] == ["export.json#L1", "export.json#L2"] and problems == []


def test_directories_are_searched_recursively_and_name_files_below_them(tmp_path):
    (tmp_path / "2024" / "03").mkdir(parents=True)
    (tmp_path / "2024" / "03" / "a.txt").write_text(STORY)
    (tmp_path / "2024" / "b.htm").write_text(PAGE)
    (tmp_path / "c.jsonl").write_text(json.dumps({"text": STORY}))
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text(STORY)
    old = tmp_path / "exports"
    old.mkdir()
    (old / "facts.json").write_text("{}")
    (old / "graph.ttl").write_text("")
    found = list(discover([tmp_path]))
    sources = [s for s in found if isinstance(s, Source)]
    assert [(s.name, s.kind) for s in sources] == [("2024/03/a.txt", "text"), ("2024/b.htm", "html"),
                                                   ("c.jsonl", "jsonl")]
    notes = sorted(str(p) for p in found if isinstance(p, Problem))
    assert notes == [f"{old}: left out: it holds the outputs of a kg build",
                     f"{tmp_path}: 1 file of other types left out (.pdf)"]


def test_duplicates_by_text_or_url_are_built_once(tmp_path):
    (tmp_path / "a.txt").write_text(STORY)
    (tmp_path / "b.txt").write_text(STORY.replace("\n", "\r\n"))   # the same text once decoded
    (tmp_path / "feed.jsonl").write_text("\n".join(json.dumps(r) for r in [
        {"text": STORY + "One.", "url": "https://www.a.example/story/?utm_source=x#top"},
        {"text": STORY + "Updated.", "url": "http://a.example/story"}]))
    report = BuildReport()
    names = [a.meta.name for a in read_articles([tmp_path], report)]
    assert names == ["a.txt", "feed.jsonl#L1"] and report.duplicates == 2 and report.errors == []
    assert report.notes == [f"{tmp_path / 'b.txt'}: same text as {tmp_path / 'a.txt'}; built once",
                            f"{tmp_path / 'feed.jsonl'}#L2: same URL as {tmp_path / 'feed.jsonl'}#L1; built once"]


def test_standard_input_is_read_by_content(tmp_path):
    lines = "\n".join(json.dumps({"text": STORY.replace("Monday", day)}) for day in ("Monday", "Friday"))
    proc = subprocess.run([str(KG), "build", "-", "--out", str(tmp_path), "--no-view", "-q"], input=lines,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    facts = json.loads((tmp_path / "facts.json").read_text())
    assert sorted(a["file"] for a in facts["articles"]) == ["stdin#L1", "stdin#L2"]
    assert any(q["text"] == "We will not wait another year," for q in facts["quotes"])
