"""Insights: the dashboard and ripple-map pages with the demo's events and with ten times as many
(rollups: the ratio should stay near 1, goal ≤ 1.5), their query counts, and the map's metrics on
50,000 learning ties beside exact networkx betweenness on the same graph (goal ≤ 1/10 of it)."""

from __future__ import annotations

import os
import random
import sys
import time
from datetime import timedelta

from django.db import connection
from django.test import Client
from django.utils import timezone

from ripple.core.models import LearningEvent
from ripple.insights import actions, metrics
from ripple.people.models import Role, User
from tests.bench.harness import Report, median_seconds

ORDER = 15  # after pages (which builds the demo), before the modules that add bulk rows
SCALE = float(os.environ.get("BENCH_SCALE", "1"))
EDGES = max(int(50_000 * SCALE), 2_000)
PEOPLE = max(int(1_000 * SCALE), 200)


def _client() -> Client:
    if not User.objects.filter(role=Role.ADMIN).exists():
        from ripple.demo import build

        print("  insights bench: building the demo organization…", file=sys.stderr)
        build.build(seed=2026, people=150)
    client = Client()
    client.force_login(User.objects.filter(role=Role.ADMIN).order_by("pk").first())
    return client


def _multiply(times: int) -> None:
    """Copies of every event, spread over the same six months (same people, `times`× the events)."""
    rows = list(LearningEvent.objects.all())
    rng = random.Random(14)
    now = timezone.now()
    copies = [
        LearningEvent(
            kind=e.kind,
            learner_id=e.learner_id,
            source_id=e.source_id,
            learner_department_id=e.learner_department_id,
            source_department_id=e.source_department_id,
            object_type=e.object_type,
            object_id=e.object_id,
            minutes_saved=e.minutes_saved,
            created_at=now - timedelta(minutes=rng.randrange(1, 60 * 24 * 180)),
        )
        for _ in range(times - 1)
        for e in rows
    ]
    LearningEvent.objects.bulk_create(copies, batch_size=5_000)


def _pages(client: Client, report: Report, label: str) -> dict[str, tuple[float, int]]:
    out = {}
    for name, url in (
        ("dashboard", "/insights/"),
        ("ripple map", "/insights/map/"),
        ("report", "/insights/report/"),
    ):
        count = [0]

        def counting(execute, sql, params, many, context, count=count):
            count[0] += 1
            return execute(sql, params, many, context)

        with connection.execute_wrapper(counting):
            assert client.get(url).status_code == 200
        seconds = median_seconds(lambda url=url: client.get(url), repeat=9, warmup=2)
        out[name] = (seconds, count[0])
        report.time(f"{name} ({label}, {count[0]} queries)", seconds)
    return out


def _graph() -> tuple[list[int], set[tuple[int, int]]]:
    rng = random.Random(7)
    ties: set[tuple[int, int]] = set()
    while len(ties) < EDGES:
        a, b = rng.randrange(PEOPLE), rng.randrange(PEOPLE)
        if a != b:
            ties.add((a, b))
    return list(range(PEOPLE)), ties


def run(report: Report) -> None:
    report.section("insights: rollups at 1× and 10× events")
    client = _client()
    actions.refresh()
    n = LearningEvent.objects.count()
    one = _pages(client, report, f"1×, {n:,} events")
    _multiply(10)
    started = time.perf_counter()
    actions.refresh()
    report.time(
        f"rollup refresh at 10× ({LearningEvent.objects.count():,} events)", time.perf_counter() - started
    )
    ten = _pages(client, report, "10×")
    for name in one:
        report.ratio(f"{name}: 10× ÷ 1× events", ten[name][0] / one[name][0], "≤ 1.5")
        report.ratio(f"{name}: queries 10× ÷ 1×", ten[name][1] / one[name][1], "= 1")
    report.section(f"ripple-map metrics on {EDGES:,} ties among {PEOPLE:,} people")
    import networkx

    nodes, ties = _graph()
    group = {node: node % 8 for node in nodes}
    ours = median_seconds(lambda: metrics.network(group, ties), repeat=3, warmup=1)
    g = networkx.DiGraph()
    g.add_nodes_from(nodes)
    g.add_edges_from(ties)
    start = time.perf_counter()
    networkx.betweenness_centrality(g, normalized=False)
    theirs = time.perf_counter() - start
    report.time("all map metrics (igraph betweenness + degrees, E-I, brokers)", ours)
    report.time("exact networkx betweenness alone", theirs)
    report.ratio("map metrics ÷ networkx betweenness", ours / theirs, "≤ 0.10")
