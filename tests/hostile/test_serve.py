"""Hostile requests to a real `kg serve` over HTTP (issue 28), and hostile queries to kg query and kg view.

Each test starts the real command on a free port of 127.0.0.1 and speaks HTTP to
it: queries nested thousands deep (which kill Oxigraph), a query that would run
for days, SERVICE, a web page's foreign Host and Origin, writes, huge answers,
a restart while a client still holds a connection, and an engine that dies.
"""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from conftest import KG, run_kg
from servers import free_port
from servers import running as process_answering

SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
SLOW_SORTED = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?i ?f ?c"   # Oxigraph's own limit misses it
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
DEEP = {
    "not-paren-4000": "ASK { FILTER(" + "!(" * 4000 + "true" + ")" * 4000 + ") }",
    "braces-4000": "ASK " + "{" * 4000 + "}" * 4000,
    "parens-10000": "ASK { FILTER(" + "(" * 10000 + "1" + ")" * 10000 + ") }",
}


@contextmanager
def kg_serve(store: Path, log: Path, *options: str, port: int | None = None):
    """A running `kg serve`; yields (base URL, process)."""
    port = port or free_port()
    cmd = [str(KG), "serve", "--store", str(store), "--port", str(port), *options]
    with process_answering(cmd, f"http://127.0.0.1:{port}/query", 30, log, mode="ab") as proc:
        yield f"http://127.0.0.1:{port}", proc


def engines(proc: subprocess.Popen) -> list[int]:
    """The process ids of the oxigraph servers kg serve runs (its children)."""
    pids = []
    for task in Path(f"/proc/{proc.pid}/task").glob("*"):
        try:   # threads come and go
            pids += [int(p) for p in (task / "children").read_text().split()]
        except FileNotFoundError:
            pass
    return sorted(p for p in set(pids) if running(p) and "oxigraph" in _read(f"/proc/{p}/cmdline"))


def running(pid: int) -> bool:
    stat = _read(f"/proc/{pid}/stat")
    return bool(stat) and stat.split(")")[-1].split()[0] not in ("Z", "X")


def _read(path: str) -> str:
    try:
        return Path(path).read_bytes().decode(errors="replace")
    except (FileNotFoundError, ProcessLookupError):
        return ""


def count(base: str, headers: dict | None = None) -> int:
    r = httpx.post(f"{base}/query", data={"query": COUNT}, timeout=30,
                   headers={"Accept": "application/sparql-results+json", **(headers or {})})
    assert r.status_code == 200, r.text
    return int(r.json()["results"]["bindings"][0]["n"]["value"])


def one_line(r: httpx.Response) -> str:
    assert r.text.endswith("\n") and r.text.count("\n") == 1, r.text[:300]
    return r.text


@pytest.fixture(scope="module")
def server(seed_build, tmp_path_factory):
    with kg_serve(seed_build[0] / "store", tmp_path_factory.mktemp("serve") / "serve.log") as (base, proc):
        yield base, proc


@pytest.fixture(scope="module")
def triples(server) -> int:
    return count(server[0])


@pytest.mark.parametrize("name", DEEP)
@pytest.mark.parametrize("method", ["GET", "POST"])
def test_deep_queries_are_refused_and_the_server_goes_on(server, triples, name, method):
    base, proc = server
    before = engines(proc)
    if method == "GET":
        r = httpx.get(f"{base}/query", params={"query": DEEP[name]}, timeout=30)
    else:
        r = httpx.post(f"{base}/query", data={"query": DEEP[name]}, timeout=30)
    assert r.status_code == 400 and "nested" in one_line(r) and "--max-nesting" in r.text
    assert count(base) == triples
    assert engines(proc) == before   # the engine never saw it: not restarted


def test_a_nested_query_within_the_limit_is_answered(server):
    r = httpx.post(f"{server[0]}/query", data={"query": "ASK { FILTER(" + "(" * 150 + "true" + ")" * 150 + ") }"},
                   headers={"Accept": "application/sparql-results+json"}, timeout=30)
    assert r.status_code == 200 and r.json()["boolean"] is True


@pytest.mark.parametrize("query", ["SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
                                   "select * { ?s ?p ?o . service silent<http://127.0.0.1:9/>{ ?a ?b ?c } }",
                                   "SELECT * { ?s ?p ?x.SERVICE <http://127.0.0.1:9/> { } }"])
def test_service_is_refused(server, query):
    r = httpx.post(f"{server[0]}/query", data={"query": query}, timeout=30)
    assert r.status_code == 400 and "SERVICE" in one_line(r) and "--allow-service" in r.text


