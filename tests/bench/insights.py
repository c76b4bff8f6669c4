"""Insights: the dashboard, ripple-map and report pages with the demo's events and with ten times as
many, their query counts, the rollup refresh, and the map's metrics on 50,000 learning ties beside exact
networkx betweenness on the same graph (goal ≤ 1/10 of it).

Two kinds of 10×, measured apart:
- *10× history* (the goal, ≤ 1.5): nine earlier copies of the demo's half year, shifted back by whole
  half years, so the pages' default periods hold exactly the same events and the bench checks that the
  figures shown are the same; only the length of the history differs.
- *10× denser*: nine more copies spread over the same half year; the period itself then holds more
  people-weeks and ties (about 1.7× the ties on the map), so the page shows more. Reported without a
  goal: the cost follows what is shown, not the history."""

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


def _copies(times: int, shift: timedelta | None) -> int:
    """`times - 1` copies of the demo's events (those with an id up to the first copy): shifted back by
    whole multiples of `shift`, or (None) spread at random over the same six months. Answers the id
    above which the copies start."""
    rows = list(LearningEvent.objects.order_by("pk"))
    first_copy = rows[-1].pk if rows else 0
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
            created_at=(
                e.created_at - shift * i
                if shift is not None
                else now - timedelta(minutes=rng.randrange(1, 60 * 24 * 180))
            ),
        )
        for i in range(1, times)
        for e in rows
    ]
    LearningEvent.objects.bulk_create(copies, batch_size=5_000)
    return first_copy


def _history_span() -> timedelta:
    """Whole weeks covering the demo's events, so a shifted copy keeps every event's weekday and hour."""
    first = LearningEvent.objects.order_by("created_at").values_list("created_at", flat=True).first()
    days = (timezone.now() - first).days if first else 0
    return timedelta(weeks=days // 7 + 2)


def _shown(client: Client) -> dict[str, object]:
    """The figures the default views show that more history must not change (the dashboard's depth
    states do change, rightly: people first active long ago are no longer "new")."""
    adoption = client.get("/api/v1/insights/adoption").json()
    ripple = client.get("/api/v1/insights/ripple-map").json()
    report = client.get("/api/v1/insights/report").json()
    return {
        "people": adoption["people"],
        "weeks": [(w["week"], w["active"], w["events"], w["cross"]) for w in adoption["weeks"]],
        "teams": adoption["teams"],
        "map": {k: v for k, v in ripple.items() if k != "refreshed_at"},
        "headline": report["headline"],
        "connectors": report["connectors"],
        "actions": report["actions"],
    }


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


def _refresh(report: Report, label: str) -> None:
    started = time.perf_counter()
    actions.refresh()
    report.time(
        f"rollup refresh, {label} ({LearningEvent.objects.count():,} events)", time.perf_counter() - started
    )


def _ratios(report: Report, label: str, one: dict, ten: dict, goal: bool) -> None:
    for name in one:
        report.ratio(f"{name}: {label} ÷ 1×", ten[name][0] / one[name][0], "≤ 1.5" if goal else "")
        report.ratio(f"{name}: queries {label} ÷ 1×", ten[name][1] / one[name][1], "= 1")


def run(report: Report) -> None:
    report.section("insights: rollups at 1× and 10× events")
    client = _client()
    _refresh(report, "1×")
    n = LearningEvent.objects.count()
    one = _pages(client, report, f"1×, {n:,} events")
    shown = _shown(client)
    first_copy = _copies(10, _history_span())
    _refresh(report, "10× history")
    _refresh(report, "10× history, again")
    ten = _pages(client, report, "10× history")
    if _shown(client) != shown:
        raise AssertionError("10× history changed the figures of the default views: the bench is not fair")
    _ratios(report, "10× history", one, ten, goal=True)
    LearningEvent.objects.filter(pk__gt=first_copy).delete()
    _copies(10, None)
    _refresh(report, "10× denser")
    dense = _pages(client, report, "10× denser")
    _ratios(report, "10× denser", one, dense, goal=False)
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
