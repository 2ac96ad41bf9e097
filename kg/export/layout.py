"""A fast layout for large views: near-linear time, numpy only.

networkx's spring layout is quadratic (minutes at 10,000 nodes) and
vis-network's physics never settles at a few thousand, so big views are drawn
from positions computed here, with physics off:

1. each connected component's core (the component without its leaves) is
   placed by pivot MDS: breadth-first distances from a few pivots, double
   centred, projected on their two main axes (Brandes and Pich's method);
   small cores start at random;
2. leaves (quotations, one-fact people) go on rings around their one neighbour;
3. Fruchterman-Reingold rounds, with the repulsion taken from the grid cells
   around each node (each cell as its mass at its centroid), so a round costs
   linear time; then a few rounds push apart any nodes still on top of another;
4. the components are packed in rows, largest first.

Positions come out in vis-network pixels, an edge about ``UNIT`` long.
"""
from __future__ import annotations

import math

import numpy as np

UNIT = 110.0
PIVOTS = 24
MDS_MIN = 24     # smaller cores start at random and are sorted out by the springs
CORE_EDGE = 1.6  # core edges start longer than one unit, leaving room for the rings of leaves
REPULSION = 0.5  # of the cells around a node, against a pull of d^2 along each edge


class Graph:
    """An undirected simple graph on nodes 0..n-1 in compressed sparse rows."""

    def __init__(self, n: int, a: np.ndarray, b: np.ndarray):
        keep = a != b
        a, b = a[keep], b[keep]
        pairs = np.unique(np.stack([np.minimum(a, b), np.maximum(a, b)], axis=1), axis=0) if len(a) else \
            np.zeros((0, 2), dtype=np.int64)
        self.n, self.a, self.b = n, pairs[:, 0], pairs[:, 1]
        src = np.concatenate([self.a, self.b])
        dst = np.concatenate([self.b, self.a])
        order = np.argsort(src, kind="stable")
        self.nbr = dst[order]
        self.ptr = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(np.bincount(src, minlength=n), out=self.ptr[1:])
        self.degree = np.diff(self.ptr)

    def neighbours(self, frontier: np.ndarray) -> np.ndarray:
        """All neighbours of the frontier nodes (with repeats)."""
        starts, counts = self.ptr[frontier], self.degree[frontier]
        if counts.sum() == 0:
            return frontier[:0]
        offsets = np.repeat(starts - np.cumsum(counts) + counts, counts) + np.arange(counts.sum())
        return self.nbr[offsets]

    def bfs(self, source: int, allowed: np.ndarray) -> np.ndarray:
        """Hop distances from ``source`` within the nodes where ``allowed`` is true (-1: unreached)."""
        dist = np.full(self.n, -1, dtype=np.int64)
        dist[source] = 0
        frontier, level = np.array([source]), 0
        while len(frontier):
            level += 1
            nxt = np.unique(self.neighbours(frontier))
            nxt = nxt[(dist[nxt] < 0) & allowed[nxt]]
            dist[nxt] = level
            frontier = nxt
        return dist

    def components(self) -> np.ndarray:
        """Component labels 0..k-1 (by label propagation with pointer jumping)."""
        label = np.arange(self.n)
        while True:
            new = label.copy()
            np.minimum.at(new, self.a, label[self.b])
            np.minimum.at(new, self.b, label[self.a])
            new = new[new]
            if np.array_equal(new, label):
                return np.unique(label, return_inverse=True)[1]
            label = new


