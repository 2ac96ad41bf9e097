"""Hostile inputs (issue 28): one bad input never costs the others, and nothing is lost without a line.

Every input is generated here: huge JSON numbers, symbolic link loops, named
pipes, sockets and devices, an endless standard input, articles that page
furniture rules would empty, HTML with 10-million-character markup, impossible
dates, invisible characters inside names, and a one-line JSON document.
"""
from __future__ import annotations

import io
import json
import os
import re
import socket
import sys
import threading
from pathlib import Path

import pytest

from conftest import ROOT, run_kg
from kg.ingest import Problem, Source, discover, make_article, read_source
from kg.ingest import html as html_module
from kg.ingest import records, sources
from kg.model import Article
from kg.pipeline import BuildReport, read_articles
from kg.resolve import bare

STORY = ("Marta Okafor, the leader of the Harbour Party, said on Monday that the ferry fares were too high.\n\n"
         "\u201cWe will not wait another year,\u201d Ms Okafor told reporters.\n")
NEWSLETTER = "Sign up to our newsletter: enter your email address to subscribe."
ONE_LINER = ("Jane Doe said she would email every voter in the ward on Friday and ask them to subscribe to the "
             "council's weekly bulletin.")
P = "<p>Marta Okafor, the leader of the Harbour Party, said on Monday that the ferry fares were too high.</p>"
LATER = "<p>Later Person, the chair of the Ferry Union, said the vote on Tuesday night had been fair to all.</p>"


def read(path: Path, kind: str | None = None) -> tuple[list[Article], list[Problem]]:
    items = list(read_source(Source(path, path.name, kind)))
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, Problem)]


def within(seconds: float, work):
    """``work()``'s result, or a test failure when it takes longer (a read that blocks forever)."""
    result: list = []
    worker = threading.Thread(target=lambda: result.append(work()), daemon=True)
    worker.start()
    worker.join(seconds)
    assert result, f"still running after {seconds} s: blocked"
    return result[0]


# ---------------------------------------------------------------- 1. numbers of more than 4,300 digits

def test_a_number_of_5000_digits_costs_only_that_number(tmp_path):
    path = tmp_path / "feed.jsonl"
    huge = "9" * 5000
    path.write_text("\n".join([json.dumps({"text": STORY}), f'{{"text": "Second story here.", "id": {huge}}}',
                               f'{{"text": "Third story.", "views": -{huge}.5e10}}',
                               json.dumps({"text": STORY + "Later."})]) + "\n")
    articles, problems = read(path, "jsonl")
    assert [a.meta.name for a in articles] == ["feed.jsonl#L1", "feed.jsonl#L2", "feed.jsonl#L3", "feed.jsonl#L4"]
    assert articles[1].meta.identifier is None
    assert [str(p) for p in problems] == [
        f"{path}:2: 1 number of more than 100 characters (the longest 5,000) read as null",
        f"{path}:3: 1 number of more than 100 characters (the longest 5,006) read as null"]


def test_a_huge_number_in_a_json_document_or_its_first_line(tmp_path):
    document = tmp_path / "export.json"
    document.write_text(json.dumps({"articles": [{"text": STORY}, {"text": STORY + "Two."}]}, indent=1)
                        .replace('"articles"', f'"count": {"1" * 4301}, "articles"'))
    lines = tmp_path / "lines.json"
    lines.write_text(f'{{"text": "A story.", "n": {"1" * 4400}}}\n' + json.dumps({"text": STORY}) + "\n")
    articles, problems = read(document, "json")
    assert [a.meta.name for a in articles] == ["export.json#/articles/0", "export.json#/articles/1"]
    assert [str(p) for p in problems] == [f"{document}: 1 number of more than 100 characters (the longest 4,301) "
                                          f"read as null"]
    articles, problems = read(lines, "json")
    assert [a.meta.name for a in articles] == ["lines.json#L1", "lines.json#L2"] and len(problems) == 1