def test_the_word_service_in_strings_iris_and_names_is_fine(server):
    query = ('SELECT ?service WHERE { ?s <http://example.org/SERVICE> ?service . '
             'FILTER(CONTAINS(STR(?service), "SERVICE")) } # no SERVICE here')
    assert httpx.post(f"{server[0]}/query", data={"query": query}, timeout=30).status_code == 200


def test_a_too_long_query_is_refused(server):
    r = httpx.post(f"{server[0]}/query", data={"query": "ASK {}\n" + "# padding\n" * 15_000}, timeout=30)
    assert r.status_code == 400 and "--max-query-bytes" in one_line(r)


@pytest.mark.parametrize("host", ["evil.example", "evil.example:{port}", "localhost.evil.example:{port}",
                                  "127.0.0.1.nip.io:{port}", "0.0.0.0:{port}"])
def test_a_foreign_host_header_is_refused(server, host):
    base = server[0]
    port = base.rsplit(":", 1)[1]
    r = httpx.get(f"{base}/query", params={"query": "ASK {}"}, headers={"Host": host.format(port=port)}, timeout=30)
    assert r.status_code == 403 and "--allow-host" in one_line(r)


@pytest.mark.parametrize("host", ["localhost", "localhost:{port}", "127.0.0.1", "[::1]:{port}"])
def test_this_machines_names_are_welcome(server, host):
    port = server[0].rsplit(":", 1)[1]
    assert count(server[0], headers={"Host": host.format(port=port)}) > 0


@pytest.mark.parametrize("origin", ["http://evil.example", "null", "http://localhost:1", "https://127.0.0.1:{port}"])
def test_a_foreign_origin_is_refused_without_cors_headers(server, origin):
    base = server[0]
    origin = origin.format(port=base.rsplit(":", 1)[1])
    for r in (httpx.post(f"{base}/query", data={"query": COUNT}, headers={"Origin": origin}, timeout=30),
              httpx.options(f"{base}/query", headers={"Origin": origin, "Access-Control-Request-Method": "POST"})):
        assert r.status_code == 403 and "--allow-origin" in one_line(r)
        assert not [h for h in r.headers if h.lower().startswith("access-control")]


def test_the_same_origin_is_welcome_and_gets_no_cors_headers(server):
    base = server[0]
    port = base.rsplit(":", 1)[1]
    for origin in (f"http://127.0.0.1:{port}", f"http://localhost:{port}"):
        r = httpx.post(f"{base}/query", data={"query": COUNT}, headers={"Origin": origin}, timeout=30)
        assert r.status_code == 200 and not [h for h in r.headers if h.lower().startswith("access-control")]


def test_a_page_of_another_site_without_origin_is_refused(server):
    r = httpx.get(f"{server[0]}/query", params={"query": COUNT}, headers={"Sec-Fetch-Site": "cross-site"}, timeout=30)
    assert r.status_code == 403


def test_writes_are_refused(server, triples):
    base = server[0]
    update = "INSERT DATA { <http://a.example/s> <http://a.example/p> <http://a.example/o> }"
    refused = [httpx.post(f"{base}/update", data={"update": update}),
               httpx.post(f"{base}/query", data={"update": update}),
               httpx.post(f"{base}/query", content=update, headers={"Content-Type": "application/sparql-update"}),
               httpx.put(f"{base}/store", content="<a:s> <a:p> <a:o> .", headers={"Content-Type": "text/turtle"}),
               httpx.post(f"{base}/store", content="<a:s> <a:p> <a:o> .", headers={"Content-Type": "text/turtle"}),
               httpx.delete(f"{base}/store", params={"default": ""}),
               httpx.request("PATCH", f"{base}/query"),
               httpx.request("PROPFIND", f"{base}/")]
    assert [r.status_code for r in refused] == [403, 403, 403, 405, 403, 405, 405, 405]
    assert all("read-only" in one_line(r) for r in refused)
    assert count(base) == triples


def test_the_query_page_and_its_endpoint_work(server):
    base = server[0]
    page = httpx.get(f"{base}/", timeout=30)
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert httpx.get(f"{base}/yasgui.min.js", timeout=30).status_code == 200
    assert count(base) == int(httpx.post(f"{base}/sparql", data={"query": COUNT}, headers={"Accept": "text/csv"},
                                         timeout=30).text.split()[1])


@pytest.mark.parametrize("query", [SLOW, SLOW_SORTED], ids=["count-4-way", "sorted-3-way"])
def test_a_slow_query_is_cut_off_and_the_next_is_answered(seed_build, tmp_path, query):
    store = seed_build[0] / "store"
    with kg_serve(store, tmp_path / "serve.log", "--timeout-s", "3") as (base, proc):
        triples = count(base)
        first = engines(proc)
        started = time.monotonic()
        r = httpx.post(f"{base}/query", data={"query": query}, timeout=60)
        assert time.monotonic() - started < 10
        assert r.status_code == 503 and "--timeout-s" in one_line(r)
        assert count(base) == triples   # served by a fresh engine
        assert engines(proc) != first and not any(running(p) for p in first)
    assert "restarting the SPARQL engine" in (tmp_path / "serve.log").read_text()


