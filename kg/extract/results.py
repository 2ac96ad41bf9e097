"""Results lists and tables: a line grammar over the text, which the small parser reads badly.

News prints a contest's result one candidate a line (or several run together
on one line), in many layouts:

    Jane Doe (Lab) 13,166 (47.94%, +8.13%)
    - Jane Doe (Labour Party) - 13,166 (47.9% of vote)
    *Doe, Jane (FF) 8,164                      an Irish count: surname first, * a sitting member
    Liberal Democrat (Jane Doe): 375 [37.0%, -11.1]
    Conservative – 477 [54.6%, +23.6]          a party alone (council results)
    • Conservative Tom Roe 13,748 votes
    • Tom Roe, independent 811 votes

with summary lines around them (``Lab maj 4,925 (17.93%)``, ``Majority 176``,
``Turnout: 39.46%``, ``Con hold``, ``LD gain from Con``, ``12.69% swing Con to
Lab``) and a heading above (``Exampleshire CC, Example ward``, ``FIRST
COUNT:``). A line counts only when all of it parses as rows and summaries,
and a table needs two rows, so prose never reads as a table. The words of
summaries and headings are in kg/data/results.tsv. Everything here works on
the text alone: DocNames takes the rows' names as mentions, the outcome
finder turns the rows into votes, ranks, shares and a winner.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import Lexicon, fold

UPPER = "A-ZÀ-ÖØ-ÞĀ-ŽȘȚ"
_WORD = rf"(?:(?:Mc|Mac|O['’]|D['’])?[{UPPER}][\w'’.\-]*)"
_PARTICLE = r"(?:de|van|von|der|den|da|di|du|la|le|del|della|dos|das|bin|al|ter|ten|ni|nic|mac|ó|ua)"
NAME = rf"{_WORD}(?:[ \t]+(?:{_PARTICLE}[ \t]+)*{_WORD}){{0,4}}"
_NAME_RE = re.compile(rf"\*?(?P<name>{NAME})")
_INVERTED_RE = re.compile(rf"\*?(?P<surname>{NAME}),[ \t]*(?P<given>{NAME})")
# A count of votes: a whole number not part of a decimal, a percentage or a date.
_VOTES_RE = re.compile(r"(?<![\d.,/])(?P<n>\d{1,3}(?:,\d{3})+|\d{1,7})(?![\d,]*\d)(?!\.\d)(?!\s*(?:%|per ?cent|percent))")
_FIGURES_RE = re.compile(
    r"[ \t]*(?:votes?\b)?[ \t]*"
    r"(?:[\(\[][ \t]*(?P<share>\d{1,3}(?:\.\d+)?)[ \t]*(?:%|per ?cent)?(?:[ \t]*of[ \t]+(?:the[ \t]+)?(?:vote|votes|poll)\b)?"
    r"(?:[ \t]*[,;][ \t]*(?P<change>[+\-–−±][ \t]*\d{1,3}(?:\.\d+)?)[ \t]*%?)?[ \t]*[\)\]])?[ \t]*(?:votes?\b)?")
_BRACKET_RE = re.compile(r"[ \t]*[\(\[](?P<inner>[^()\[\]\n]{1,60})[\)\]][ \t]*")
_BULLET_RE = re.compile(r"^[ \t]*(?:[-–—•*·][ \t]+|\d{1,2}[.)][ \t]+)?")
_SEP = " \t-–—:,"
_DIGIT = re.compile(r"\d")
_SHORTHAND_WORD = re.compile(r"\b(?:hold|holds|gain|gains)\b", re.I)
_MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
           "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}


@dataclass(frozen=True)
class Row:
    """One candidate's (or one party's) line of a results table; spans are character offsets."""

    start: int
    end: int
    votes: int
    votes_span: tuple[int, int]
    name: str | None = None                 # the person, given name first ("Jane Doe" for "Doe, Jane")
    name_span: tuple[int, int] | None = None   # the name as written
    party: str | None = None                # the party as written ("Lab", "Liberal Democrat")
    party_span: tuple[int, int] | None = None
    independent: bool = False
    share: float | None = None              # per cent of the vote
    change: float | None = None             # its change in percentage points
    sitting: bool = False                   # marked as the sitting member ("*Doe, Jane")


@dataclass(frozen=True)
class Summary:
    """A line about the whole contest: majority, turnout, swing, hold or gain ..."""

    start: int
    end: int
    kind: str                       # majority, turnout, swing, electorate, rejected, quota, valid, hold, gain
    value: int | None = None        # a count (majority, turnout, rejected ballots)
    share: float | None = None      # a percentage (turnout, swing, majority's share)
    party: str | None = None        # the party it is about ("Lab maj ...", "Con hold", "LD gain from Con")
    party_span: tuple[int, int] | None = None
    other: str | None = None        # the party a gain is from, a swing is from
    other_span: tuple[int, int] | None = None


@dataclass(frozen=True)
class Table:
    rows: tuple[Row, ...]
    summaries: tuple[Summary, ...]
    headings: tuple[tuple[int, int], ...]   # the short lines right above it, nearest last
    count: bool                     # an unfinished count (first preferences): no winner yet
    start: int
    end: int


def find_tables(text: str, lex: Lexicon, country: str | None = None) -> list[Table]:
    """Every results table of the text, in text order."""
    if not _VOTES_RE.search(text):
        return []
    lines, pos = [], 0
    for line in text.split("\n"):
        lines.append((pos, pos + len(line)))
        pos += len(line) + 1
    parsed = [_parse_line(text, s, e, lex, country) for s, e in lines]
    tables, k = [], 0
    while k < len(lines):
        if parsed[k] is None:
            k += 1
            continue
        first = k
        rows: list[Row] = []
        sums: list[Summary] = []
        while k < len(lines) and (parsed[k] is not None or (not text[lines[k][0]:lines[k][1]].strip()
                                                            and k + 1 < len(lines) and parsed[k + 1] is not None)):
            if parsed[k] is not None:
                rows += parsed[k][0]
                sums += parsed[k][1]
            k += 1
        if len(rows) < 2:
            continue
        headings = _headings(text, lines, first)
        sums = [x for x in (_summary(text, hs, he, lex, country) for hs, he in headings) if x is not None] + sums
        head_text = " ".join(text[s:e] for s, e in headings).lower()
        count = any(w in head_text for w in lex.results["count"])
        tables.append(Table(tuple(rows), tuple(sums), tuple(headings), count, lines[first][0], lines[k - 1][1]))
    return tables


def _headings(text: str, lines: list[tuple[int, int]], first: int) -> list[tuple[int, int]]:
    """The short lines right above a table (up to a blank line or a sentence), nearest last."""
    out = []
    for s, e in reversed(lines[max(0, first - 8):first]):
        line = text[s:e].strip()
        if not line or len(line.split()) > 10 or (line[-1] in ".!?\"”’" and len(line.split()) > 3):
            break
        out.append((s, e))
    return out[::-1]


def _parse_line(text: str, s: int, e: int, lex: Lexicon, country: str | None):
    """(rows, summaries) when the whole line is results, else None."""
    line = text[s:e]
    if not line.strip() or len(line) > 2000 or not (_DIGIT.search(line) or _SHORTHAND_WORD.search(line)):
        return None
    summary = _summary(text, s + _BULLET_RE.match(line).end(), e, lex, country)
    if summary is not None:
        return [], [summary]
    rows: list[Row] = []
    sums: list[Summary] = []
    at = s + _BULLET_RE.match(line).end()
    while at < e and text[at:e].strip():
        m = _VOTES_RE.search(text, at, e)
        if m is None:
            return None
        figures = _FIGURES_RE.match(text, m.end(), e)
        end = figures.end()
        if end < e and not (text[end].isspace() or text[end] in "*•-–—,;" or text[end].isupper()):
            return None
        left_end = m.start()
        while left_end > at and text[left_end - 1] in _SEP:
            left_end -= 1
        left_start = at
        while left_start < left_end and text[left_start] in _SEP + "•*·":
            left_start += 1
        votes = int(m.group("n").replace(",", ""))
        found = _row(text, left_start, left_end, lex, country)
        if found is None:
            tail = _summary(text, left_start, end, lex, country)   # "... Labour majority 8,326 (36.87%)"
            if tail is None:
                return None
            sums.append(tail)
        else:
            share = float(figures.group("share")) if figures.group("share") else None
            change = _number(figures.group("change")) if figures.group("change") else None
            if "*" in text[at:left_start]:
                found["sitting"] = True   # "*Doe, Jane": the sitting member
            rows.append(Row(left_start, end, votes, (m.start(), m.end()), share=share, change=change, **found))
        at = end
        while at < e and text[at] in " \t,;":
            at += 1
    return (rows, sums) if rows or sums else None


def _number(text: str) -> float:
    return float(text.replace(" ", "").replace("–", "-").replace("−", "-").replace("±", ""))


def _party_like(text: str, lex: Lexicon, country: str | None) -> bool:
    entry = lex.org(text.strip(), country)
    return entry is not None and entry.kind == "PoliticalParty"


def _independent(text: str, lex: Lexicon) -> bool:
    return fold(text.strip()) in lex.results["independent"]


def _person(text: str, a: int, b: int) -> dict | None:
    """A person's name filling text[a:b]: "Jane Doe", "*Doe, Jane", with the given name first."""
    piece = text[a:b]
    m = _INVERTED_RE.fullmatch(piece)
    if m is not None:
        surname, given = m.group("surname"), m.group("given")
        if not _plausible(surname) or not _plausible(given):
            return None
        start = a + m.start("surname")
        return {"name": f"{given} {surname}", "name_span": (start, b)}
    m = _NAME_RE.fullmatch(piece)
    if m is None or len(m.group("name").split()) < 2 or not _plausible(m.group("name")):
        return None
    return {"name": m.group("name"), "name_span": (a + m.start("name"), b)}


