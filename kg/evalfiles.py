"""Reading the two files kg eval compares: a gold standard and a facts file (the schema of the gold
README). Each is checked as it is read, and a file that cannot be scored raises EvalInputError, whose
message names the file and the fault (kg eval prints it as one line)."""
from __future__ import annotations

import json
from pathlib import Path


class EvalInputError(ValueError):
    """A gold or facts file that cannot be scored; the message names the file and the reason."""


# Fields each item must have: a gold file must be complete, a facts file only needs its entity ids.
GOLD_FIELDS = {"entities": ("id", "name"), "memberships": ("person", "role"),
               "quotes": ("speaker", "file", "start", "end"), "events": ("id", "name")}
FACTS_FIELDS = {"entities": ("id",), "memberships": (), "quotes": (), "events": ()}


def load(path: str | Path, role: str) -> dict:
    """Read and check a gold (role='gold') or facts file; EvalInputError names the file and the fault."""
    path = Path(path)
    try:
        doc = json.loads(path.read_bytes().decode("utf-8"))
    except FileNotFoundError:
        raise EvalInputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise EvalInputError(f"{path}: is a directory, not a {role} file") from None
    except OSError as e:
        raise EvalInputError(f"{path}: cannot read it ({e.strerror})") from None
    except UnicodeDecodeError:
        raise EvalInputError(f"{path}: not UTF-8 text") from None
    except json.JSONDecodeError as e:
        raise EvalInputError(f"{path}: not JSON (line {e.lineno}, column {e.colno}: {e.msg})") from None
    if not isinstance(doc, dict):
        raise EvalInputError(f"{path}: expected a JSON object with entities, memberships, quotes and events")
    fields = GOLD_FIELDS if role == "gold" else FACTS_FIELDS
    for section, needed in fields.items():
        if section not in doc and role == "gold":
            raise EvalInputError(f"{path}: a gold file needs a '{section}' list")
        for n, item in enumerate(_items(doc, section, path)):
            missing = [f for f in needed if item.get(f) is None]
            if missing:
                raise EvalInputError(f"{path}: {section}[{n}] has no '{missing[0]}'")
            for f in ("start", "end") if section == "quotes" else ():
                if item.get(f) is not None and (isinstance(item[f], bool) or not isinstance(item[f], int)):
                    raise EvalInputError(f"{path}: {section}[{n}].{f} should be a whole number, not {item[f]!r}")
            if section == "events":
                for o in _items(item, "outcomes", path, f"events[{n}]."):
                    if role == "gold" and (o.get("predicate") is None or o.get("subject") is None):
                        raise EvalInputError(f"{path}: an outcome of events[{n}] has no predicate or subject")
    for n, s in enumerate(_items(doc, "ignore_spans", path)):
        if not (s.get("file") and isinstance(s.get("start"), int) and isinstance(s.get("end"), int)):
            raise EvalInputError(f"{path}: ignore_spans[{n}] needs a file, a start and an end")
    return doc


def _items(doc: dict, section: str, path: Path, where: str = "") -> list[dict]:
    items = doc.get(section) or []
    if not isinstance(items, list):
        raise EvalInputError(f"{path}: {where}{section} should be a list")
    for n, item in enumerate(items):
        if not isinstance(item, dict):
            raise EvalInputError(f"{path}: {where}{section}[{n}] should be an object")
    return items
