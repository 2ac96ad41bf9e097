"""A corpus of hostile files through the real CLI: a clear line for each, a graph from the good ones.

The corpus is generated here: empty, binary and PDF files, a 100 MB file,
Windows-1252, UTF-16 and truncated UTF-8 text, control characters, a very
long line, unbalanced quotation marks, names made of quotes, angle brackets,
emoji and right-to-left script, an HTML page with no article, JSON Lines with
broken lines, and duplicates by text and by URL.
"""
from __future__ import annotations

import json
import tracemalloc
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib

from conftest import run_kg
from kg.ingest import Problem, Source, read_source
from kg.model import Article

STORY = ("Marta Okafor, the leader of the Harbour Party, said on Monday that the ferry fares were too high.\n\n"
         "“We will not wait another year,” Ms Okafor told reporters.\n")
PAGE = ("<html><head><title>Fares row</title><meta name='author' content='Tom Quill'>"
        "<link rel='canonical' href='https://courier.example/fares'></head><body><nav><a href='/'>Home</a></nav>"
        "<article><h1>Fares row deepens on the islands</h1><p>" + STORY.replace("\n\n", "</p><p>") +
        "</p><p>The ferry company said prices reflected the cost of fuel.</p></article></body></html>")
HUNDRED_MB = 100_000_000


