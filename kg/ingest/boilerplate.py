"""Page furniture in plain text: ad slots, sign-ups, teasers, menus, mastheads, repeated captions.

The patterns are in kg/data/boilerplate.tsv; the structural rules (navigation
lists, mastheads, repeated captions) are here. Spans are character offsets
into the text, end exclusive, sorted and merged.

A rule takes only the furniture it matches, never the article's body. The
"paragraph" rules match a whole line by a word or two in it ("email" and
"subscribe"), which a news sentence can hold too ("She will email voters and
ask them to subscribe"): such a line is furniture only when it talks to the
reader (it starts "Sign up", "Subscribe", "Enter" ..., or says you, your,
our, we or us outside quotation marks) or is a short label that is no
sentence ("Cookie settings"). An article that cleaning still
empties is reported by the readers, not built empty.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources

from ..dates import find_date


@dataclass(frozen=True)
class _Rule:
    pattern: re.Pattern
    scope: str


def _rules() -> list[_Rule]:
    rules = []
    for line in resources.files("kg.data").joinpath("boilerplate.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rx, scope = line.rsplit("\t", 1)
            rules.append(_Rule(re.compile(rx, re.I), scope.strip()))
    return rules


_RULES: list[_Rule] | None = None
_BULLET = re.compile(r"^\s*(?:[•·▪●◦*-]|\d+\.)\s+(.*)$")
_FIGURE = re.compile(r"\d{2,}")
_UNIT_SPLIT = re.compile(r"(?<=[.!?)])(?=[A-Z])|(?<=[.!?])\s+(?=[A-Z(])")
_READER = re.compile(r"\b(?:you|your|yours|our|we|us)\b", re.I)
_ASKS = re.compile(r"(?:sign[ -]up|subscribe|register|enter|click|tap|join|get|follow|download)\b", re.I)
_QUOTED = re.compile(r"[\"“][^\"“”]*[\"”]")
LABEL_WORDS = 6   # a "paragraph" rule's line of at most this many words, not ending as a sentence, is a label


def _lines(text: str) -> list[tuple[int, int, str]]:
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, pos + len(line), line))
        pos += len(line) + 1
    return out


def find_boilerplate(text: str) -> list[tuple[int, int]]:
    """Spans of page furniture in ``text``, sorted and merged."""
    global _RULES
    if _RULES is None:
        _RULES = _rules()
    lines = _lines(text)
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(lines):
        start, end, line = lines[i]
        stripped = line.strip()
        rule = next((r for r in _RULES if stripped and r.pattern.fullmatch(stripped) and _furniture(r, stripped)),
                    None)
        if rule is None:
            i += 1
            continue
        last = i
        if rule.scope == "teaser":
            nxt = next((j for j in range(i + 1, len(lines)) if lines[j][2].strip()), None)
            if nxt is not None and len(lines[nxt][2].split()) <= 40:
                last = nxt
        elif rule.scope == "block":
            j = i + 1
            while j < len(lines) and lines[j][2].strip() and len(lines[j][2].split()) <= 16 \
                    and not lines[j][2].rstrip().endswith((".", "?", "!", "”", '"')):
                last, j = j, j + 1
        spans.append((start + len(line) - len(line.lstrip()), lines[last][1]))
        i = last + 1
    spans += _navigation_lists(lines) + _masthead(lines) + _repeats(text, lines)
    return _merge(spans)


def _furniture(rule: _Rule, line: str) -> bool:
    """Whether a line a rule matched is furniture: a "paragraph" rule's line must address the reader
    or be a short label, or it may be the article's own sentence."""
    if rule.scope != "paragraph":
        return True
    if len(line.split()) <= LABEL_WORDS and not line.endswith((".", "!", "?", '"', "”")):
        return True
    return _ASKS.match(line) is not None or _READER.search(_QUOTED.sub(" ", line)) is not None


def _navigation_lists(lines) -> list[tuple[int, int]]:
    """Runs of eight or more short bullet items that are not sentences (menus, job lists). A run
    whose items mostly carry figures is a results list ("- Jane Doe (Lab) - 12,345"), not a menu."""
    spans, run, figures = [], [], 0
    for start, end, line in lines + [(0, 0, "")]:
        m = _BULLET.match(line)
        if m and len(m.group(1).split()) <= 8 and not m.group(1).rstrip().endswith("."):
            run.append((start, end))
            figures += bool(_FIGURE.search(m.group(1)))
            continue
        if len(run) >= 8 and figures * 2 < len(run):
            spans.append((run[0][0], run[-1][1]))
        run, figures = [], 0
    return spans


def _masthead(lines) -> list[tuple[int, int]]:
    """A run of two or more very short lines before the first real line (a masthead, a section
    label); a single short line there is a headline and stays."""
    spans = []
    for start, end, line in lines:
        words = line.split()
        if len(words) >= 4:
            break
        if words and not find_date(line) and not re.search(r"\b(19|20)\d\d\b", line):
            spans.append((start + len(line) - len(line.lstrip()), end))
    return spans if len(spans) >= 2 else []


def _repeats(text: str, lines) -> list[tuple[int, int]]:
    """Second and later copies of sentence-sized units (repeated photo captions).

    A run of units seen before is furniture when one of them is long (60+
    characters): short repeats alone ("Labour said.") are ordinary prose.
    """
    seen: set[str] = set()
    spans = []
    for start, end, line in lines:
        pos, run, has_long = start, [], False
        units = []
        for unit in _UNIT_SPLIT.split(line):
            key = " ".join(unit.split())
            units.append((pos, pos + len(unit), key))
            pos += len(unit)
            while pos < end and text[pos] == " ":
                pos += 1
        for s, e, key in units + [(end, end, "")]:
            if key and key in seen:
                run.append((s, e))
                has_long = has_long or len(key) >= 60
                continue
            if run and has_long:
                spans.append((run[0][0], run[-1][1]))
            run, has_long = [], False
            if key:
                seen.add(key)
    return spans


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[list[int]] = []
    for s, e in sorted(spans):
        if merged and s <= merged[-1][1] + 1:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    return [(s, e) for s, e in merged]
