"""Real SPARQL servers for the tests, on 127.0.0.1 with free ports and temporary directories.

Oxigraph comes from PyPI (the `oxigraph` binary beside this Python); Virtuoso
from Debian's virtuoso-opensource (scripts/install-test-services.sh), started
with an ini of its own so it never touches the system's database.
"""
from __future__ import annotations

import io
import shutil
import socket
import subprocess
import sys
import time
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from pathlib import Path
from typing import Iterator

import httpx

OXIGRAPH = Path(sys.executable).parent / "oxigraph"
VIRTUOSO = shutil.which("virtuoso-t")
VIRTUOSO_INI = """\
[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql}
DisableUnixSocket = 1
DirsAllowed = {d}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
CheckpointInterval = 0
[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = {d}
ServerThreads = 4
Charset = UTF-8
[SPARQL]
ResultSetMaxRows = 1000000
"""


def kg(*args: str) -> tuple[int, str, str]:
    """(status, stdout, stderr) of the kg command run in this process: the same code, without its start-up."""
    from kg import iri
    from kg.cli import main
    out, err, base = io.StringIO(), io.StringIO(), iri.BASE
    with redirect_stdout(out), redirect_stderr(err):
        try:
            status = main(list(args))
        except SystemExit as e:   # argparse's own errors
            status = e.code
        finally:
            iri.use_base(base)   # the command may have taken a store's own base IRI
    return status, out.getvalue(), err.getvalue()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(url: str, proc: subprocess.Popen, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with status {proc.returncode} before answering {url}")
        try:
            if httpx.get(url, params={"query": "ASK {}"}, timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer within {seconds} s")


@contextmanager
def running(cmd: list[str], query_url: str, seconds: float, log: Path, mode: str = "wb") -> Iterator[subprocess.Popen]:
    with log.open(mode) as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT)
    try:
        wait_until_up(query_url, proc, seconds)
        yield proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@contextmanager
def oxigraph(directory: Path, *options: str) -> Iterator[str]:
    """A read-write Oxigraph server on a fresh store; yields its base URL (…/store, …/query)."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    cmd = [str(OXIGRAPH), "serve", "--location", str(directory / "db"), "--bind", f"127.0.0.1:{port}", *options]
    with running(cmd, f"{base}/query", 30, directory / "oxigraph.log"):
        yield base


@contextmanager
def virtuoso(directory: Path) -> Iterator[str]:
    """A Virtuoso server on a fresh database (user dba, password dba); yields its base URL."""
    http, sql = free_port(), free_port()
    ini = directory / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.format(d=directory, http=http, sql=sql))
    base = f"http://127.0.0.1:{http}"
    with running([VIRTUOSO, "+foreground", "+configfile", str(ini)], f"{base}/sparql", 120,
                 directory / "virtuoso.out"):
        yield base


def count_kg_triples(query_url: str) -> int:
    """Triples in the graphs of kg's namespace at a SPARQL endpoint."""
    from kg import iri
    from kg.endpoint import Endpoint
    from kg.sparql import remote_select
    rows = remote_select(Endpoint(query_url), "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
                                              f'FILTER(STRSTARTS(STR(?g), "{iri.BASE}")) }}')
    return int(rows[0]["n"])


def canonical(rows: list[dict]) -> list[tuple]:
    """Rows in a form two stores can agree on: sorted, None as "", a GROUP_CONCAT list as a sorted list."""
    def cell(key, value):
        if value is None:
            return ""
        return ", ".join(sorted(value.split(", "))) if key == "party" else str(value)
    return sorted(tuple(cell(k, v) for k, v in sorted(r.items())) for r in rows)


def named_results(run) -> dict[str, list[tuple]]:
    """Every named query's canonical rows, with ``run(text) -> rows``."""
    from kg.sparql import named_queries
    return {name: canonical(run(text)) for name, text in named_queries().items()}