def _big(path: Path, line: bytes) -> None:
    with open(path, "wb") as f:
        for _ in range(HUNDRED_MB // len(line) + 1):
            f.write(line)


def make_corpus(root: Path) -> dict[str, str]:
    """Write the hostile files; returns the decoded text of each good article by its facts.json name."""
    root.mkdir()
    good = {}

    def put(name: str, text: str, data: bytes | None = None) -> None:
        (root / name).write_bytes(text.encode("utf-8") if data is None else data)
        good[name] = text

    (root / "empty.txt").write_bytes(b"")
    (root / "binary.txt").write_bytes(bytes(range(256)) * 20)
    (root / "scan.txt").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    _big(root / "big.txt", STORY.encode("utf-8"))
    put("latin1.txt", "Fares row in the café\n\n" + STORY.replace("Okafor", "Ólafsdóttir"),
        ("Fares row in the café\n\n" + STORY.replace("Okafor", "Ólafsdóttir")).encode("cp1252"))
    put("utf16.txt", "Harbour story in UTF-16\n\n" + STORY.replace("Marta", "Nadia"),
        ("Harbour story in UTF-16\n\n" + STORY.replace("Marta", "Nadia")).encode("utf-16"))
    truncated = "Story cut short on the way\n\n" + STORY.replace("Marta", "Ines") + "Zoë"
    put("truncated.txt", truncated[:-1], truncated.encode("utf-8")[:-1])
    controls = "Control characters in a story\n\n" + STORY.replace("ferry", "fer\x00ry\x07").replace("Marta", "Rosa")
    put("controls.txt", controls.replace("\x00", " ").replace("\x07", " "), controls.encode("utf-8"))
    put("longline.txt", "A story with one enormous paragraph\n\n" + "The harbour was quiet. " * 1200 + "\n\n" + STORY)
    put("unbalanced.txt", "Quotation marks that never close\n\nLena Park said the “plan was dead.\n\n"
                          "The council met on Tuesday.\n\n“We will fight on,” Ms Park said.\n")
    put("names.txt", "Odd names in the news today\n\nZoë \"Zed\" O’Neil <zed@example.org>, the chair of the "
                     "<Harbour> Party 😀, said: “שלום and مرحبا to all.”\n\nAnna\u202eBerg\u202c, a member of the "
                     "Ferry Union, said the vote was fair.\n")
    (root / "z-copy.txt").write_text(good["utf16.txt"], encoding="utf-8")   # the same text in another encoding
    (root / "clips").mkdir()
    put("clips/page.html", "", PAGE.encode("utf-8"))
    (root / "clips" / "nav.html").write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>")
    records = [json.dumps({"text": STORY.replace("Marta", "Clara"), "date": "2024-03-12T09:30:00Z", "id": "c-1",
                           "title": "Clara's fares"}),
               '{"text": "a line cut in the middle',
               json.dumps({"text": STORY.replace("Marta", "Daria"), "url": "https://example.net/d"}),
               json.dumps({"title": "no text here"}),
               json.dumps({"text": STORY.replace("Marta", "Erin"), "url": "https://courier.example/fares/"})]
    (root / "feed.jsonl").write_text("\n".join(records) + "\n", encoding="utf-8")
    good["feed.jsonl#L1"] = json.loads(records[0])["text"]
    good["feed.jsonl#L3"] = json.loads(records[2])["text"]
    return good


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    good = make_corpus(root / "in")
    proc = run_kg("build", str(root / "in"), str(root / "missing.txt"), "--out", str(root / "out"), "--no-view")
    return root, good, proc


def test_each_bad_input_gets_one_clear_line_and_the_exit_status_says_so(hostile):
    root, _, proc = hostile
    i = root / "in"
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    lines = [ln for ln in proc.stderr.splitlines() if ln.startswith("kg build: ")]
    expected = [
        f"{root / 'missing.txt'}: no such file or directory",
        f"{i / 'big.txt'}: 100.0 MB is too large for one article",
        f"{i / 'binary.txt'}: binary file, not text",
        f"{i / 'empty.txt'}: empty file",
        f"{i / 'feed.jsonl'}:2: not valid JSON: unterminated string",
        f"{i / 'feed.jsonl'}:4: no \"text\" field; skipped",
        f"{i / 'scan.txt'}: a PDF document, not text",
        f"{i / 'clips' / 'nav.html'}: no article text found in the page",
        f"note: {i / 'z-copy.txt'}: same text as {i / 'utf16.txt'}; built once",
        f"note: {i / 'feed.jsonl'}#L5: same URL as {i / 'clips' / 'page.html'}; built once",
        f"note: {i / 'latin1.txt'}:1: not valid UTF-8 (byte 20); read as Windows-1252",
        f"note: {i / 'truncated.txt'}:6: ends inside a UTF-8 character (the file looks cut short)",
        f"note: {i / 'controls.txt'}:3: 2 control or invalid characters replaced",
        f"note: {i / 'longline.txt'}:3: a line of 27,600 characters",
    ]
    for message in expected:
        assert sum(ln.startswith(f"kg build: {message}") for ln in lines) == 1, message
    assert len(lines) == len(expected)
    assert "8 failed" in proc.stdout


def test_the_good_records_and_files_are_built(hostile):
    root, good, _ = hostile
    facts = json.loads((root / "out" / "facts.json").read_text(encoding="utf-8"))
    articles = {a["file"]: a for a in facts["articles"]}
    assert set(articles) == set(good)
    assert articles["clips/page.html"]["author"] == "Tom Quill"
    assert articles["feed.jsonl#L1"]["title"] == "Clara's fares" and articles["feed.jsonl#L1"]["date"] == "2024-03-12"
    quoted = {q["file"] for q in facts["quotes"]}
    assert {"utf16.txt", "latin1.txt", "truncated.txt", "controls.txt", "longline.txt", "unbalanced.txt",
            "feed.jsonl#L1", "feed.jsonl#L3", "clips/page.html"} <= quoted
    for q in facts["quotes"]:
        if good[q["file"]]:   # (a page's offsets index its extracted text: see test_ingest_formats)
            assert good[q["file"]][q["start"]:q["end"]] == q["text"], q


def test_a_record_date_is_the_facts_true_as_of(hostile):
    root, _, _ = hostile
    store = ox.Store.read_only(str(root / "out" / "store"))
    rows = list(store.query("""SELECT ?date WHERE { GRAPH ?g { ?m a <http://www.w3.org/ns/org#Membership> ;
        <https://example.org/kg/ontology#observedAt> ?date ; <http://www.w3.org/ns/prov#wasDerivedFrom> ?ev .
        ?ev <http://www.w3.org/ns/oa#hasSource> ?a . ?a <https://example.org/kg/ontology#fileName> "feed.jsonl#L1" ;
        <https://schema.org/identifier> "c-1" } }"""))
    assert rows and {r["date"].value for r in rows} == {"2024-03-12"}


@pytest.mark.parametrize("name,fmt,rdflib_format", [("graph.ttl", ox.RdfFormat.TURTLE, "turtle"),
                                                    ("graph.nq", ox.RdfFormat.N_QUADS, "nquads"),
                                                    ("graph.trig", ox.RdfFormat.TRIG, "trig")])
def test_every_output_parses_in_rdflib_and_pyoxigraph(hostile, name, fmt, rdflib_format):
    path = hostile[0] / "out" / name
    ours = set(ox.parse(path=str(path), format=fmt))
    theirs = rdflib.Dataset()
    theirs.parse(path, format=rdflib_format)
    assert len(ours) > 500 and sum(1 for _ in theirs.quads((None, None, None, None))) == len(ours)


def test_a_100_mb_text_file_is_refused_without_being_read(tmp_path):
    path = tmp_path / "huge.txt"
    _big(path, STORY.encode("utf-8"))
    tracemalloc.start()
    items = list(read_source(Source(path, path.name, "text")))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert [str(i) for i in items] == [f"{path}: 100.0 MB is too large for one article (at most 4.0 MB, 1,000,000 "
                                       f"characters): split it into articles, or give them as JSON Lines, one "
                                       f"article a line"]
    assert peak < 10_000_000


def test_json_lines_stream_past_a_100_mb_line_and_keep_the_records_around_it(tmp_path):
    path = tmp_path / "feed.jsonl"
    with open(path, "wb") as f:
        f.write(json.dumps({"text": STORY}).encode() + b"\n" + b'{"text": "')
        for _ in range(HUNDRED_MB // 1_000_000):
            f.write(b"x" * 1_000_000)
        f.write(b'"}\n' + json.dumps({"text": STORY + "Later."}).encode() + b"\n")
    tracemalloc.start()
    items = list(read_source(Source(path, path.name, "jsonl")))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert [i.meta.name for i in items if isinstance(i, Article)] == ["feed.jsonl#L1", "feed.jsonl#L3"]
    (problem,) = [i for i in items if isinstance(i, Problem)]
    assert str(problem) == f"{path}:2: a record of 100.0 MB is over the 8.0 MB limit for one line; skipped"
    assert peak < 30_000_000
