"""Reading articles: metadata, page furniture, offsets, and clear errors."""
from __future__ import annotations

import pytest

from kg.ingest import IngestError, make_article, read_article

ARTICLE = """Daily Bugle
News

12 March 2024

Mayor wins second term in landslide

By Jane Writer

The mayor won a second term on Tuesday, officials said.

Read More
Another story about something else entirely...
Hide Ad
Sign up to our newsletter: enter your email address to subscribe.
Her rival conceded late in the evening, aides said.
"""


def test_header_metadata():
    a = make_article(ARTICLE, "bugle.txt")
    assert a.meta.date == "2024-03-12"
    assert a.meta.title == "Mayor wins second term in landslide"
    assert a.meta.author == "Jane Writer"


def test_furniture_is_blanked_and_offsets_kept():
    a = make_article(ARTICLE, "bugle.txt")
    assert len(a.clean) == len(a.text)
    for gone in ("Read More", "Another story", "Hide Ad", "newsletter", "Daily Bugle"):
        assert gone not in a.clean, gone
    for kept in ("The mayor won a second term", "Her rival conceded"):
        assert a.clean.index(kept) == a.text.index(kept)


def test_a_repeated_caption_is_kept_once():
    caption = "SPRINGFIELD, USA - MARCH 12: The mayor greets supporters at city hall on March 12, 2024. (Photo by A. Snapper)"
    text = f"Mayor wins.\n\n{caption}{caption}\n{caption}\n\nThe count finished at midnight."
    a = make_article(text, "c.txt")
    assert a.clean.count("greets supporters") == 1
    assert a.clean.index("greets supporters") == text.index("greets supporters")


def test_a_long_navigation_list_is_furniture():
    items = "\n".join(f"  • Category number {i}" for i in range(10))
    a = make_article(f"Title of the story here\n\n{items}\n\nThe story itself is here.", "n.txt")
    assert "Category" not in a.clean and "story itself" in a.clean


@pytest.mark.parametrize("data,reason", [(b"", "empty"), (b"  \n", "empty"), (b"\x00\x01\x02binary", "binary"),
                                         (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
                                         (bytes(range(1, 32)) * 20, "binary")])
def test_unreadable_files_get_a_one_line_reason(tmp_path, data, reason):
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    with pytest.raises(IngestError) as err:
        read_article(path)
    assert str(path) in str(err.value) and reason in str(err.value) and "\n" not in str(err.value)


def test_a_file_name_with_a_line_break_still_gives_a_one_line_error(tmp_path):
    path = tmp_path / "odd\nname\x1b.txt"
    path.write_bytes(b"")
    with pytest.raises(IngestError) as err:
        read_article(path)
    assert str(err.value) == f"{tmp_path}/odd\\nname\\x1b.txt: empty file"