def test_nesting_deeper_than_the_limit_is_read_as_null(tmp_path):
    path = tmp_path / "deep.jsonl"
    deep = "[" * 500 + "]" * 500
    deeper = "[" * 5000 + "]" * 5000
    path.write_text(f'{{"text": "One story.", "author": {deep}}}\n{{"text": "Two.", "tags": {deeper}}}\n'
                    + json.dumps({"text": STORY}) + "\n")
    articles, problems = read(path, "jsonl")
    assert [a.meta.name for a in articles] == ["deep.jsonl#L1", "deep.jsonl#L2", "deep.jsonl#L3"]
    assert [str(p) for p in problems] == [f"{path}:1: 1 value nested more than 100 deep read as null",
                                          f"{path}:2: 1 value nested more than 100 deep read as null"]


# ---------------------------------------------------------------- 2. symbolic links

def test_symbolic_links_are_followed_once_and_each_loop_gets_a_line(tmp_path):
    root = tmp_path / "in"
    (root / "sub").mkdir(parents=True)
    (root / "sub" / "a.txt").write_text(STORY)
    (root / "self.txt").symlink_to("self.txt")
    (root / "sub" / "up").symlink_to("..")              # a folder loop
    (root / "again").symlink_to("sub")                 # a second way to a folder
    (root / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "b.txt").write_text(STORY.replace("Marta", "Nadia"))
    (root / "linked").symlink_to(elsewhere)            # a symlinked folder: read
    (root / "link.txt").symlink_to(root / "sub" / "a.txt")
    report = BuildReport()
    names = [a.meta.name for a in within(30, lambda: list(read_articles([root, root / "self.txt"], report)))]
    assert names == ["linked/b.txt", "sub/a.txt"]
    assert sorted(report.errors) == [f"{root / 'gone.txt'}: a broken symbolic link (to {tmp_path / 'nowhere.txt'}, "
                                     f"which does not exist); skipped",
                                     f"{root / 'self.txt'}: a symbolic link that loops (to self.txt); skipped"]
    assert sorted(report.notes) == [f"{root / 'again'}: a symbolic link to {root / 'sub'}, a folder already read; "
                                    f"skipped",
                                    f"{root / 'link.txt'}: the same file as {root / 'sub' / 'a.txt'}; read once",
                                    f"{root / 'sub' / 'up'}: a symbolic link to {root}, a folder it is inside "
                                    f"(a loop); skipped"]


# ---------------------------------------------------------------- 3. pipes, sockets, devices

def test_a_fifo_named_like_an_article_is_skipped_not_waited_on(tmp_path):
    (tmp_path / "good.txt").write_text(STORY)
    os.mkfifo(tmp_path / "pipe.txt")
    report = BuildReport()
    names = within(30, lambda: [a.meta.name for a in read_articles([tmp_path], report)])
    assert names == ["good.txt"]
    assert report.errors == [f"{tmp_path / 'pipe.txt'}: a named pipe (FIFO), not a regular file; skipped (give a "
                             f"pipe's content as - on standard input)"]
    # read directly too (a file that became a pipe after it was found): opened without blocking
    assert [str(p) for p in within(30, lambda: read(tmp_path / "pipe.txt", "text")[1])] == report.errors


def test_sockets_and_devices_are_skipped_with_a_line(tmp_path):
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(tmp_path / "sock.jsonl"))
    try:
        items = within(30, lambda: [str(i) for i in discover([tmp_path / "sock.jsonl", "/dev/null"])])
    finally:
        server.close()
    assert items == [f"{tmp_path / 'sock.jsonl'}: a socket, not a regular file; skipped",
                     "/dev/null: a character device, not a regular file; skipped"]
    assert [str(p) for p in read(Path("/dev/zero"))[1]] == ["/dev/zero: a character device, not a regular file; "
                                                            "skipped"]


# ---------------------------------------------------------------- 4. limits are documented

