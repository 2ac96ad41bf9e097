"""Builds into a directory that holds a store: which articles it holds, and the full path.

A build into a store with a current entity index adds to it through kg.update. Without one (a
store made by an older kg, or after a change of the extraction code, the model or the settings),
the build takes the earlier articles' facts from the extraction cache and writes a fresh store
from all of them, so that entity resolution runs across old and new articles alike (``merge``).
An article of this run replaces an earlier one with the same URL (or, without a URL, the same file
name) and a different text; an article read again unchanged is taken from the cache. Facts are
sorted by article id before resolution, so the same set of articles always gives the same
triples, however it was built up.
"""
from __future__ import annotations

import dataclasses
import os
import time
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from pyoxigraph import Store

from .cache import Cache
from .export import recover_dir
from .ingest import Source, read_source, url_key
from .model import Article, ArticleFacts, ArticleMeta
from .vocab import PREFIXES

Extract = Callable[[Iterable[Article]], Iterable[ArticleFacts]]


class StoreError(Exception):
    """An existing store that cannot be read or is being written; str() is one line."""


@dataclass(frozen=True)
class Held:
    """An article an existing store holds."""

    id: str
    sha256: str
    name: str
    url: str | None = None

    @property
    def key(self) -> tuple[str, str]:
        return identity(self.url, self.name)


@dataclass
class Merge:
    """What became of the earlier articles."""

    kept: int = 0
    replaced: int = 0
    reparsed: int = 0
    stale: list[str] = field(default_factory=list)


def identity(url: str | None, name: str) -> tuple[str, str]:
    """What makes two texts versions of one article: the URL when known (compared as kg.ingest
    compares URLs for duplicates), else the name facts.json gives it (file, path below the
    directory given, or file#record)."""
    key = url_key(url)
    return ("url", key) if key else ("name", name)


def meta_key(meta: ArticleMeta) -> tuple[str, str]:
    return identity(meta.url, meta.name)


def with_cache(articles: Iterable[Article], cache: Cache, extract: Extract, counts=None,
               timings=None) -> Iterator[ArticleFacts]:
    """Facts of ``articles``: current cache entries as they are, the rest through ``extract`` (and into the cache).
    ``timings``, a Counter, gets the seconds spent in the cache."""
    hits: list[ArticleFacts] = []
    spent = timings if timings is not None else Counter()

    def misses() -> Iterator[Article]:
        for article in articles:
            started = time.perf_counter()
            found = cache.get(article.meta)
            spent["cache"] += time.perf_counter() - started
            if found is None:
                yield article
            else:
                hits.append(found)

    for facts in extract(misses()):
        started = time.perf_counter()
        cache.put(facts)
        spent["cache"] += time.perf_counter() - started
        if counts is not None:
            counts["parsed"] += 1
        yield facts
        yield from _drain(hits, counts)
    yield from _drain(hits, counts)


def _drain(hits: list[ArticleFacts], counts) -> Iterator[ArticleFacts]:
    while hits:
        if counts is not None:
            counts["cached"] += 1
        yield hits.pop(0)


def stored_base(store_dir: Path) -> str | None:
    """The base IRI the store in ``store_dir`` was built with (None: no store, or kg's default)."""
    from .sparql import store_base
    recover_dir(Path(store_dir))
    if not (Path(store_dir).is_dir() and any(Path(store_dir).iterdir())):
        return None
    try:
        return store_base(Store.read_only(str(store_dir)))
    except (OSError, RuntimeError) as e:   # RuntimeError: RocksDB found the files corrupt
        raise StoreError(f"{store_dir}: cannot read the existing store ({str(e).splitlines()[0]}); "
                         "build with --fresh to replace it") from None


def held_articles(store_dir: Path) -> list[Held]:
    """The articles a store holds (none when there is no store).

    A store left aside by a build interrupted while swapping in its new store is put back first.
    """
    recover_dir(Path(store_dir))
    if not (Path(store_dir).is_dir() and any(Path(store_dir).iterdir())):
        return []
    try:
        store = Store.read_only(str(store_dir))
        rows = store.query("""
            SELECT DISTINCT ?art ?hash ?name ?url WHERE { GRAPH ?g {
                ?art kg:contentHash ?hash ; kg:fileName ?name .
                OPTIONAL { ?art schema:url|<http://schema.org/url> ?url } } }""", prefixes=PREFIXES)
                # (stores written before kg moved to https://schema.org/ have the http:// terms)
        held = [Held(r["art"].value.rsplit("/", 1)[-1], r["hash"].value, r["name"].value,
                     r["url"].value if r["url"] is not None else None) for r in rows]
    except (OSError, RuntimeError) as e:   # RuntimeError: RocksDB found the files corrupt
        raise StoreError(f"{store_dir}: cannot read the existing store ({str(e).splitlines()[0]}); "
                         "build with --fresh to replace it") from None
    return sorted(held, key=lambda h: h.id)


def merge(facts: list[ArticleFacts], held: list[Held], cache: Cache, extract: Extract) -> tuple[list[ArticleFacts], Merge]:
    """This run's facts plus those of the earlier articles it does not replace, sorted by article id.

    Raises StoreError, before anything is written, when an earlier article's facts are not cached at all.
    """
    result = Merge()
    shas = {f.meta.sha256 for f in facts}
    keys = {meta_key(f.meta) for f in facts}
    earlier: list[ArticleFacts] = []
    again: list[Article] = []
    missing: list[str] = []
    for h in held:
        if h.sha256 in shas:
            continue
        if h.key in keys:
            result.replaced += 1
            continue
        found = cache.read(h.sha256)
        if found is None:
            missing.append(h.name)
            continue
        old, current = found
        article = None if current else _reread(old.meta, h.sha256)
        if article is not None:
            again.append(article)
        else:
            earlier.append(old)
            if not current:
                result.stale.append(f"{h.name}: kept with facts from an earlier extractor or model; "
                                    f"its file {old.meta.path} is gone or changed")
    if missing:   # rebuilding without them would lose them: refuse, and leave the store as it is
        raise StoreError(f"{cache.dir.parent / 'store'}: {len(missing)} earlier article(s) have no cached facts "
                         f"({', '.join(sorted(missing)[:3])}{', ...' if len(missing) > 3 else ''}); "
                         "build them again with the new ones, or build with --fresh")
    result.kept = len(earlier)
    reparsed = list(with_cache(again, cache, extract))
    result.reparsed = len(reparsed)
    return sorted(facts + earlier + reparsed, key=lambda f: f.meta.id), result


def _reread(meta: ArticleMeta, sha256: str) -> Article | None:
    """The article read again from its file (a record: from its JSON file), if the file still holds its text.

    It keeps the path and name it had, so that it stays the same article."""
    path = Path(meta.path)
    if not path.is_file() and "#" in meta.path:   # a record of a JSON (Lines) file: "file.jsonl#L12"
        path = Path(meta.path.rsplit("#", 1)[0])
    if not path.is_file():
        return None
    for item in read_source(Source(path, path.name, None)):
        if isinstance(item, Article) and item.meta.sha256 == sha256:
            return dataclasses.replace(item, meta=dataclasses.replace(item.meta, path=meta.path, name=meta.name))
    return None


@contextmanager
def build_lock(out: Path) -> Iterator[None]:
    """Hold an exclusive lock on the output directory while a build reads and replaces its store."""
    out.mkdir(parents=True, exist_ok=True)
    try:
        import fcntl
    except ImportError:   # no advisory locks on this platform
        yield
        return
    fd = os.open(out, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise StoreError(f"{out}: another kg build is writing here; wait for it to finish") from None
        yield
    finally:
        os.close(fd)
