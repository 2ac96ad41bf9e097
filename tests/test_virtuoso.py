"""kg load into Virtuoso (Debian's virtuoso-opensource, HTTP Digest at /sparql-graph-crud-auth).

Runs where virtuoso-t is installed; scripts/install-test-services.sh installs it for make test and CI.
"""
from __future__ import annotations

import os

import pytest

from kg.endpoint import Endpoint
from kg.pipeline import open_store
from kg.sparql import query, remote_select
from servers import VIRTUOSO, count_kg_triples, kg, named_results, virtuoso

pytestmark = pytest.mark.skipif(VIRTUOSO is None, reason="Virtuoso is not installed "
                                "(make test installs it: scripts/install-test-services.sh)")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with virtuoso(tmp_path_factory.mktemp("virtuoso")) as base:
        yield base


@pytest.fixture
def password(monkeypatch):
    monkeypatch.setenv("KG_ENDPOINT_PASSWORD", "dba")   # a fresh Virtuoso database's administrator


def load(server: str, source, *args: str) -> tuple[int, str, str]:
    return kg("load", str(source), "--endpoint", f"{server}/sparql-graph-crud-auth", "--user", "dba", "-q", *args)


def test_load_twice_gives_the_same_triples_as_the_store(server, seed_build, password):
    store = open_store(seed_build[0] / "store")
    status, out, err = load(server, seed_build[0])
    assert status == 0, err
    assert count_kg_triples(f"{server}/sparql") == len(store) > 1000
    status, _, err = load(server, seed_build[0] / "graph.trig", "--batch", "250")
    assert status == 0, err
    assert count_kg_triples(f"{server}/sparql") == len(store)


def test_named_queries_answer_as_on_the_embedded_store(server, seed_build, password):
    assert load(server, seed_build[0])[0] == 0
    embedded = named_results(lambda text: query(open_store(seed_build[0] / "store"), text))
    remote = named_results(lambda text: remote_select(Endpoint(f"{server}/sparql"), text))
    assert all(embedded.values())
    assert remote == embedded


def test_virtuoso_refuses_missing_or_wrong_credentials_in_one_line(server, seed_build, monkeypatch):
    anonymous = kg("load", str(seed_build[0]), "--endpoint", f"{server}/sparql-graph-crud-auth")
    monkeypatch.setenv("KG_ENDPOINT_PASSWORD", "not-the-password")
    wrong = load(server, seed_build[0])
    for status, _, err in (anonymous, wrong):
        assert status == 2 and " 401 " in err and err.count("\n") == 1 and "Traceback" not in err, err
    assert "--user" in anonymous[2] and "'dba'" in wrong[2]
    assert os.environ["KG_ENDPOINT_PASSWORD"] not in wrong[2]