def test_the_limits_are_module_constants_and_the_readme_gives_each_with_its_default():
    limits = {"MAX_CHARS": sources.MAX_CHARS, "MAX_TEXT_BYTES": sources.MAX_TEXT_BYTES,
              "MAX_HTML_BYTES": sources.MAX_HTML_BYTES, "MAX_STDIN_BYTES": sources.MAX_STDIN_BYTES,
              "MAX_LINE_BYTES": records.MAX_LINE_BYTES, "MAX_DOCUMENT_BYTES": records.MAX_DOCUMENT_BYTES,
              "MAX_NUMBER_DIGITS": records.MAX_NUMBER_DIGITS, "MAX_DEPTH": records.MAX_DEPTH,
              "MAX_MARKUP_CHARS": html_module.MAX_MARKUP_CHARS}
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### Inputs"):]
    section = section[:re.search(r"\n#{1,3} ", section[1:]).start() + 1] if re.search(r"\n#{1,3} ", section[1:]) \
        else section
    for name, value in limits.items():
        row = next((ln for ln in section.splitlines() if ln.startswith("|") and f".{name}`" in ln), "")
        assert f"{value:,}" in row, (name, value, row)


# ---------------------------------------------------------------- 5. an endless standard input

class Endless(io.RawIOBase):
    """Standard input that never ends: the same JSON Lines record, over and over."""

    def __init__(self, line: bytes):
        self.line, self.pos, self.given = line, 0, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        n = len(buffer)
        data = (self.line * (n // len(self.line) + 2))[self.pos:self.pos + n]
        buffer[:n] = data
        self.pos = (self.pos + n) % len(self.line)
        self.given += n
        return n


def test_an_endless_standard_input_stops_at_the_limit_with_a_line(monkeypatch):
    line = (json.dumps({"text": STORY}) + "\n").encode()
    endless = Endless(line)
    monkeypatch.setattr(sources, "MAX_STDIN_BYTES", 100_000)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(endless)))
    items = within(60, lambda: list(read_source(Source(None, "stdin", None))))
    articles = [i for i in items if isinstance(i, Article)]
    problems = [str(i) for i in items if isinstance(i, Problem)]
    assert len(articles) == 100_000 // len(line)   # every whole record before the limit, none cut short
    assert problems == ["<stdin>: more than 0.1 MB on standard input: stopped reading there, the records before the "
                        "limit are read; give so much as files"]
    assert endless.given < 100_000 + (2 << 20)


def test_an_endless_text_on_standard_input_is_one_line(monkeypatch):
    monkeypatch.setattr(sources, "MAX_STDIN_BYTES", 50_000)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(Endless(b"All work and no play. "))))
    items = within(60, lambda: [str(i) for i in read_source(Source(None, "stdin", None))])
    assert items == ["<stdin>: more than 0.1 MB on standard input: stopped reading there, nothing is read; give so "
                     "much as files"]


# ---------------------------------------------------------------- 6. furniture rules never take the body

def test_a_one_line_article_about_email_and_subscribing_is_kept():
    article = make_article(ONE_LINER, "news.txt")
    assert article.clean == ONE_LINER and article.meta.boilerplate == ()
    quoted = "\u201cWe will email everyone who subscribes,\u201d Jane Doe said of the newsletter on Monday."
    assert make_article(quoted, "q.txt").clean == quoted
    for furniture in (NEWSLETTER, "Cookie settings", "We use cookies to give you the best experience on our site."):
        text = f"{STORY}\n{furniture}\n"
        assert furniture not in make_article(text, "f.txt").clean, furniture


def test_an_article_that_cleaning_empties_is_reported_not_dropped(tmp_path):
    (tmp_path / "signup.txt").write_text(NEWSLETTER + "\n")
    (tmp_path / "news.txt").write_text(ONE_LINER + "\n")
    (tmp_path / "feed.jsonl").write_text(json.dumps({"text": NEWSLETTER}) + "\n" + json.dumps({"text": ONE_LINER}))
    report = BuildReport()
    names = [a.meta.name for a in read_articles([tmp_path], report)]
    assert sorted(names) == ["feed.jsonl#L2", "news.txt"]
    message = "every line of it was taken for page furniture (ads, sign-ups, menus, captions ...), so nothing is left " \
              "to read; skipped"
    assert report.errors == [f"{tmp_path / 'feed.jsonl'}:1: {message}", f"{tmp_path / 'signup.txt'}: {message}"]


# ---------------------------------------------------------------- 7. HTML markup of more than 10 M characters

