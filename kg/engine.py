"""The Oxigraph server behind kg serve: started read-only on a private loopback port, restarted when it stops.

A query the front gives up on (too slow) is cut off by killing the server and
starting another in the background; one that crashes it (a stack overflow)
gets the same. The store is opened read-only, so a restart loses nothing.
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import sysconfig
import tempfile
import threading
import time
from pathlib import Path

HOST = "127.0.0.1"


class ServeError(Exception):
    """The server cannot be started; str() is one line."""


class Unavailable(Exception):
    """The engine is not answering (it is being restarted)."""


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


def private_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


class Engine:
    """One ``oxigraph serve-read-only`` process at a time; ``address()`` waits for the current one."""

    def __init__(self, store: Path, timeout_s: int, log=None):
        self.store, self.timeout_s, self.log = store, timeout_s, log or sys.stderr
        self.binary = oxigraph_binary()
        self.cond = threading.Condition()
        self.proc: subprocess.Popen | None = None
        self.port = 0
        self.generation = 0    # bumped by every restart: a stale request cannot restart a fresh engine
        self.stopping = False
        self.children: set[subprocess.Popen] = set()   # every engine started and maybe running, for stop()

    def start(self, seconds: float = 60) -> None:
        """Start the first engine and wait until it answers; ServeError when it cannot."""
        problem = self._bring_up(self.generation, seconds, attempts=3)
        if problem:
            raise ServeError(f"the Oxigraph server did not start: {problem}")

    def address(self, seconds: float) -> tuple[int, int]:
        """(port, generation) of the running engine, waiting up to ``seconds`` for a restart."""
        deadline = time.monotonic() + seconds
        with self.cond:
            while self.proc is None or self.proc.poll() is not None:
                left = deadline - time.monotonic()
                if self.stopping or left <= 0:
                    raise Unavailable()
                self.cond.wait(left)
            return self.port, self.generation

    def alive(self, generation: int) -> bool:
        with self.cond:
            return generation == self.generation and self.proc is not None and self.proc.poll() is None

    def restart(self, generation: int, why: str) -> None:
        """Kill the engine of ``generation`` (if it is still the current one) and start another in the background."""
        with self.cond:
            if generation != self.generation or self.stopping:
                return
            self.generation += 1
            old, self.proc = self.proc, None
            generation = self.generation
        print(f"kg serve: {why}; restarting the SPARQL engine", file=self.log, flush=True)
        _kill(old)
        threading.Thread(target=self._keep_trying, args=(generation,), daemon=True).start()

    def stop(self) -> None:
        with self.cond:   # an engine being started now is either in children or sees stopping
            self.stopping, self.proc = True, None
            children = list(self.children)
            self.cond.notify_all()
        for child in children:
            _kill(child)

    def _keep_trying(self, generation: int) -> None:
        while True:
            problem = self._bring_up(generation, 60, attempts=1)
            with self.cond:
                if not problem or self.stopping or generation != self.generation:
                    return
            print(f"kg serve: the SPARQL engine did not start ({problem}); trying again", file=self.log, flush=True)
            time.sleep(2)

    def _bring_up(self, generation: int, seconds: float, attempts: int) -> str | None:
        """Start an engine for ``generation``; None when it answers, else why not."""
        problem = None
        for _ in range(attempts):   # another program may take the port between choosing and binding
            port = private_port()
            with tempfile.TemporaryFile() as errors:
                with self.cond:   # started under the lock: stop() kills it, or it is never started
                    if self.stopping:
                        return None
                    proc = subprocess.Popen([self.binary, "serve-read-only", "--location", str(self.store),
                                             "--bind", f"{HOST}:{port}", "--union-default-graph",
                                             "--timeout-s", str(self.timeout_s)],
                                            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=errors,
                                            start_new_session=True)   # Ctrl-C reaches kg serve, which stops it
                    self.children = {child for child in self.children if child.poll() is None} | {proc}
                if self._answers(proc, port, seconds):
                    with self.cond:
                        if self.stopping or generation != self.generation:
                            _kill(proc)
                            return None
                        self.proc, self.port = proc, port
                        self.cond.notify_all()
                    threading.Thread(target=self._watch, args=(proc, generation), daemon=True).start()
                    return None
                _kill(proc)
                errors.seek(0)
                lines = [line.strip() for line in errors.read().decode("utf-8", "replace").splitlines() if line.strip()]
                problem = lines[-1] if lines else f"no answer on {HOST}:{port} within {seconds:.0f} s"
        return problem

    def _watch(self, proc: subprocess.Popen, generation: int) -> None:
        status = proc.wait()
        if not self.stopping and generation == self.generation:
            self.restart(generation, f"the SPARQL engine stopped (status {status})")

    def _answers(self, proc: subprocess.Popen, port: int, seconds: float) -> bool:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline and proc.poll() is None and not self.stopping:
            try:
                socket.create_connection((HOST, port), timeout=1).close()
                return True
            except OSError:
                time.sleep(0.05)
        return False


def _kill(proc: subprocess.Popen | None) -> None:
    if proc is None or proc.poll() is not None:
        return
    proc.kill()   # read-only: nothing to flush, and a runaway query ignores anything gentler
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        pass
