"""Serve a built store as a read-only SPARQL endpoint on 127.0.0.1, with the Oxigraph server.

The ``oxigraph`` binary (the PyPI package oxigraph, a kg dependency) opens the
store read-only, so any number of servers and ``kg query`` can read it at
once, and it answers the SPARQL protocol at /query with the union of all
graphs as the default graph (as ``kg query`` does). A build replaces the store
directory as a whole; a running server keeps serving the store it opened
until it is restarted. It listens on the loopback interface only: the
endpoint has no authentication.
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import sysconfig
from pathlib import Path

HOST = "127.0.0.1"


class ServeError(Exception):
    """The server cannot be started; str() is one line."""


def oxigraph_binary() -> str:
    """The oxigraph server installed beside this Python (else on PATH)."""
    for folder in (sysconfig.get_path("scripts"), str(Path(sys.executable).parent)):
        candidate = Path(folder) / "oxigraph"
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    found = shutil.which("oxigraph")
    if found is None:
        raise ServeError("the Oxigraph server is not installed: pip install 'oxigraph>=0.5.13,<0.6'")
    return found


def command(store: str | Path, port: int = 7878) -> list[str]:
    """The command that serves ``store`` read-only on 127.0.0.1:``port``, after checking both."""
    store = Path(store)
    if not (store / "CURRENT").is_file():
        raise ServeError(f"{store}: no store here; run kg build first")
    if not 0 < port < 65536:
        raise ServeError(f"port {port}: not a TCP port")
    with socket.socket() as s:
        try:
            s.bind((HOST, port))
        except OSError as e:
            raise ServeError(f"{HOST}:{port}: cannot listen here ({e.strerror}); choose another --port") from None
    return [oxigraph_binary(), "serve-read-only", "--location", str(store), "--bind", f"{HOST}:{port}",
            "--union-default-graph"]


def start(store: str | Path, port: int = 7878, **popen) -> subprocess.Popen:
    """Start the server in the background; the caller stops it (terminate(), then wait())."""
    return subprocess.Popen(command(store, port), **popen)