@pytest.mark.parametrize("markup", ["<script>var x = '{}';</script>", "<!-- {} -->", '<img alt="{}">',
                                    "<div data-x='{}'></div>", "<x{}>"])
def test_text_after_ten_million_characters_of_markup_is_kept(tmp_path, markup):
    path = tmp_path / "page.html"
    page = ("<html><head><title>Ferry fares</title></head><body><article>" + P + markup.format("a" * 10_000_001)
            + LATER + "</article></body></html>")
    path.write_text(page)
    (article,), (problem,) = read(path, "html")
    assert "Later Person" in article.text and "aaaa" not in article.text
    assert str(problem) == (f"{path}: 1 piece of markup (attribute values, tags, scripts, styles, comments) of more "
                            f"than 1,000,000 characters left out; they hold no article text")


def test_a_page_with_ten_million_characters_of_text_in_one_run_is_a_line(tmp_path):
    path = tmp_path / "page.html"
    path.write_text("<html><body><article>" + P + "<p>" + "word " * 2_200_000 + "</p>" + LATER + "</article></body>"
                    "</html>")
    articles, (problem,) = read(path, "html")
    assert articles == [] and problem.skipped
    assert str(problem) == (f"{path}: a stretch of 11,000,000 characters of text with no tag in it, more than the "
                            f"1,000,000 kg reads (the HTML parser would drop the text after it)")


# ---------------------------------------------------------------- 8. impossible dates

@pytest.mark.parametrize("meta", ['<meta property="article:published_time" content="2021-02-30">',
                                  '<meta name="date" content="2021-04-31T10:00:00+01:00">',
                                  '<script type="application/ld+json">{"@type": "NewsArticle", '
                                  '"datePublished": "2021-13-05"}</script>'])
def test_an_impossible_page_date_is_left_out_not_shifted(tmp_path, meta):
    path = tmp_path / "page.html"
    path.write_text(f"<html><head><title>Ferry fares</title>{meta}</head><body><article>{P}{LATER}</article>"
                    f"</body></html>")
    (article,), (problem,) = read(path, "html")
    assert article.meta.date is None
    written = re.search(r"\d{4}-\d\d-\d\d", meta).group()
    assert str(problem) == f"{path}: its date {written!r} is not a real calendar date; left out"


def test_a_real_page_date_is_kept_and_an_impossible_record_date_is_named(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(f'<html><head><title>Ferry fares</title><meta property="article:published_time" '
                    f'content="2021-02-28"></head><body><article>{P}{LATER}</article></body></html>')
    (article,), problems = read(path, "html")
    assert article.meta.date == "2021-02-28" and problems == []
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"text": STORY, "date": "2021-02-30T09:00:00Z"}) + "\n")
    (article,), (problem,) = read(feed, "jsonl")
    assert article.meta.date is None
    assert str(problem) == f"{feed}:1: date '2021-02-30' is not a real calendar date; left out"


# ---------------------------------------------------------------- 9. invisible characters inside names

INVISIBLES = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u200e", "\u200f", "\u202a", "\u202b",
              "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"]


@pytest.mark.parametrize("mark", INVISIBLES)
def test_names_are_compared_without_invisible_characters(mark):
    assert bare(f"Ja{mark}ne Doe") == bare(f"{mark}Jane Doe{mark}") == bare("Jane Doe") == "jane doe"


