"""Serve a built store as a read-only SPARQL endpoint on 127.0.0.1, behind a small guard.

kg serve runs the Oxigraph server (kg.engine) read-only on a private loopback
port and answers on 127.0.0.1:PORT itself with a threaded HTTP front that
passes on only queries (/query, and /sparql for the query page at /) and the
page, after the checks of kg.guard; it cuts off a query that runs too long
(restarting the engine) or answers too much. No authentication: loopback only.
"""
from __future__ import annotations

import http.client
import signal
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit

from .engine import HOST, Engine, ServeError, Unavailable
from .guard import Limits, query_refusal, request_refusal

__all__ = ["HOST", "Limits", "ServeError", "check_store", "serve"]

QUERY_PATHS = ("/query", "/sparql")
PAGE_PATHS = ("/", "/yasgui.min.js", "/yasgui.min.css", "/logo.svg")
WRITE_PATHS = ("/update", "/store")
GRAPH_PARAMS = ("default-graph-uri", "named-graph-uri")
COMMIT_BYTES = 65_536   # an answer is held back until this much (or all of it) has come, so a slow one can still be a 503
CANCELLED = b"The SPARQL operation has been cancelled"   # what Oxigraph appends to a 200 its own time limit ends


class Overtime(Exception):
    """The engine did not answer within the time limit."""


class ClientGone(Exception):
    """The client closed its connection."""


def check_store(store: str | Path) -> Path:
    store = Path(store)
    if not (store / "CURRENT").is_file():
        raise ServeError(f"{store}: no store here; run kg build first")
    return store


def serve(store: str | Path, port: int = 7878, limits: Limits = Limits(), ready=lambda: None) -> None:
    """Serve until interrupted (KeyboardInterrupt, which SIGTERM raises in kg); ``ready()`` once it answers."""
    store = check_store(store)
    if not 0 < port < 65536:
        raise ServeError(f"port {port}: not a TCP port")
    try:   # SO_REUSEADDR (HTTPServer's default): a port that a closed connection keeps in TIME_WAIT binds at once
        front = Front((HOST, port), Handler)
    except OSError as e:
        raise ServeError(f"{HOST}:{port}: cannot listen here ({e.strerror}); choose another --port") from None
    engine = Engine(store, limits.timeout_s)
    front.engine, front.limits, front.port = engine, limits, port
    try:
        engine.start()
        ready()
        front.serve_forever(poll_interval=0.5)
    finally:   # a second Ctrl-C must not leave the engine running
        main = threading.current_thread() is threading.main_thread()
        handlers = [(n, signal.signal(n, signal.SIG_IGN)) for n in (signal.SIGINT, signal.SIGTERM)] if main else []
        front.server_close()
        engine.stop()
        for number, handler in handlers:
            signal.signal(number, handler)


