"""The extraction cache: what each article gave, kept as JSON beside the store.

``DIR/cache/<sha256 of the text>.json`` holds one article's ArticleFacts with
the key they were made under: the extractor's fingerprint (kg's version and a
hash of the code and data files that decide what is extracted) and the spaCy
model. A later build reuses an entry only when both match and the article's
metadata is the same (its path and file name aside), so changing the code,
the data files or the model re-parses everything, and nothing stale is
reused silently. A corrupt or unreadable entry is a miss, never an error.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import types
import typing
from functools import lru_cache
from pathlib import Path

from . import __version__
from .export import atomic_file
from .model import ArticleFacts, ArticleMeta

FORMAT = 1
PACKAGE = Path(__file__).resolve().parent
# What decides the facts of an article: ingest (its clean text and metadata), the parse, the rules and their data.
SOURCES = ("ingest*.py", "ingest/**/*.py", "dates.py", "nlp.py", "model.py", "extract/**/*.py", "data/**/*")


@lru_cache(maxsize=1)
def fingerprint() -> str:
    """kg's version and a hash of the extraction code and data, as one string."""
    h = hashlib.sha256()
    paths = {p for pattern in SOURCES for p in PACKAGE.glob(pattern)
             if p.is_file() and p.suffix != ".pyc" and "__pycache__" not in p.parts}
    for path in sorted(paths):
        h.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return f"{__version__}+{h.hexdigest()[:16]}"


def dumps(value) -> str:
    """Compact JSON of a value made of dataclasses, tuples and scalars. json's C encoder walks the
    tuples and scalars itself and calls back only for each dataclass (a Python walk of every value
    took three times as long)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=_as_dict, check_circular=False)


def _as_dict(value) -> dict:
    """A dataclass's fields by name, unconverted (TypeError for anything else, as json expects)."""
    return {name: getattr(value, name) for name in _names(type(value))}


@lru_cache(maxsize=None)
def _names(cls) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls))


def decode(cls, data):
    """Rebuild a value of type ``cls`` (dataclasses, tuples, optionals, scalars) from JSON data."""
    return _decoder(cls)(data)


@lru_cache(maxsize=None)
def _decoder(cls):
    """A function that rebuilds values of type ``cls``, made once per type so that decoding a cache
    entry does not inspect type hints again for every value in it."""
    origin, args = typing.get_origin(cls), typing.get_args(cls)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in args if a is not type(None)]
        if len(options) > 1 and all(a in (int, float, str, bool) for a in options):   # "int | float": either
            kinds = tuple(options)
            return lambda data: None if data is None else _scalar(kinds, data)
        inner = _decoder(options[0])
        return lambda data: None if data is None else inner(data)
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            item = _decoder(args[0])
            return lambda data: tuple(map(item, data))
        items = tuple(_decoder(a) for a in args)
        return lambda data: tuple(f(x) for f, x in zip(items, data, strict=True))
    if dataclasses.is_dataclass(cls):
        hints = typing.get_type_hints(cls)
        fields = tuple((f.name, _decoder(hints[f.name])) for f in dataclasses.fields(cls))
        return lambda data: cls(**{name: f(data[name]) for name, f in fields if name in data})
    if cls is float:
        return lambda data: float(data) if isinstance(data, int) else _scalar(float, data)
    return lambda data: _scalar(cls, data)


def _scalar(cls, data):
    if not isinstance(data, cls):
        names = " or ".join(c.__name__ for c in cls) if isinstance(cls, tuple) else cls.__name__
        raise TypeError(f"expected {names}, got {type(data).__name__}")
    return data


def same_article(a: ArticleMeta, b: ArticleMeta) -> bool:
    """The same text with the same metadata, wherever the file was."""
    return dataclasses.replace(a, path="", name="") == dataclasses.replace(b, path="", name="")


class Cache:
    """The cache directory of one build output, for one spaCy model."""

    def __init__(self, directory: str | Path, model: str):
        self.dir, self.model = Path(directory), model
        self.key = {"format": FORMAT, "extractor": fingerprint(), "model": model}

    def _path(self, sha256: str) -> Path:
        return self.dir / f"{sha256}.json"

    def _entry(self, sha256: str) -> dict | None:
        try:
            entry = json.loads(self._path(sha256).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return entry if isinstance(entry, dict) else None

    def _current(self, entry: dict) -> bool:
        return all(entry.get(k) == v for k, v in self.key.items())

    @staticmethod
    def _facts(entry: dict) -> ArticleFacts | None:
        try:
            return decode(ArticleFacts, entry["facts"])
        except (ValueError, KeyError, TypeError, StopIteration):
            return None

    def read(self, sha256: str) -> tuple[ArticleFacts, bool] | None:
        """(facts, current) of an entry, current when made by this extractor and model; None if absent or unreadable."""
        entry = self._entry(sha256)
        facts = None if entry is None else self._facts(entry)
        return None if facts is None else (facts, self._current(entry))

    def get(self, meta: ArticleMeta) -> ArticleFacts | None:
        """The cached facts of an article, if they are current; carrying the article's own path and name.
        A stale entry is not decoded."""
        entry = self._entry(meta.sha256)
        if entry is None or not self._current(entry):
            return None
        facts = self._facts(entry)
        if facts is None or not same_article(facts.meta, meta):
            return None
        return dataclasses.replace(facts, meta=meta)

    def put(self, facts: ArticleFacts) -> None:
        # Renamed into place but not flushed to disk: an entry lost in a crash is a miss, not an error.
        # json.dumps encodes in C; json.dump would hand the file thousands of small pieces.
        text = dumps({**self.key, "facts": facts})
        with atomic_file(self._path(facts.meta.sha256), "w", sync=False) as f:
            f.write(text)

    def forget(self, shas: set[str]) -> None:
        """Remove the entries of these articles (SHA-256s)."""
        for sha in shas:
            self._path(sha).unlink(missing_ok=True)

    def prune(self, keep: set[str]) -> int:
        """Remove the entries of articles not in ``keep`` (SHA-256s); returns how many went."""
        gone = 0
        for path in self.dir.glob("*.json"):
            if path.stem not in keep:
                path.unlink(missing_ok=True)
                gone += 1
        return gone
