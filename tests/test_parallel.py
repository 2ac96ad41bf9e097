"""The per-article work in several processes or on a Dask cluster gives the same graph as one process."""
from __future__ import annotations

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.compare import isomorphic

from conftest import SEEDS, run_kg


def quads(out):
    return set(ox.parse(path=str(out / "graph.nq")))


def test_two_workers_build_the_same_graph(seed_build, tmp_path):
    out, _ = seed_build
    proc = run_kg("build", str(SEEDS), "--out", str(tmp_path), "--workers", "2", "--no-view", "-q", "--timings")
    assert proc.returncode == 0, proc.stderr
    assert quads(tmp_path) == quads(out)
    timings = dict(line.split()[1:] for line in proc.stdout.splitlines() if line.startswith(("timing ", "memory ")))
    assert float(timings["parse"]) > 0 and float(timings["extract"]) > 0 and int(timings["peak-mb"]) > 50


def test_a_dask_build_is_isomorphic_to_a_local_one(seed_build, tmp_path):
    distributed = pytest.importorskip("dask.distributed")
    out, _ = seed_build
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        proc = run_kg("build", str(SEEDS), "--out", str(tmp_path), "--executor", "dask",
                      "--scheduler", cluster.scheduler_address, "--no-view", "-q")
    assert proc.returncode == 0, proc.stderr
    local = rdflib.Graph().parse(out / "graph.ttl")
    dask = rdflib.Graph().parse(tmp_path / "graph.ttl")
    assert len(dask) == len(local) > 1000 and isomorphic(dask, local)
    assert quads(tmp_path) == quads(out)


def test_the_dask_executor_needs_a_scheduler(tmp_path):
    proc = run_kg("build", str(SEEDS), "--out", str(tmp_path), "--executor", "dask")
    assert proc.returncode == 2 and "--scheduler" in proc.stderr and proc.stderr.count("\n") == 1