def _plausible(name: str) -> bool:
    words = [w.strip(".").lower() for w in name.split()]
    return bool(words) and not any(w in _MONTHS for w in words)


def _row(text: str, a: int, b: int, lex: Lexicon, country: str | None) -> dict | None:
    """What stands before a row's vote count: a person and a party in one of the layouts."""
    piece = text[a:b]
    if not piece.strip():
        return None
    br = None
    for m in _BRACKET_RE.finditer(piece):
        if m.end() == len(piece):
            br = m
    if br is not None:   # "X (Y)"
        outer_b, inner = a + br.start(), br.group("inner").strip()
        inner_a = a + br.start("inner") + (len(br.group("inner")) - len(br.group("inner").lstrip()))
        inner_span = (inner_a, inner_a + len(inner))
        outer = text[a:outer_b]
        if (_party_like(outer, lex, country) or _independent(outer, lex)) and not _party_like(inner, lex, country) \
                and not _independent(inner, lex):
            person = _person(text, *inner_span)   # "Liberal Democrat (Jane Doe)"
            if person is not None:
                return {**person, **_party_fields(outer, (a, outer_b), lex)}
        person = _person(text, a, outer_b)
        if person is not None and len(inner) <= 50:   # "Jane Doe (Lab)", "Doe, Jane (Soc Dem)"
            return {**person, **_party_fields(inner, inner_span, lex)}
        return None
    if _party_like(piece, lex, country) or _independent(piece, lex):   # "Conservative: 30"
        return _party_fields(piece, (a, b), lex)
    if "," in piece:   # "Tom Roe, independent"
        name, _, party = piece.rpartition(",")
        p_start = a + len(name) + 1 + (len(party) - len(party.lstrip()))
        if _party_like(party, lex, country) or _independent(party, lex):
            person = _person(text, a, a + len(name.rstrip()))
            if person is not None:
                return {**person, **_party_fields(party.strip(), (p_start, b), lex)}
    words = piece.split()
    for width in range(min(4, len(words) - 2), 0, -1):   # "Conservative Tom Roe"
        head = " ".join(words[:width])
        if _party_like(head, lex, country) or _independent(head, lex):
            rest = a + piece.index(words[width], len(head))
            person = _person(text, rest, b)
            if person is not None:
                return {**person, **_party_fields(head, (a, a + len(head)), lex)}
    return None


