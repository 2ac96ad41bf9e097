"""A build's outputs appear together or not at all.

A build writes every output (graph.nq, graph.trig, graph.ttl, facts.json, graph.html, store/ and the
file exports asked for) into a new folder of its own, ``DIR/.kg-builds/<id>/``. When all are written, one
rename points ``DIR/.kg-current`` at that folder, and each output's usual path (``DIR/graph.ttl``,
``DIR/store`` ...) is a symbolic link through ``.kg-current``, so readers see the whole old set or the
whole new one, whenever the build is killed. The next build removes what a killed build left (its
folder, temporary files). A folder written by an older kg, with the outputs as plain files, is
turned into links at its first build.
"""
from __future__ import annotations

import os
import shutil
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

SETS = ".kg-builds"
CURRENT = ".kg-current"
NAMES = ("graph.nq", "graph.trig", "graph.ttl", "facts.json", "graph.html", "store",
         "graph.jsonld", "graph.graphml", "graph.gexf")   # (csv/ is a real folder: see kg.pipeline)


def current(out: Path) -> Path | None:
    """The folder of the published set, if there is one."""
    link = Path(out) / CURRENT
    return (Path(out) / os.readlink(link)).resolve() if link.is_symlink() else None


def clean(out: Path) -> list[Path]:
    """Remove what killed builds left in ``out``: unpublished sets, temporary files and stores."""
    out, removed = Path(out), []
    keep = current(out)
    sets = out / SETS
    for folder in sorted(sets.iterdir()) if sets.is_dir() else []:
        if keep is None or folder.resolve() != keep:
            shutil.rmtree(folder, ignore_errors=True) if folder.is_dir() and not folder.is_symlink() \
                else folder.unlink(missing_ok=True)
            removed.append(folder)
    for leftover in out.glob(".*"):
        if leftover.name.endswith(".tmp") or leftover.name.startswith((".store.", f"{CURRENT}.new")):
            if leftover.is_dir() and not leftover.is_symlink():
                shutil.rmtree(leftover, ignore_errors=True)
            else:
                leftover.unlink(missing_ok=True)
            removed.append(leftover)
    return removed


@contextmanager
def new_set(out: Path) -> Iterator[Path]:
    """A fresh folder for a build's outputs; removed if the block fails (publish it when it ends well)."""
    folder = Path(out) / SETS / f"{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}-{time.monotonic_ns() % 10**6}"
    folder.mkdir(parents=True)
    try:
        yield folder
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise


def publish(out: Path, folder: Path) -> None:
    """Make ``folder`` the current set in one rename, link each output's usual path through it, and
    remove the sets it replaces."""
    out, folder = Path(out), Path(folder)
    old = current(out)
    if (out / CURRENT).exists() and not (out / CURRENT).is_symlink():   # copied with its links followed
        os.replace(out / CURRENT, out / SETS / f"old-current-{os.getpid()}")
    _link(out / CURRENT, os.path.relpath(folder, out))   # the one step that switches the whole set
    _sync(out)
    link_current(out)
    for stale in (out / SETS).iterdir():
        if stale.resolve() != folder.resolve() and (old is None or stale.resolve() == old or stale.name.startswith("old-")):
            shutil.rmtree(stale, ignore_errors=True)


def link_current(out: Path) -> None:
    """Link each output's usual path (DIR/graph.ttl ...) through DIR/.kg-current, for the outputs the
    current set has; remove the links of those it has not."""
    out = Path(out)
    folder = current(out)
    for name in NAMES:
        path, target = out / name, os.path.join(CURRENT, name)
        if (folder / name).exists():
            if path.is_symlink() and os.readlink(path) == target:
                continue
            if path.is_dir() and not path.is_symlink():   # an older kg's store: set aside, then linked
                aside = out / SETS / f"old-{name}-{os.getpid()}"
                os.replace(path, aside)
            _link(path, target)
        elif path.is_symlink() and os.readlink(path) == target:
            path.unlink()   # an output this build did not write (graph.html after --no-view)
    _sync(out)


def _link(path: Path, target: str) -> None:
    tmp = path.with_name(f"{CURRENT}.new-{os.getpid()}-{path.name}")
    tmp.unlink(missing_ok=True)
    os.symlink(target, tmp)
    os.replace(tmp, path)


def _sync(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
