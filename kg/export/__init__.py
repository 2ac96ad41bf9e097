"""Exporters: they write only to the paths they are given, atomically."""
from __future__ import annotations

import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Iterator

DEFAULT_MAX_NODES = 5000     # nodes a build's view draws; kg view --max-nodes draws more


@contextmanager
def atomic_file(path: Path, mode: str = "wb", sync: bool = True) -> Iterator[IO]:
    """Write to a temporary file beside ``path``, then rename it over ``path``.

    If the block fails or the process dies, ``path`` keeps its old content. ``sync`` flushes the
    new content to disk before the rename, so that a power cut cannot leave an empty file.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, mode, **({} if "b" in mode else {"encoding": "utf-8"})) as f:
            yield f
            f.flush()
            if sync:
                os.fsync(f.fileno())
        os.chmod(tmp, 0o666 & ~_umask())   # mkstemp makes files private; outputs are ordinary files
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _old(target: Path) -> Path:
    return target.with_name(f".{target.name}.old")


def replace_dir(new: Path, target: Path) -> None:
    """Put directory ``new`` in place of ``target`` with two renames (see recover_dir)."""
    old = _old(target)
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        os.replace(target, old)
    os.replace(new, target)
    shutil.rmtree(old, ignore_errors=True)


def recover_dir(target: Path) -> bool:
    """Put back the old ``target`` if a replace_dir was interrupted between its two renames."""
    old = _old(Path(target))
    if Path(target).exists() or not old.is_dir():
        return False
    os.replace(old, target)
    return True
