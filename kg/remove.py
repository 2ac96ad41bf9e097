"""Removing articles from a built store (kg remove): the library call behind the command."""
from __future__ import annotations

import time
from pathlib import Path
from typing import Iterable

from . import iri
from .cache import Cache
from .export.outputs import clean as clean_outputs
from .incremental import StoreError, build_lock, stored_base
from .pipeline import BuildReport, stage, usable_index
from .update import FILES_LIMIT, Update, apply, find_articles


def remove(which: list[str], out: str | Path = "exports", view: bool = True, formats: Iterable[str] = (),
           files_limit: int = FILES_LIMIT) -> BuildReport:
    """Take the articles ``which`` (URLs, file names as facts.json gives them, or ids) out of the store in
    ``out``: their graphs go, and their entities lose what they said (kg.update). Needs the store's
    entity index, which every build of this kg keeps."""
    from .export.formats import parse_formats
    formats = parse_formats(formats)
    out, started, report = Path(out), time.perf_counter(), BuildReport()
    base = stored_base(out / "store")
    if base is None and not (out / "store").is_dir():
        raise StoreError(f"{out}: there is no store here to remove articles from")
    iri.use_base(base or iri.DEFAULT_BASE)
    with build_lock(out):
        clean_outputs(out)
        index = usable_index(out, None)
        if index is None:
            raise StoreError(f"{out}: its store has no entity index (made by an older kg, or a build was "
                             "interrupted); build into it once with this kg, then remove")
        try:
            ids, unknown = find_articles(index, which)
            report.errors += [f"{w}: no article of the store has this URL, file name or id" for w in unknown]
            if not ids:
                return report
            made_with = index.meta("model") or ""
            report.model = made_with.split("|")[1] if made_with.count("|") == 2 else ""
            cache = Cache(out / "cache", report.model)
            update = Update(out, index, cache, report.model)
            gone = {row[1] for row in index.articles_by("id", ids)}
            with stage(report, "resolve"):
                update.remove(ids)
                update.finish()
            report.notes += update.notes
            apply(out, update, report, formats, view, made_with, files_limit)
            cache.forget(gone)
            report.articles = len(ids)
            report.counts["removed"] = len(ids)
        finally:
            index.close()
    report.seconds = time.perf_counter() - started
    return report
