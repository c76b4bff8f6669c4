"""Network figures of the ripple map (pure: no database). The graph's ties point from learner to source
("learned from"), so a person's in-degree is how many people learned from them.

Betweenness is the number of shortest paths between other pairs that pass through a person (directed,
unweighted: a tie counts once however many events it carries), exact with igraph up to `EXACT_LIMIT`
people; above it estimated from `SAMPLE_SOURCES` random sources (Brandes & Pich 2007), scaled by n/k,
with the Hoeffding bound on the normalised error that holds for every person at once with 95 % confidence:
    ε = sqrt(ln(2n / 0.05) / (2k))            (docs/adr/0018-insights-metrics-and-privacy.md)
"""

from __future__ import annotations

import math
import random
from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping
from typing import Any

import igraph

EXACT_LIMIT = 5000
SAMPLE_SOURCES = 1000
CONFIDENCE = 0.05


def error_bound(n: int, k: int, delta: float = CONFIDENCE) -> float:
    """The normalised betweenness error ε that k sampled sources guarantee for all n people (prob. 1-δ)."""
    return math.sqrt(math.log(2 * n / delta) / (2 * k))


def betweenness(
    nodes: list[Hashable], ties: Iterable[tuple[Hashable, Hashable]], *, seed: int = 14
) -> tuple[dict[Hashable, float], dict[str, Any]]:
    """Betweenness per node, and how it was computed ({"method", "sources", "error_bound"})."""
    index = {node: i for i, node in enumerate(nodes)}
    n = len(nodes)
    if n < 3:
        return {node: 0.0 for node in nodes}, {"method": "exact", "sources": n, "error_bound": 0.0}
    g = igraph.Graph(n=n, edges=[(index[a], index[b]) for a, b in ties], directed=True)
    if n <= EXACT_LIMIT:
        values = g.betweenness(directed=True)
        info = {"method": "exact", "sources": n, "error_bound": 0.0}
    else:
        k = SAMPLE_SOURCES
        sources = random.Random(seed).sample(range(n), k)  # noqa: S311 (sampling, not secrets)
        values = [v * n / k for v in g.betweenness(directed=True, sources=sources)]
        info = {"method": "sampled", "sources": k, "error_bound": round(error_bound(n, k), 4)}
    return {node: float(values[i]) for node, i in index.items()}, info


def network(nodes: Mapping[Hashable, Hashable], ties: set[tuple[Hashable, Hashable]]) -> dict[str, Any]:
    """Every figure beside the map. `nodes` maps each node to its group (department); `ties` are
    distinct (learner, source) pairs. Groups of None are left out of the department figures."""
    listed = list(nodes)
    indeg: dict[Hashable, int] = defaultdict(int)
    outdeg: dict[Hashable, int] = defaultdict(int)
    learned_from: dict[Hashable, set[Hashable]] = defaultdict(set)  # departments a person learned from
    taught: dict[Hashable, set[Hashable]] = defaultdict(set)  # departments a person taught
    external: dict[Hashable, int] = defaultdict(int)
    internal: dict[Hashable, int] = defaultdict(int)
    cross = known = 0
    for learner, source in ties:
        outdeg[learner] += 1
        indeg[source] += 1
        a, b = nodes.get(learner), nodes.get(source)
        learned_from[learner].add(b)
        taught[source].add(a)
        if a is None or b is None:
            continue
        known += 1
        if a == b:
            internal[a] += 1
        else:
            cross += 1
            external[a] += 1
            external[b] += 1
    between, info = betweenness(listed, ties)
    groups = {g for g in nodes.values() if g is not None}
    ei = {
        g: (
            round((external[g] - internal[g]) / (external[g] + internal[g]), 4)
            if external[g] + internal[g]
            else None
        )
        for g in groups
    }
    brokers = {}
    for node in listed:
        pairs = {(a, b) for a in learned_from[node] for b in taught[node] if a != b and None not in (a, b)}
        if pairs:
            brokers[node] = len(pairs)
    return {
        "ties": len(ties),
        "cross_ties": cross,
        "cross_share": round(cross / known, 4) if known else None,
        "in_degree": {node: indeg[node] for node in listed},
        "out_degree": {node: outdeg[node] for node in listed},
        "betweenness": between,
        "betweenness_info": info,
        "ei": ei,
        "external": dict(external),
        "internal": dict(internal),
        "brokers": brokers,
    }