def _party_fields(written: str, span: tuple[int, int], lex: Lexicon) -> dict:
    written = written.strip()
    if _independent(written, lex):
        return {"independent": True}
    return {"party": written, "party_span": span}


_SUMMARY_RE = re.compile(
    r"^(?:(?P<party>[^\d:()]{1,40}?)[ \t]+)?(?P<word>majority|maj\.?|turnout|turn[- ]out|electorate|quota|"
    r"rejected(?:[ \t]+ballots)?|spoil(?:ed|t)(?:[ \t]+(?:ballots|papers))?|valid[ \t]+poll|total[ \t]+poll|"
    r"total[ \t]+votes|votes[ \t]+cast)[ \t]*[:=\-–]?[ \t]*"
    r"(?:(?P<value>\d{1,3}(?:,\d{3})+|\d+)(?![.\d]*[ \t]*%))?[ \t]*"
    r"[\(\[]?[ \t]*(?:(?P<share>\d{1,3}(?:\.\d+)?)[ \t]*(?:%|per ?cent))?[^\n]{0,40}$", re.I)
_SHORTHAND_RE = re.compile(r"^(?P<party>[^\d:()]{1,40}?)[ \t]+(?P<word>hold|holds|gain|gains|GAIN|HOLD)"
                           r"(?:[ \t]+from[ \t]+(?P<other>[^\d:()]{1,40}?))?[ \t]*[.!]?$", re.I)
