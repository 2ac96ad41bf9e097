"""kg load, kg serve and the named queries over HTTP, against a real Oxigraph server on 127.0.0.1."""
from __future__ import annotations

import json
import subprocess
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pyoxigraph as ox
import pytest

from conftest import KG, run_kg
from kg import iri
from kg.endpoint import Endpoint
from kg.pipeline import open_store
from kg.sparql import query, remote_select
from servers import OXIGRAPH, count_kg_triples, free_port, kg, named_results, oxigraph, wait_until_up

pytestmark = pytest.mark.skipif(not OXIGRAPH.exists(), reason="the oxigraph server is not installed (pip install oxigraph)")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with oxigraph(tmp_path_factory.mktemp("oxigraph")) as base:
        yield base


@pytest.fixture(scope="module")
def loaded(server, seed_build):
    """The server after `kg load` of the example build; (base URL, first load's output)."""
    proc = run_kg("load", str(seed_build[0]), "--endpoint", f"{server}/store", "-q")
    assert proc.returncode == 0, proc.stderr
    return server, proc.stdout


def test_load_puts_every_triple_in_its_named_graph(loaded, seed_build):
    server, stdout = loaded
    store = open_store(seed_build[0] / "store")
    assert count_kg_triples(f"{server}/query") == len(store) > 1000
    there = {r["g"] for r in remote_select(Endpoint(f"{server}/query"), "SELECT DISTINCT ?g WHERE { GRAPH ?g {} }")}
    assert there == {g.value for g in store.named_graphs()}
    assert stdout.startswith(f"Loaded {len(there)} graphs ({len(store)} triples)")


def test_loading_twice_leaves_the_same_triples(loaded, seed_build):
    server, _ = loaded
    before = count_kg_triples(f"{server}/query")
    status, _, err = kg("load", str(seed_build[0] / "graph.nq"), "--endpoint", f"{server}/store", "--batch", "100", "-q")
    assert status == 0, err
    assert count_kg_triples(f"{server}/query") == before


def test_named_queries_answer_the_same_over_http_as_embedded(loaded, seed_build):
    server, _ = loaded
    embedded = named_results(lambda text: query(open_store(seed_build[0] / "store"), text))
    remote = named_results(lambda text: remote_select(Endpoint(f"{server}/query"), text))
    assert all(embedded.values())
    assert remote == embedded


def test_kg_query_reaches_an_endpoint(loaded, seed_build):
    server, _ = loaded
    args = ("query", "--named", "people-in-several-articles", "--format", "json")
    over_http, local = kg(*args, "--endpoint", f"{server}/query"), kg(*args, "--store", str(seed_build[0] / "store"))
    assert over_http[0] == 0 == local[0], over_http[2] + local[2]
    assert json.loads(over_http[1]) == json.loads(local[1]) != []


def test_prune_deletes_the_graphs_of_replaced_articles(loaded, seed_build, tmp_path):
    server, _ = loaded
    store = open_store(seed_build[0] / "store")
    dropped = sorted(g.value for g in store.named_graphs() if g.value.startswith(iri.graph("")))[0]
    kept = [q for q in store.quads_for_pattern(None, None, None) if q.graph_name.value != dropped]
    smaller = tmp_path / "smaller.nq"
    smaller.write_bytes(ox.serialize(kept, format=ox.RdfFormat.N_QUADS))
    status, out, err = kg("load", str(smaller), "--endpoint", f"{server}/store", "--prune", "--sparql", f"{server}/query")
    assert status == 0, err
    assert "deleted 1 stale graph" in out
    assert count_kg_triples(f"{server}/query") == len(kept)
    status, _, _ = kg("load", str(seed_build[0]), "--endpoint", f"{server}/store", "-q")   # put it back
    assert status == 0 and count_kg_triples(f"{server}/query") == len(store)


