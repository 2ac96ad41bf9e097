"""Dates as news writes them, to ISO strings at the precision the text allows."""
from __future__ import annotations

import re
from datetime import date, timedelta

MONTHS = {m: i for i, m in enumerate(
    "january february march april may june july august september october november december".split(), 1)}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9

_MONTH = r"(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"((?:19|20)\d\d)"
PATTERNS = [
    (re.compile(rf"\b{_YEAR}-(\d\d)-(\d\d)\b"), ("y", "m", "d")),
    (re.compile(rf"\b{_DAY} {_MONTH},? {_YEAR}\b", re.I), ("d", "mon", "y")),
    (re.compile(rf"\b{_MONTH} {_DAY},? {_YEAR}\b", re.I), ("mon", "d", "y")),
]


def _iso(y: int, m: int, d: int) -> str | None:
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def find_date(text: str) -> tuple[str, int, int] | None:
    """The first full calendar date in ``text``: (ISO date, start, end)."""
    best = None
    for rx, order in PATTERNS:
        for m in rx.finditer(text):
            parts = dict(zip(order, m.groups()))
            month = int(parts["m"]) if "m" in parts else MONTHS.get(parts["mon"].lower().rstrip("."))
            iso = month and _iso(int(parts["y"]), month, int(parts["d"]))
            if iso and (best is None or m.start() < best[1]):
                best = (iso, m.start(), m.end())
            if iso:
                break
    return best


def month_number(word: str) -> int | None:
    return MONTHS.get(word.lower().rstrip("."))


def relative(expression: str, anchor: str | None) -> str | None:
    """Resolve a relative time expression against the article date (ISO).

    Returns the date at the precision the expression allows, or None:
    "last month" -> YYYY-MM, "last week"/"yesterday" -> YYYY-MM (a week is not a day),
    "in May" -> the most recent May not after the anchor, "last year" -> YYYY.
    """
    text = expression.lower().strip()
    m = re.search(r"\b((?:19|20)\d\d)\b", text)
    if m and not re.search(r"\b(since|until|before)\b", text):
        month = next((month_number(w) for w in re.findall(r"[a-z]+", text) if month_number(w)), None)
        return f"{m.group(1)}-{month:02d}" if month else m.group(1)
    today = _day(anchor)
    if today is None:
        return None
    if re.search(r"\blast month\b", text):
        first = today.replace(day=1) - timedelta(days=1)
        return f"{first.year}-{first.month:02d}"
    if re.search(r"\b(this month|earlier this month)\b", text):
        return f"{today.year}-{today.month:02d}"
    if re.search(r"\b(last week|yesterday|this week|earlier this week|on \w+day)\b", text):
        day = today - timedelta(days=7 if "last week" in text else 1)
        return f"{day.year}-{day.month:02d}"
    if re.search(r"\blast year\b", text):
        return str(today.year - 1)
    if re.search(r"\bthis year\b", text):
        return str(today.year)
    for word in re.findall(r"[a-z]+", text):
        month = month_number(word)
        # "may" is a month only after a preposition ("in May", "since May").
        if not month or (word == "may" and not re.search(r"\b(in|since|of|last|early|late|mid)[- ]may\b", text)):
            continue
        year = today.year if month <= today.month else today.year - 1
        return f"{year}-{month:02d}"
    return None


WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def day(expression: str, anchor: str | None) -> str | None:
    """The calendar day an expression names against the article date: "yesterday", "today",
    "Thursday" (the last Thursday on or before the article's date); None without a date."""
    today = _day(anchor)
    if today is None:
        return None
    text = expression.lower()
    if re.search(r"\byesterday\b", text):
        return (today - timedelta(days=1)).isoformat()
    if re.search(r"\b(?:today|tonight)\b", text):
        return today.isoformat()
    for n, name in enumerate(WEEKDAYS):
        if re.search(rf"\b{name}\b", text):
            return (today - timedelta(days=(today.weekday() - n) % 7)).isoformat()
    return None


def _day(anchor: str | None) -> date | None:
    try:
        return date.fromisoformat(anchor[:10]) if anchor else None
    except ValueError:
        return None