_SWING_RE = re.compile(r"^(?P<share>\d{1,2}(?:\.\d+)?)[ \t]*(?:%|per ?cent)?[ \t]+swing[ \t]+(?:from[ \t]+)?"
                       r"(?P<party>[^\d:()]{1,40}?)[ \t]+to[ \t]+(?P<other>[^\d:()]{1,40}?)[ \t]*\.?$", re.I)


def _summary(text: str, s: int, e: int, lex: Lexicon, country: str | None) -> Summary | None:
    line = text[s:e].rstrip()
    e = s + len(line)
    m = _SWING_RE.match(line)
    if m and _party_like(m.group("party"), lex, country) and _party_like(m.group("other"), lex, country):
        return Summary(s, e, "swing", share=float(m.group("share")), **_spans(m, s, "party", "other"))
    m = _SHORTHAND_RE.match(line)
    if m and _party_like(m.group("party"), lex, country) and \
            (m.group("other") is None or _party_like(m.group("other"), lex, country)):
        kind = "hold" if m.group("word").lower().startswith("hold") else "gain"
        return Summary(s, e, kind, **_spans(m, s, "party", "other"))
    m = _SUMMARY_RE.match(line)
    if m is None or (m.group("value") is None and m.group("share") is None):
        return None
    party = m.group("party")
    if party is not None and not _party_like(party, lex, country):
        return None
    word = fold(m.group("word"))
    kind = next((k for k in ("majority", "turnout", "electorate", "quota", "rejected", "valid")
                 if word in lex.results[k] or word.split()[0] in lex.results[k]), None)
    if kind is None:
        return None
    value = int(m.group("value").replace(",", "")) if m.group("value") else None
    share = float(m.group("share")) if m.group("share") else None
    return Summary(s, e, kind, value, share, **_spans(m, s, "party", None))


def _spans(m: re.Match, s: int, party: str, other: str | None) -> dict:
    out = {}
    for key, group in (("party", party), ("other", other)):
        if group and m.group(group):
            out[key] = m.group(group).strip()
            out[f"{key}_span"] = (s + m.start(group), s + m.start(group) + len(m.group(group).rstrip()))
    return out
