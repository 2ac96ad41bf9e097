"""Read articles: files, directories, standard input -> Articles, and one-line Problems.

Inputs (kg/ingest/sources.py): plain text (.txt), HTML pages (.html, .htm;
main text and metadata by trafilatura, html.py), JSON Lines and JSON records
(.jsonl, .json; records.py), directories searched recursively, and ``-`` for
standard input. Encodings (encodings.py): UTF-8 with or without a BOM,
UTF-16/32 with a BOM, Windows-1252/Latin-1 when UTF-8 fails, truncated UTF-8.

Every Article's ``clean`` text equals its ``text`` with page furniture (ad
slots, newsletter sign-ups, repeated photo captions ...) blanked out by
spaces, and invisible characters at the edges of words (zero-width spaces,
bidirectional marks ...: text.py) made spaces, so offsets found in ``clean``
point into ``text``, which is:
- for a text file, its decoded content (``open(path, encoding=...).read()``);
- for an HTML page, the extracted main text (paragraphs joined by blank lines);
- for a JSON record, the record's ``text`` as it is.
Repairs never change lengths: control characters become spaces, lone
surrogates U+FFFD, and a ``\\r\\n`` in a record a space and a newline.

Which files are read (regular files only; links followed once) is files.py;
the limits on sizes, numbers and nesting are module constants (MAX_*) of
sources.py, records.py and html.py, listed in the README ("Limits and safety").
"""
from __future__ import annotations

from .boilerplate import find_boilerplate
from .encodings import Decoded, decode
from .problems import IngestError, Problem
from .sources import MAX_CHARS, STDIN, Source, discover, read_article, read_source
from .text import blank, header_metadata, iso_date, make_article, sanitise, url_key

__all__ = ["MAX_CHARS", "STDIN", "Decoded", "IngestError", "Problem", "Source", "blank", "decode", "discover",
           "find_boilerplate", "header_metadata", "iso_date", "make_article", "read_article", "read_source",
           "sanitise", "url_key"]
