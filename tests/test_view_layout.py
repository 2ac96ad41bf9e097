"""The fast layout of large views: every node placed, apart from the others, near its neighbours."""
from __future__ import annotations

import random

import numpy as np

from kg.export.layout import UNIT, layout


def news_like(n_people: int, seed: int = 3) -> tuple[int, list[tuple[int, int]]]:
    """Parties as hubs, people with one or two roles, quotations as leaves, plus a few loose pairs."""
    rng = random.Random(seed)
    edges, parties = [], list(range(6))
    nxt = len(parties)
    for _ in range(n_people):
        person, nxt = nxt, nxt + 1
        for party in rng.sample(parties, rng.choice((1, 1, 2))):
            edges.append((person, party))
        for _ in range(rng.choice((0, 1, 3, 5))):
            edges.append((person, nxt))
            nxt += 1
    for _ in range(10):   # components of two
        edges.append((nxt, nxt + 1))
        nxt += 2
    return nxt + 3, edges   # and three isolated nodes


def test_every_node_gets_a_distinct_finite_position():
    n, edges = news_like(300)
    pos = layout(n, edges)
    assert pos.shape == (n, 2) and np.isfinite(pos).all()
    rounded = {(round(x), round(y)) for x, y in pos}
    assert len(rounded) == n


def test_nodes_keep_apart_and_edges_stay_short():
    n, edges = news_like(300)
    pos = layout(n, edges)
    diff = pos[:, None, :] - pos[None, :, :]
    dist = np.sqrt((diff ** 2).sum(-1)) + np.eye(n) * 1e9
    assert np.percentile(dist.min(axis=1), 5) > 0.2 * UNIT     # hardly any node sits on another
    a = np.array(edges)
    lengths = np.linalg.norm(pos[a[:, 0]] - pos[a[:, 1]], axis=1)
    assert 0.4 * UNIT < np.median(lengths) < 4 * UNIT
    assert np.median(lengths) < 0.35 * np.median(dist[dist < 1e8])   # neighbours are far closer than strangers


def test_components_do_not_overlap():
    n, edges = news_like(120)
    pos = layout(n, edges)
    adjacency = {i: set() for i in range(n)}
    for a, b in edges:
        adjacency[a].add(b)
        adjacency[b].add(a)
    seen, boxes = set(), []
    for start in range(n):
        if start in seen:
            continue
        stack, comp = [start], []
        seen.add(start)
        while stack:
            v = stack.pop()
            comp.append(v)
            stack += [w for w in adjacency[v] if w not in seen and not seen.add(w)]
        p = pos[comp]
        boxes.append((*p.min(axis=0), *p.max(axis=0)))
    assert len(boxes) == 1 + 10 + 3
    for i, (x0, y0, x1, y1) in enumerate(boxes):
        for u0, v0, u1, v1 in boxes[i + 1:]:
            assert x1 < u0 or u1 < x0 or y1 < v0 or v1 < y0


def test_same_input_same_layout_and_empty_input():
    n, edges = news_like(50)
    assert np.array_equal(layout(n, edges), layout(n, edges))
    assert layout(0, []).shape == (0, 2)
    assert layout(1, []).shape == (1, 2)