def test_a_large_answer_is_cut(seed_build, tmp_path):
    with kg_serve(seed_build[0] / "store", tmp_path / "serve.log", "--max-result-bytes", "100000") as (base, _):
        assert count(base) > 1000   # a small answer passes
        with pytest.raises(httpx.RemoteProtocolError):   # the status has gone: the answer ends unfinished
            httpx.post(f"{base}/query", data={"query": "SELECT * WHERE { ?s ?p ?o }"}, timeout=30)
        r = httpx.get(f"{base}/yasgui.min.js", timeout=30)   # a page whose length is known first: 413
        assert r.status_code == 413 and "--max-result-bytes" in one_line(r)
        assert count(base) > 1000


def test_options_widen_what_is_allowed(seed_build, tmp_path):
    with kg_serve(seed_build[0] / "store", tmp_path / "serve.log", "--allow-host", "kg.lan", "--allow-origin",
                  "http://nb.lan:8888", "--allow-service", "--max-nesting", "5000") as (base, _):
        port = base.rsplit(":", 1)[1]
        assert count(base, headers={"Host": f"kg.lan:{port}", "Origin": "http://nb.lan:8888"}) > 0
        r = httpx.post(f"{base}/query", data={"query": "SELECT * { SERVICE SILENT <http://127.0.0.1:9/> { ?s ?p ?o } }"},
                       timeout=30)
        assert r.status_code == 200
        r = httpx.post(f"{base}/query", data={"query": "ASK " + "{" * 300 + "}" * 300}, timeout=30)
        assert r.status_code == 200


def test_a_dead_engine_is_restarted(server, triples):
    base, proc = server
    [engine] = engines(proc)
    os.kill(engine, signal.SIGKILL)
    assert count(base) == triples
    assert engines(proc) and engines(proc) != [engine]


def test_sigterm_stops_both_processes(seed_build, tmp_path):
    with kg_serve(seed_build[0] / "store", tmp_path / "serve.log") as (base, proc):
        children = engines(proc)
        assert children and all(running(p) for p in children)
        proc.terminate()
        assert proc.wait(timeout=20) == 0
        assert not any(running(p) for p in children)
    assert "kg serve: stopped" in (tmp_path / "serve.log").read_text()


def test_a_restart_binds_at_once_while_a_client_held_a_connection(seed_build, tmp_path):
    store, port = seed_build[0] / "store", free_port()
    client = httpx.Client(timeout=30)
    try:
        with kg_serve(store, tmp_path / "first.log", port=port) as (base, proc):
            assert client.post(f"{base}/query", data={"query": COUNT}).status_code == 200   # kept alive
            proc.terminate()
            proc.wait(timeout=20)
        with socket.socket() as plain:   # without SO_REUSEADDR the port is still taken by that connection
            with pytest.raises(OSError):
                plain.bind(("127.0.0.1", port))
        started = time.monotonic()
        with kg_serve(store, tmp_path / "second.log", port=port) as (base, _):
            assert time.monotonic() - started < 10
            assert count(base) > 0
    finally:
        client.close()


def test_a_port_in_use_is_a_one_line_error(seed_build):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        proc = run_kg("serve", "--store", str(seed_build[0] / "store"), "--port", str(port), timeout=60)
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1 and "another --port" in proc.stderr


NESTED_SELECT = "SELECT * WHERE { FILTER(" + "(" * 10000 + "true" + ")" * 10000 + ") }"
NESTED_CONSTRUCT = "CONSTRUCT { ?s ?p ?o } WHERE " + "{" * 10000 + " ?s ?p ?o " + "}" * 10000


def test_kg_query_refuses_a_query_nested_10000_deep(seed_build):
    proc = run_kg("query", NESTED_SELECT, "--store", str(seed_build[0] / "store"), timeout=120)
    assert proc.returncode == 2, proc.stderr[-500:]
    assert proc.stderr.count("\n") == 1 and proc.stderr.startswith("kg query: query nested 10,00")


def test_kg_view_refuses_a_construct_nested_10000_deep(seed_build, tmp_path):
    out = tmp_path / "view.html"
    proc = run_kg("view", "--construct", NESTED_CONSTRUCT, "--store", str(seed_build[0] / "store"),
                  "--out", str(out), timeout=120)
    assert proc.returncode == 2, proc.stderr[-500:]
    assert proc.stderr.count("\n") == 1 and "kg view: query nested 10,00" in proc.stderr
    assert not out.exists()