class Flaky(BaseHTTPRequestHandler):
    """Forwards to a real server, after failing the first request with 503 and dropping the second."""

    upstream = ""
    seen = 0

    def handle_one(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        type(self).seen += 1
        if self.seen == 1:
            self.send_error(503, "warming up")
            return
        if self.seen == 2:
            self.close_connection = True
            self.connection.shutdown(2)   # the connection dies without an answer
            return
        headers = {k: v for k, v in self.headers.items() if k.lower() in ("content-type", "accept")}
        r = httpx.request(self.command, self.upstream + self.path, content=body, headers=headers)
        self.send_response(r.status_code)
        self.send_header("Content-Length", str(len(r.content)))
        self.end_headers()
        self.wfile.write(r.content)

    do_GET = do_PUT = do_POST = do_DELETE = handle_one

    def log_message(self, *args):
        pass


def test_transient_failures_are_retried(loaded, seed_build):
    server, _ = loaded
    Flaky.upstream, Flaky.seen = server, 0
    proxy = ThreadingHTTPServer(("127.0.0.1", 0), Flaky)
    threading.Thread(target=proxy.serve_forever, daemon=True).start()
    try:
        status, _, err = kg("load", str(seed_build[0]), "--endpoint", f"http://127.0.0.1:{proxy.server_port}/store")
    finally:
        proxy.shutdown()
    assert status == 0, err
    graphs = len(list(open_store(seed_build[0] / "store").named_graphs()))
    assert Flaky.seen == graphs + 2
    assert count_kg_triples(f"{server}/query") == len(open_store(seed_build[0] / "store"))


def test_load_errors_are_one_line(seed_build, server, tmp_path):
    out = seed_build[0]
    nobody = f"http://127.0.0.1:{free_port()}/store"
    cases = [
        (("load", str(out), "--endpoint", nobody, "--retries", "1"), "gave up after 2 attempts"),
        (("load", str(out), "--endpoint", f"{server}/query"), "answered 4"),
        (("load", str(tmp_path / "none.nq"), "--endpoint", f"{server}/store"), "no such file"),
        (("load", str(out), "--endpoint", "ftp://example.org/"), "not an http"),
    ]
    bad = tmp_path / "bad.nq"
    bad.write_text("<a> <b> .\n")
    cases.append((("load", str(bad), "--endpoint", f"{server}/store"), "bad.nq"))
    for args, words in cases:
        status, _, err = kg(*args)
        assert status == 2, args
        assert words in err and err.count("\n") == 1 and "Traceback" not in err, err


def test_load_wants_the_password_from_the_environment_only(seed_build, server, monkeypatch):
    monkeypatch.delenv("KG_ENDPOINT_PASSWORD", raising=False)
    status, _, err = kg("load", str(seed_build[0]), "--endpoint", f"{server}/store", "--user", "someone")
    assert status == 2 and "KG_ENDPOINT_PASSWORD" in err
    assert not any(a.dest in ("password", "passwd") for a in _load_parser()._actions)


def _load_parser():
    from kg.cli import parser
    sub = next(a for a in parser()._actions if a.dest == "command")
    return sub.choices["load"]


def test_kg_serve_answers_read_only_sparql_on_loopback(seed_build, tmp_path):
    port = free_port()
    store = seed_build[0] / "store"
    with (tmp_path / "serve.log").open("wb") as log:
        proc = subprocess.Popen([str(KG), "serve", "--store", str(store), "--port", str(port)], stdout=log, stderr=log)
    try:
        wait_until_up(f"http://127.0.0.1:{port}/query", proc, 30)
        url = f"http://127.0.0.1:{port}/query"
        rows = remote_select(Endpoint(url), "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")   # union default graph
        assert int(rows[0]["n"]) == len(open_store(store))
        update = httpx.post(f"http://127.0.0.1:{port}/update", data={"update": "INSERT DATA { <a:b> <a:c> <a:d> }"})
        assert update.status_code >= 400
        busy = kg("serve", "--store", str(store), "--port", str(port))
        assert busy[0] == 2 and "another --port" in busy[2]
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    assert "read-only" in (tmp_path / "serve.log").read_text()
    missing = kg("serve", "--store", str(tmp_path / "nowhere"))
    assert missing[0] == 2 and "kg build" in missing[2]


# The README's first query: no GRAPH, so on a plain server it sees only the default graph.
PLAIN_QUERY = """SELECT ?speaker ?cue ?quote ?file WHERE {
  ?q a kg:Quotation ; schema:creator ?p ; kg:cue ?cue ; schema:text ?quote ; schema:isPartOf ?a .
  ?p schema:name ?speaker . ?a kg:fileName ?file } ORDER BY ?file ?speaker ?quote"""


@pytest.mark.parametrize("server_options, load_options", [((), ("--default-graph",)),
                                                          (("--union-default-graph",), ())])
def test_queries_without_graph_answer_as_embedded_after_load(seed_build, tmp_path, server_options, load_options):
    """Either kg load --default-graph or Oxigraph's own --union-default-graph, as the README says."""
    embedded = query(open_store(seed_build[0] / "store"), PLAIN_QUERY)
    with oxigraph(tmp_path, *server_options) as base:
        assert remote_select(Endpoint(f"{base}/query"), PLAIN_QUERY) == []   # nothing loaded yet
        status, _, err = kg("load", str(seed_build[0]), "--endpoint", f"{base}/store", "-q", *load_options)
        assert status == 0, err
        remote = remote_select(Endpoint(f"{base}/query"), PLAIN_QUERY)
        assert len(embedded) > 10 and remote == embedded
        assert count_kg_triples(f"{base}/query") == len(open_store(seed_build[0] / "store"))   # named graphs too


def test_without_either_the_plain_query_finds_nothing(loaded):
    """Why the README documents the options: the named graphs alone are invisible to it."""
    server, _ = loaded
    assert remote_select(Endpoint(f"{server}/query"), PLAIN_QUERY) == []