def pivot_mds(g: Graph, nodes: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """2-D positions of a connected set of nodes, distances in hops."""
    if len(nodes) <= 2:
        return np.array([[0.0, 0.0], [1.0, 0.0]])[:len(nodes)]
    allowed = np.zeros(g.n, dtype=bool)
    allowed[nodes] = True
    k = min(PIVOTS, len(nodes))
    dist = np.empty((len(nodes), k))
    nearest = np.full(len(nodes), np.inf)
    pivot = nodes[np.argmax(g.degree[nodes])]
    for i in range(k):
        d = g.bfs(pivot, allowed)[nodes].astype(float)
        dist[:, i] = d
        nearest = np.minimum(nearest, d)
        pivot = nodes[np.argmax(nearest)]
    sq = dist ** 2
    c = -0.5 * (sq - sq.mean(axis=0) - sq.mean(axis=1, keepdims=True) + sq.mean())
    _, vectors = np.linalg.eigh(c.T @ c)
    pos = c @ vectors[:, [-1, -2]]
    return pos + rng.normal(scale=1e-3 * (np.ptp(pos) + 1), size=pos.shape)


def place_leaves(pos: np.ndarray, leaves: np.ndarray, parent: np.ndarray, spacing: float = 0.8) -> None:
    """Leaves on rings around their parent: ring r holds about 2*pi*r/spacing of them."""
    order = np.argsort(parent, kind="stable")
    leaves, parent = leaves[order], parent[order]
    first = np.searchsorted(parent, parent, side="left")
    rank = np.arange(len(leaves)) - first
    count = np.bincount(parent, minlength=len(pos))[parent]
    ring = np.floor(np.sqrt(rank * spacing / math.pi + 0.25) - 0.5).astype(int) + 1   # ring r starts at ~pi r^2/spacing
    start = np.ceil(math.pi * (ring - 1) * ring / spacing).astype(int)
    on_ring = np.minimum(np.floor(2 * math.pi * ring / spacing), np.maximum(count - start, 1))
    angle = 2 * math.pi * (rank - start) / on_ring + 0.37 * ring
    pos[leaves, 0] = pos[parent, 0] + ring * np.cos(angle)
    pos[leaves, 1] = pos[parent, 1] + ring * np.sin(angle)


def _cell_repulsion(pos: np.ndarray, comp: np.ndarray, cell: float) -> np.ndarray:
    """Fruchterman-Reingold repulsion (1/d) from the nodes of the same component in the 5 x 5 cells around
    each node, every cell counted as its mass at its centroid (the node itself left out of its own cell)."""
    grid = np.floor(pos / cell).astype(np.int64)
    grid -= grid.min(axis=0)
    span = int(grid.max()) + 5
    key = (comp * span + grid[:, 0] + 2) * span + grid[:, 1] + 2
    cells, where = np.unique(key, return_inverse=True)
    mass = np.bincount(where, minlength=len(cells)).astype(float)
    total = np.stack([np.bincount(where, pos[:, axis], len(cells)) for axis in (0, 1)], axis=1)
    force = np.zeros_like(pos)
    for dx in range(-2, 3):
        for dy in range(-2, 3):
            target = key + dx * span + dy
            idx = np.minimum(np.searchsorted(cells, target), len(cells) - 1)
            hit = cells[idx] == target
            m = np.where(hit, mass[idx], 0.0)
            centre = total[idx]
            if dx == dy == 0:
                m = m - 1
                centre = centre - pos
            centre = centre / np.maximum(m, 1)[:, None]
            d = pos - centre
            d2 = (d ** 2).sum(axis=1) + 1e-4
            force += d * (REPULSION * m / d2)[:, None]
    return force


def _close_pairs(pos: np.ndarray, comp: np.ndarray, reach: float) -> tuple[np.ndarray, np.ndarray]:
    """Pairs of nodes of one component closer than ``reach`` (found through a grid of that cell size)."""
    grid = np.floor(pos / reach).astype(np.int64)
    grid -= grid.min(axis=0)
    span = int(grid.max()) + 3
    key = (comp * span + grid[:, 0] + 1) * span + grid[:, 1] + 1
    order = np.argsort(key, kind="stable")
    skey = key[order]
    firsts, seconds = [], []
    for dx, dy in ((0, 0), (1, -1), (1, 0), (1, 1), (0, 1)):
        target = key + dx * span + dy
        lo = np.searchsorted(skey, target, side="left")
        counts = np.searchsorted(skey, target, side="right") - lo
        i = np.repeat(np.arange(len(pos)), counts)
        j = order[np.repeat(lo - np.cumsum(counts) + counts, counts) + np.arange(counts.sum())]
        keep = i < j if dx == dy == 0 else np.ones(len(i), dtype=bool)
        firsts.append(i[keep])
        seconds.append(j[keep])
    i, j = np.concatenate(firsts), np.concatenate(seconds)
    near = ((pos[i] - pos[j]) ** 2).sum(axis=1) < reach ** 2
    return i[near], j[near]


def refine(pos: np.ndarray, g: Graph, comp: np.ndarray, rounds: int = 40, rng=None) -> None:
    """Fruchterman-Reingold rounds: edges pull (d^2), near nodes push (1/d), moves capped by a cooling step;
    then a few rounds that only push apart nodes still closer than half a unit."""
    rng = rng or np.random.default_rng(0)
    n = len(pos)
    for r in range(rounds):
        step = 2.0 * (1 - r / rounds) ** 2 + 0.05
        move = _cell_repulsion(pos, comp, 2.0)
        d = pos[g.b] - pos[g.a]
        pull = d * np.linalg.norm(d, axis=1)[:, None]
        for axis in (0, 1):
            move[:, axis] += np.bincount(g.a, pull[:, axis], n) - np.bincount(g.b, pull[:, axis], n)
        size = np.linalg.norm(move, axis=1) + 1e-9
        pos += move * (np.minimum(size, step) / size)[:, None] + rng.normal(scale=0.01 * step, size=pos.shape)
    for _ in range(8):
        i, j = _close_pairs(pos, comp, 0.5)
        if not len(i):
            break
        d = pos[j] - pos[i] + rng.normal(scale=1e-3, size=(len(i), 2))
        length = np.linalg.norm(d, axis=1)
        push = d * ((0.5 - length) / length / 2)[:, None]
        for axis in (0, 1):
            pos[:, axis] += np.bincount(j, push[:, axis], n) - np.bincount(i, push[:, axis], n)


def pack(pos: np.ndarray, comp: np.ndarray, gap: float = 1.5) -> None:
    """Move components into rows, largest first, so none overlaps another."""
    count = comp.max() + 1
    low = np.full((count, 2), np.inf)
    high = np.full((count, 2), -np.inf)
    np.minimum.at(low, comp, pos)
    np.maximum.at(high, comp, pos)
    size = high - low + gap
    sizes = np.bincount(comp)
    width = max(size[:, 0].max(), math.sqrt((size[:, 0] * size[:, 1]).sum()) * 1.3)
    shift = np.zeros((count, 2))
    x = y = row = 0.0
    for c in sorted(range(count), key=lambda c: (-sizes[c], c)):
        if x > 0 and x + size[c, 0] > width:
            x, y, row = 0.0, y + row, 0.0
        shift[c] = (x, y) - low[c]
        x, row = x + size[c, 0], max(row, size[c, 1])
    pos += shift[comp]


def layout(n: int, edges: list[tuple[int, int]], seed: int = 7) -> np.ndarray:
    """Positions (n x 2, pixels) for nodes 0..n-1 joined by ``edges``."""
    if n == 0:
        return np.zeros((0, 2))
    rng = np.random.default_rng(seed)
    arr = np.array(edges, dtype=np.int64).reshape(-1, 2)
    g = Graph(n, arr[:, 0], arr[:, 1])
    comp = g.components()
    parent = np.full(n, -1)
    for x, y in ((g.a, g.b), (g.b, g.a)):
        one = g.degree[x] == 1
        parent[x[one]] = y[one]
    leaf = (parent >= 0) & (g.degree[np.maximum(parent, 0)] > 1)   # two joined leaves make a core of two
    core = np.flatnonzero(~leaf)
    core_size = np.bincount(comp[core], minlength=comp.max() + 1)
    pos = rng.normal(scale=0.5, size=(n, 2)) * np.sqrt(core_size[comp])[:, None]
    by_comp = core[np.argsort(comp[core], kind="stable")]
    bounds = np.concatenate([[0], np.cumsum(core_size)])
    inner = ~(leaf[g.a] | leaf[g.b])
    ea, eb = g.a[inner], g.b[inner]
    edge_order = np.argsort(comp[ea], kind="stable")
    ea, eb = ea[edge_order], eb[edge_order]
    edge_bounds = np.searchsorted(comp[ea], np.arange(comp.max() + 2))
    for c in np.flatnonzero(core_size >= MDS_MIN):
        nodes = by_comp[bounds[c]:bounds[c + 1]]
        pos[nodes] = pivot_mds(g, nodes, rng)
        a, b = ea[edge_bounds[c]:edge_bounds[c + 1]], eb[edge_bounds[c]:edge_bounds[c + 1]]
        median = np.median(np.linalg.norm(pos[a] - pos[b], axis=1))
        pos[nodes] *= CORE_EDGE / max(median, 1e-9)
    leaves = np.flatnonzero(leaf)
    place_leaves(pos, leaves, parent[leaves])
    refine(pos, g, comp, rng=rng)
    pack(pos, comp)
    return pos * UNIT