def test_a_name_with_a_zero_width_space_is_the_same_person(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(
        "Ferry vote goes ahead\n\nJane Doe, the leader of the Harbour Party, said on Monday that the ferry fares "
        "were too high.\n\nLater, Ja\u200bne Doe told reporters that the vote would go ahead. \u200fJane Doe\u200e "
        "and Ja\u00adne Doe spoke again on Tuesday.\n", encoding="utf-8")
    proc = run_kg("build", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--no-view", "-q", timeout=300)
    assert proc.returncode == 0, proc.stderr
    facts = json.loads((tmp_path / "out" / "facts.json").read_text(encoding="utf-8"))
    people = [e for e in facts["entities"] if e["type"] == "Person"]
    assert [p["name"] for p in people] == ["Jane Doe"]
    assert {q["speaker"] for q in facts["quotes"]} == {people[0]["id"]}


# ---------------------------------------------------------------- 10. a one-line JSON document

def test_a_one_line_json_document_holding_articles_under_a_key(tmp_path):
    path = tmp_path / "export.json"
    path.write_text(json.dumps({"status": "ok", "articles": [{"text": STORY}, {"text": STORY + "Two."}]}))
    articles, problems = read(path, "json")
    assert [a.meta.name for a in articles] == ["export.json#/articles/0", "export.json#/articles/1"]
    assert problems == []


# ---------------------------------------------------------------- 11. the build goes on, and says how many failed

def test_the_build_goes_on_after_each_bad_input_and_counts_them(tmp_path):
    root = tmp_path / "in"
    root.mkdir()
    (root / "good.txt").write_text(STORY)
    (root / "feed.jsonl").write_text(json.dumps({"text": STORY.replace("Marta", "Clara")}) + "\n"
                                     + f'{{"text": "{STORY.replace(chr(10), " ")}", "id": {"7" * 5000}}}'
                                       .replace("Marta", "Daria").replace("\u201c", "").replace("\u201d", "") + "\n")
    (root / "export.json").write_text(json.dumps({"articles": [{"text": STORY.replace("Marta", "Erin")}]}))
    (root / "self.txt").symlink_to("self.txt")
    (root / "loop").symlink_to(".")
    os.mkfifo(root / "pipe.txt")
    (root / "signup.txt").write_text(NEWSLETTER)
    proc = run_kg("build", str(root), "--out", str(tmp_path / "out"), "--no-view", timeout=300)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    lines = [ln.removeprefix("kg build: ") for ln in proc.stderr.splitlines() if ln.startswith("kg build: ")]
    assert sorted(lines) == sorted([
        f"note: {root / 'feed.jsonl'}:2: 1 number of more than 100 characters (the longest 5,000) read as null",
        f"note: {root / 'loop'}: a symbolic link to {root}, a folder it is inside (a loop); skipped",
        f"{root / 'pipe.txt'}: a named pipe (FIFO), not a regular file; skipped (give a pipe's content as - on "
        f"standard input)",
        f"{root / 'self.txt'}: a symbolic link that loops (to self.txt); skipped",
        f"{root / 'signup.txt'}: every line of it was taken for page furniture (ads, sign-ups, menus, captions ...), "
        f"so nothing is left to read; skipped"])
    assert "Read 4 articles, 3 failed" in proc.stdout
    facts = json.loads((tmp_path / "out" / "facts.json").read_text(encoding="utf-8"))
    assert sorted(a["file"] for a in facts["articles"]) == ["export.json#/articles/0", "feed.jsonl#L1",
                                                            "feed.jsonl#L2", "good.txt"]


def test_a_limit_is_raised_by_flag_for_one_build(tmp_path):
    deep = "[" * 150 + "]" * 150
    path = tmp_path / "deep.jsonl"
    path.write_text(json.dumps({"text": "Jane Doe said the harbour plan would cost too much."})[:-1]
                    + f', "extra": {deep}}}\n', encoding="utf-8")
    default = run_kg("build", str(path), "--out", str(tmp_path / "a"), "--no-view")
    raised = run_kg("build", str(path), "--out", str(tmp_path / "b"), "--no-view", "--limit", "json-depth=200")
    assert default.returncode == 0 and "nested more than 100 deep" in default.stderr
    assert raised.returncode == 0 and "nested more than" not in raised.stderr
    bad = run_kg("build", str(path), "--out", str(tmp_path / "c"), "--limit", "depth=5")
    assert bad.returncode == 2 and "not a limit" in bad.stderr and not (tmp_path / "c").exists()


def test_when_nothing_can_be_read_the_count_of_failed_inputs_is_said(tmp_path):
    (tmp_path / "in").mkdir()
    os.mkfifo(tmp_path / "in" / "pipe.txt")
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    proc = run_kg("build", str(tmp_path / "in"), "--out", str(tmp_path / "out"))
    assert proc.returncode == 2 and proc.stderr.rstrip().endswith("Read 0 articles, 2 inputs failed.")