class Front(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    engine: Engine
    limits: Limits
    port: int


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "kg-serve"
    timeout = 60   # seconds a client may take to send its request
    server: Front

    def log_request(self, code="-", size="-") -> None:   # refusals and failures are logged, not every query
        pass

    def __getattr__(self, name: str):
        if name.startswith("do_"):   # PUT, DELETE, PATCH and any other method
            return self._not_allowed
        raise AttributeError(name)

    def _not_allowed(self) -> None:
        self._say(405, f"{self.command} is not allowed: kg serve is read-only", Allow="GET, POST, HEAD, OPTIONS")

    def do_OPTIONS(self) -> None:
        if self._welcome():
            self._send(204, b"", None, Allow="GET, POST, HEAD, OPTIONS")

    def do_HEAD(self) -> None:
        if self._welcome() and self._route():
            self._send(200, b"", None)

    def do_GET(self) -> None:
        if self._welcome() and self._route():
            if self.path_only in PAGE_PATHS:
                self._forward("GET", self.path_only, None, {})
            else:
                self._query(self._url_params())

    def do_POST(self) -> None:
        if not (self._welcome() and self._route()):
            return
        if self.path_only in PAGE_PATHS:
            return self._not_allowed()
        params = self._url_params()
        body = None if params is None else self._body()
        if body is None:
            return
        kind = self.headers.get_content_type()
        if kind == "application/x-www-form-urlencoded":
            more = self._decode(lambda: parse_qsl(body.decode("utf-8"), keep_blank_values=True, max_num_fields=100))
        elif kind == "application/sparql-query":
            more = self._decode(lambda: [("query", body.decode("utf-8"))])
        elif kind == "application/sparql-update":
            return self._say(403, "updates are refused: kg serve is read-only")
        else:
            return self._say(415, f"{kind}: send a query as application/x-www-form-urlencoded or "
                                  "application/sparql-query")
        if more is not None:
            self._query(params + more)

    def _welcome(self) -> bool:
        """The Host and Origin checks; False when the request was refused."""
        refusal = request_refusal(self.headers.get_all("Host") or [], self.headers.get_all("Origin") or [],
                                  self.headers.get("Sec-Fetch-Site", ""), self.server.port, self.server.limits)
        if refusal:
            self._say(403, refusal)
        return not refusal

    def _route(self) -> bool:
        self.path_only = urlsplit(self.path).path
        if self.path_only in QUERY_PATHS + PAGE_PATHS:
            return True
        if self.path_only in WRITE_PATHS:
            self._say(403, f"{self.path_only} is refused: kg serve is read-only")
        else:
            self._say(404, f"{self.path_only}: nothing here; SPARQL queries go to /query")
        return False

    def _url_params(self) -> list | None:
        return self._decode(lambda: parse_qsl(urlsplit(self.path).query, keep_blank_values=True,
                                              max_num_fields=100, errors="strict"))

    def _decode(self, parse):
        try:
            return parse()
        except (UnicodeDecodeError, ValueError):
            self._say(400, "the request is not valid UTF-8 form data")
            return None

    def _body(self) -> bytes | None:
        limit = 4 * self.server.limits.max_query_bytes + 65_536   # room for percent-encoding
        if "Transfer-Encoding" in self.headers:
            return self._say(411, "send the query with a Content-Length")
        try:
            length = int(self.headers.get("Content-Length", ""))
        except ValueError:
            return self._say(411, "send the query with a Content-Length")
        if not 0 <= length <= limit:
            return self._say(413, f"a request body of {length:,} bytes; queries are limited to "
                                  f"{self.server.limits.max_query_bytes:,} bytes (--max-query-bytes)")
        return self.rfile.read(length)

    def _query(self, params: list | None) -> None:
        if params is None:
            return
        names = [name for name, _ in params]
        if "update" in names:
            return self._say(403, "updates are refused: kg serve is read-only")
        if names.count("query") != 1:
            return self._say(400, "give exactly one query parameter")
        text = next(value for name, value in params if name == "query")
        refusal = query_refusal(text, self.server.limits)
        if refusal:
            return self._say(400, refusal)
        graphs = [(name, value) for name, value in params if name in GRAPH_PARAMS]
        self._forward("POST", "/query" + ("?" + urlencode(graphs) if graphs else ""), text.encode("utf-8"),
                      {"Content-Type": "application/sparql-query; charset=utf-8"})

    def _forward(self, method: str, path: str, body: bytes | None, headers: dict, retry: bool = True) -> None:
        limits, engine = self.server.limits, self.server.engine
        deadline = time.monotonic() + limits.timeout_s
        try:
            port, generation = engine.address(min(limits.timeout_s, 30))
        except Unavailable:
            return self._say(503, "the SPARQL engine is restarting; try again in a moment")
        headers["Accept"] = self.headers.get("Accept", "*/*")[:2000]
        conn = http.client.HTTPConnection(HOST, port, timeout=limits.timeout_s)
        self.committed = False
        try:
            try:
                conn.request(method, path, body=body, headers=headers)
                sock = conn.sock
                response = conn.getresponse()
            except TimeoutError:
                raise Overtime() from None
            self._relay(response, sock, deadline)
        except Overtime:
            engine.restart(generation, f"a query ran past {limits.timeout_s} s")
            self._cut(503, f"the query was cut off after {limits.timeout_s} s (--timeout-s)")
        except ClientGone:
            self.close_connection = True
        except ConnectionRefusedError:   # the engine died before this request reached it: wait for the next one
            engine.restart(generation, "the SPARQL engine does not answer")
            if retry:
                return self._forward(method, path, body, headers, retry=False)
            self._say(503, "the SPARQL engine is restarting; try again in a moment")
        except (OSError, http.client.HTTPException):
            time.sleep(0.2)   # time for the engine's watcher to see a crash
            self._cut(502, "the SPARQL engine did not answer" if engine.alive(generation) else
                      "the SPARQL engine stopped while answering; it is being restarted")
        finally:
            conn.close()

    def _relay(self, response: http.client.HTTPResponse, sock: socket.socket, deadline: float) -> None:
        """Pass the engine's answer on, held back until COMMIT_BYTES have come, then streamed in chunks."""
        limits = self.server.limits
        length = response.getheader("Content-Length")
        if length and length.isdigit() and int(length) > limits.max_result_bytes:
            return self._cut(413, f"the answer has {int(length):,} bytes; the limit is "
                                  f"{limits.max_result_bytes:,} (--max-result-bytes)")
        kind = response.getheader("Content-Type")
        held, total, tail = bytearray(), 0, b""
        while True:
            try:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError()
                sock.settimeout(left)
                chunk = response.read1(65_536)
            except TimeoutError:
                raise Overtime() from None
            if not chunk:
                break
            total += len(chunk)
            tail = (tail + chunk)[-len(CANCELLED) - 8:]
            if total > limits.max_result_bytes:
                return self._cut(413, f"the answer passed {limits.max_result_bytes:,} bytes (--max-result-bytes)")
            if self.committed:
                self._write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                continue
            held += chunk
            if len(held) >= COMMIT_BYTES:
                self._send(response.status, None, kind, **{"Transfer-Encoding": "chunked"})
                self.committed = True
                self._write(b"%x\r\n%s\r\n" % (len(held), held))
        if CANCELLED in tail:   # Oxigraph's own time limit ended it: not an answer
            return self._cut(503, f"the query was cut off after {limits.timeout_s} s (--timeout-s)")
        if self.committed:
            self._write(b"0\r\n\r\n")
        else:
            self._send(response.status, bytes(held), kind)

    def _cut(self, status: int, why: str) -> None:
        """An error answer; once the status has gone, the connection ends without the last chunk,
        which clients report as an incomplete answer."""
        if self.committed:
            self.log_error("%s", f"{why}; answer cut")
            self.close_connection = True
        else:
            self._say(status, why)

    def _write(self, data: bytes) -> None:
        try:
            self.wfile.write(data)
        except OSError:
            raise ClientGone() from None

    def _send(self, status: int, body: bytes | None, kind: str | None, **headers: str) -> None:
        self.send_response(status)
        if kind:
            self.send_header("Content-Type", kind)
        self.send_header("X-Content-Type-Options", "nosniff")
        if body is not None:
            self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name, value)
        if self.close_connection:
            self.send_header("Connection", "close")
        try:
            self.end_headers()
        except OSError:
            raise ClientGone() from None
        if body and self.command != "HEAD":
            self._write(body)

    def _say(self, status: int, message: str, **headers: str) -> None:
        """A one-line error; the connection closes, as a request body may be left unread."""
        self.log_error("%s", f"{status} {self.command} {urlsplit(self.path).path}: {message}")
        self.close_connection = True
        try:
            self._send(status, (message + "\n").encode("utf-8"), "text/plain; charset=utf-8", **headers)
        except ClientGone:
            pass
