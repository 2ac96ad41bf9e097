"""Bytes to text: which encodings kg reads, what it guesses, and what it refuses.

- A byte-order mark decides: UTF-8, UTF-16 (LE/BE) and UTF-32 (LE/BE); the mark is dropped.
- UTF-16 without a mark is recognised by its zero bytes (ASCII letters in
  UTF-16 have a zero byte every other byte).
- Otherwise UTF-8. A file cut off inside a character (its last bytes begin a
  sequence that never ends) is read without that character, with a note.
- Not UTF-8: when valid multi-byte UTF-8 characters outnumber the bad bytes,
  the file is UTF-8 with a few damaged bytes: each becomes U+FFFD. Otherwise
  it is read as Windows-1252 (what "Latin-1" files really are: its printable
  characters are Latin-1's plus curly quotes and dashes). Either way a note.
- Refused: files that start like a PDF, ZIP/Office document, image or other
  binary format, and files whose first 4,000 characters are more than 5%
  control characters (zero bytes included). A few stray control characters
  in text are replaced later (see text.sanitise).

Line endings become ``\\n`` (``\\r\\n`` and ``\\r`` too), as Python's universal
newlines do, so offsets into the decoded text equal offsets into
``open(path, encoding=...).read()``.
"""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from .problems import IngestError, line_of

BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"), (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
SIGNATURES = ((b"%PDF-", "a PDF document"), (b"PK\x03\x04", "a ZIP archive or Word/OpenDocument file"),
              (b"\xd0\xcf\x11\xe0", "an old Word or Excel document"), (b"{\\rtf", "an RTF document"),
              (b"\x1f\x8b", "gzip-compressed"), (b"\x89PNG", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"),
              (b"GIF8", "a GIF image"), (b"\x7fELF", "a program"), (b"SQLite format 3", "an SQLite database"))
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_LATIN1_LABELS = {"iso-8859-1", "iso8859-1", "latin-1", "latin1", "l1", "us-ascii", "ascii", "windows-1252", "cp1252"}


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    notes: tuple[tuple[str, int | None], ...] = ()   # (reason, line) for each guess or repair


def decode(data: bytes, path: str, declared: str | None = None) -> Decoded:
    """Decode a whole file; ``declared`` is an encoding the file names itself (an HTML meta charset)."""
    if not data.strip():
        raise IngestError(path, "empty file")
    for magic, what in SIGNATURES:
        if data.startswith(magic):
            raise IngestError(path, f"{what}, not text: convert it to text, HTML or JSON Lines first")
    text, encoding, notes = _decode(data, path, declared)
    if not text.strip():   # a byte-order mark alone, or one character cut short
        raise IngestError(path, "empty file")
    head = text[:4000]
    if len(_CONTROL.findall(head)) > 0.05 * len(head):
        raise IngestError(path, "binary file, not text (mostly control characters)")
    return Decoded(text.replace("\r\n", "\n").replace("\r", "\n"), encoding, notes)


def _decode(data: bytes, path: str, declared: str | None) -> tuple[str, str, tuple]:
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(encoding), encoding, ()
            except UnicodeDecodeError as e:
                raise IngestError(path, f"starts with a {encoding.upper()} byte-order mark but is not "
                                        f"{encoding.upper()} (byte {e.start + len(bom)})") from None
    utf16 = _utf16_without_bom(data)
    if utf16:
        try:
            return data.decode(utf16), utf16, ((f"no byte-order mark; read as {utf16.upper()}", None),)
        except UnicodeDecodeError:
            raise IngestError(path, "binary file, not text (zero bytes)") from None
    if declared:
        label = declared.lower()
        encoding = "cp1252" if label in _LATIN1_LABELS else label
        try:
            return data.decode(encoding), codecs.lookup(encoding).name, ()
        except (LookupError, UnicodeDecodeError):
            pass   # a wrong or unknown label: the content decides
    try:
        return data.decode("utf-8"), "utf-8", ()
    except UnicodeDecodeError as e:
        if e.end == len(data) and e.reason == "unexpected end of data":
            dropped = len(data) - e.start
            return data[:e.start].decode("utf-8"), "utf-8", (
                (f"ends inside a UTF-8 character (the file looks cut short); "
                 f"{'its last byte was' if dropped == 1 else f'its last {dropped} bytes were'} dropped",
                 line_of(data, e.start)),)
        first = e.start
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count(codecs.encode("\ufffd", "utf-8"))
    multibyte = sum(1 for c in text if ord(c) > 127) - bad
    line = line_of(data, first)
    if multibyte > bad:
        return text, "utf-8", ((f"not valid UTF-8: {bad} damaged byte{'s' if bad > 1 else ''} replaced by U+FFFD",
                                line),)
    # Bytes Windows-1252 leaves undefined become lone surrogates, which sanitise() turns into U+FFFD.
    return data.decode("cp1252", errors="surrogateescape"), "cp1252", (
        (f"not valid UTF-8 (byte {first}); read as Windows-1252 (Latin-1)", line),)


def _utf16_without_bom(data: bytes) -> str | None:
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.3 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.3 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None
