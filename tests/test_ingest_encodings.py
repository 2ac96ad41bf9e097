"""Encodings and odd characters: what is read, what is guessed (with a note), what is refused."""
from __future__ import annotations

import codecs

import pytest

from kg.ingest import IngestError, decode, make_article, read_article
from kg.ingest.text import text_notes

TEXT = "Café owners say “no” to the plan – for now.\nSecond line.\n"


@pytest.mark.parametrize("data,encoding", [
    (TEXT.encode("utf-8"), "utf-8"),
    (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8"),
    (TEXT.encode("utf-16"), "utf-16-le"),               # with its BOM
    (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16-be"),
    (TEXT.encode("utf-32"), "utf-32-le"),
])
def test_unicode_with_or_without_a_byte_order_mark_is_read_silently(data, encoding):
    decoded = decode(data, "a.txt")
    assert (decoded.text, decoded.encoding, decoded.notes) == (TEXT, encoding, ())


def test_utf16_without_a_mark_is_recognised_by_its_zero_bytes():
    decoded = decode(TEXT.encode("utf-16-le"), "a.txt")
    assert decoded.text == TEXT and "UTF-16-LE" in decoded.notes[0][0]


def test_windows_1252_is_the_fallback_with_a_note_naming_the_line():
    data = ("First line is plain.\n" + TEXT).encode("cp1252")
    decoded = decode(data, "a.txt")
    assert decoded.text == "First line is plain.\n" + TEXT and decoded.encoding == "cp1252"
    (reason, line), = decoded.notes
    assert "Windows-1252" in reason and line == 2


def test_a_file_cut_inside_a_character_loses_only_that_character():
    data = (TEXT + "Zoë").encode("utf-8")[:-1]
    decoded = decode(data, "a.txt")
    assert decoded.text == TEXT + "Zo"
    assert "cut short" in decoded.notes[0][0] and decoded.notes[0][1] == 3


def test_utf8_with_a_few_damaged_bytes_stays_utf8():
    data = TEXT.encode("utf-8") + b"Broken \xff byte in \xe2\x80 this line, \xe2\x80\x9cquoted\xe2\x80\x9d.\n"
    decoded = decode(data, "a.txt")
    assert decoded.encoding == "utf-8" and decoded.text.startswith(TEXT) and "“quoted”" in decoded.text
    assert decoded.text.count("\ufffd") == 2 and "2 damaged bytes" in decoded.notes[0][0]


def test_line_endings_are_those_of_pythons_universal_newlines(tmp_path):
    path = tmp_path / "crlf.txt"
    path.write_bytes(b"Title line of the story\r\n\r\nBody one.\rBody two.\r\n")
    article = read_article(path)
    assert article.text == open(path, encoding="utf-8").read()


@pytest.mark.parametrize("data,reason", [
    (b"PK\x03\x04\x14\x00\x06\x00", "a ZIP archive or Word/OpenDocument file, not text"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image, not text"),
    (b"\x1f\x8b\x08\x00", "gzip-compressed, not text"),
    (codecs.BOM_UTF16_LE + b"\x00\xd8a\x00", "is not UTF-16-LE"),   # a lone surrogate after the mark
])
def test_binary_formats_are_refused_with_what_they_are(data, reason):
    with pytest.raises(IngestError) as err:
        decode(data, "in/a.txt")
    assert str(err.value).startswith("in/a.txt: ") and reason in str(err.value)


def test_control_characters_become_spaces_and_offsets_survive():
    text = "Title of this story here\n\nJane\x00 Doe\x07 said\x0c the \x1b[31mvote\x85 was close.\ud800\n"
    article = make_article(text, "c.txt")
    assert len(article.text) == len(text) and article.text.index("said") == text.index("said")
    assert not any(c in article.text for c in "\x00\x07\x0c\x1b\x85\ud800")
    (note,) = text_notes(text, "c.txt")
    assert str(note) == "c.txt:3: 6 control or invalid characters replaced by spaces or U+FFFD" and not note.skipped


def test_a_very_long_line_is_noted_and_a_long_first_line_is_not_a_title():
    text = "word " * 5000 + "\n\nA second paragraph that is short.\n"
    (note,) = text_notes(text, "long.txt")
    assert str(note) == "long.txt:1: a line of 25,000 characters; paragraphs inside it cannot be told apart"
    assert make_article(text, "long.txt").meta.title is None


def test_metadata_values_become_one_safe_line():
    article = make_article("Some text of the story that is long enough.", "m.txt",
                           title='A "quoted"\n<title>\x00 \ud800 😀', author="x" * 900, date="12 March 2024")
    assert article.meta.title == 'A "quoted" <title>  \ufffd 😀'
    assert len(article.meta.author) == 500 and article.meta.date == "2024-03-12"
