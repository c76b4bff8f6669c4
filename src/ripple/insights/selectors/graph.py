"""The ripple map: who learned from whom in a period, as the viewer may see it, with its figures."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Sum

from ripple.core import registry
from ripple.insights import metrics
from ripple.insights.models import EdgeSpan, EdgeWeek, Refresh
from ripple.insights.selectors.groups import Groups, Namer, department_groups, too_small_reason
from ripple.insights.weeks import Period, span_key
from ripple.people.models import User

TOP = 10


def kind_filter(value: object) -> str | None:
    if value in (None, ""):
        return None
    kind = registry.learning_kinds.get(str(value))
    if kind is None or not kind.transfer:
        names = ", ".join(k.name for k in registry.learning_kinds if k.transfer)
        raise ValidationError({"kind": f"“{value}” is not a kind of learning between people ({names})."})
    return kind.name


def visible_rows(
    viewer: User, period: Period, kind: str | None
) -> tuple[list[tuple[int, int, str, int]], int]:
    """(learner, source, kind, count) rows the viewer may see as named edges, and how many events were
    left out because they are about something the viewer may not see."""
    refreshed = Refresh.objects.order_by("-finished_at").values_list("spans", flat=True).first() or []
    span = span_key(period)
    fields = ("learner_id", "source_id", "kind", "object_type", "object_id")
    if span in refreshed:  # a default view: one precomputed row per tie (models.EdgeSpan)
        qs: Any = EdgeSpan.objects.filter(span=span)
        if kind:
            qs = qs.filter(kind=kind)
        rows = list(qs.values_list(*fields, "count"))
    else:  # summed by the database over the period's weeks: Python sees each tie once
        qs = EdgeWeek.objects.filter(week__range=(period.first_week, period.last_week))
        if kind:
            qs = qs.filter(kind=kind)
        rows = list(qs.values_list(*fields).annotate(n=Sum("count")).order_by())
    restricted: dict[str, set[int]] = defaultdict(set)
    for _l, _s, _k, otype, oid, _n in rows:
        if oid is not None:
            restricted[otype].add(oid)
    allowed = {(t, i) for t, ids in restricted.items() for i in registry.visible_object_ids(viewer, t, ids)}
    out, hidden = [], 0
    for learner, source, k, otype, oid, n in rows:
        if oid is not None and (otype, oid) not in allowed:
            hidden += n
            continue
        out.append((learner, source, k, n))
    return out, hidden


def ripple_map(
    viewer: User,
    period: Period,
    *,
    kind: str | None = None,
    department_id: int | None = None,
    groups: Groups | None = None,
    with_edges: bool = True,
) -> dict[str, Any]:
    """Nodes, edges and metrics; a bounded number of queries whatever the history (rollups). The report
    asks `with_edges=False`: it shows people, never the ties one by one."""
    groups = groups or department_groups()
    base: dict[str, Any] = {"from": period.start, "to": period.end, "kind": kind, "department": department_id}
    focus = groups.of(department_id) if department_id else None
    if department_id and not groups.shown(focus):
        return {
            **base,
            "suppressed": True,
            "reason": too_small_reason(),
            "nodes": [],
            "edges": [],
            "departments": [],
            "connectors": [],
            "brokers": [],
            "hidden_events": 0,
        }
    rows, hidden = visible_rows(viewer, period, kind)
    namer = Namer(viewer.pk, groups).load({i for r in rows for i in r[:2]})
    weights: dict[tuple[str, str], int] = defaultdict(int)
    kinds: dict[tuple[str, str], set[str]] = defaultdict(set)
    for learner, source, k, n in rows:
        a, b = namer.node(learner), namer.node(source)
        if a == b:
            continue
        if focus is not None and focus not in (namer.group(a), namer.group(b)):
            continue
        weights[(a, b)] += n
        kinds[(a, b)].add(k)
    nodes = {node for tie in weights for node in tie}
    group_of: dict[Any, Any] = {node: namer.group(node) for node in nodes}
    m = metrics.network(group_of, set(weights))
    node_rows = sorted(
        (
            {
                "id": node,
                "person_id": namer.person_id(node),
                "label": namer.label(node),
                "department": groups.label.get(group_of[node], ""),
                "group": str(group_of[node]),
                "in_degree": m["in_degree"][node],
                "out_degree": m["out_degree"][node],
                "betweenness": round(m["betweenness"][node], 3),
                "broker_pairs": m["brokers"].get(node, 0),
            }
            for node in nodes
        ),
        key=lambda r: (-r["in_degree"], r["label"], r["id"]),
    )
    edges = [
        {
            "source": b,
            "target": a,
            "learner_label": namer.label(a),
            "learned_from_label": namer.label(b),
            "events": n,
            "kinds": sorted(kinds[(a, b)]),
        }
        for (a, b), n in (sorted(weights.items()) if with_edges else ())
    ]
    departments = []
    for key in groups.ordered():
        if key not in m["ei"] and not m["external"].get(key) and not m["internal"].get(key):
            continue
        shown = groups.shown(key)
        departments.append(
            {
                "group": str(key),
                "department": groups.label[key],
                "people": groups.size.get(key, 0),
                "internal": m["internal"].get(key, 0) if shown else None,
                "external": m["external"].get(key, 0) if shown else None,
                "ei": m["ei"].get(key) if shown else None,
                "note": "" if shown else too_small_reason(),
            }
        )
    connectors = [
        r for r in sorted(node_rows, key=lambda r: (-r["betweenness"], r["label"])) if r["betweenness"] > 0
    ]
    brokers = [
        r
        for r in sorted(node_rows, key=lambda r: (-r["broker_pairs"], -r["betweenness"]))
        if r["broker_pairs"]
    ]
    return {
        **base,
        "suppressed": False,
        "nodes": node_rows,
        "edges": edges,
        "ties": m["ties"],
        "cross_ties": m["cross_ties"],
        "cross_share": m["cross_share"],
        "betweenness": m["betweenness_info"],
        "departments": departments,
        "connectors": connectors[:TOP],
        "brokers": brokers[:TOP],
        "hidden_events": hidden,
    }


def my_ripple(viewer: User) -> dict[str, Any]:
    """Who learned from the viewer and whom they learned from, all time (names as the viewer may see)."""
    groups = department_groups()
    # The whole history summed per tie (EdgeSpan "all"): one row per person and kind, however long.
    ties = EdgeSpan.objects.filter(span="all")
    rows = list(
        ties.filter(source_id=viewer.pk).values_list(
            "learner_id", "kind", "object_type", "object_id", "count"
        )
    ) + [
        (s, k, t, o, -n)
        for s, k, t, o, n in ties.filter(learner_id=viewer.pk).values_list(
            "source_id", "kind", "object_type", "object_id", "count"
        )
    ]
    restricted: dict[str, set[int]] = defaultdict(set)
    for _p, _k, t, o, _n in rows:
        if o is not None:
            restricted[t].add(o)
    allowed = {(t, i) for t, ids in restricted.items() for i in registry.visible_object_ids(viewer, t, ids)}
    namer = Namer(viewer.pk, groups).load({r[0] for r in rows})
    taught: dict[str, dict[str, Any]] = {}
    learned: dict[str, dict[str, Any]] = {}
    for person, k, t, o, n in rows:
        if o is not None and (t, o) not in allowed:
            continue
        node = namer.node(person)
        target = taught if n > 0 else learned
        row = target.setdefault(
            node,
            {
                "label": namer.label(node),
                "person_id": namer.person_id(node),
                "department": groups.label.get(namer.group(node), ""),
                "events": 0,
                "kinds": set(),
            },
        )
        row["events"] += abs(n)
        row["kinds"].add(registry.learning_kinds.label(k))
    order = lambda d: sorted(d.values(), key=lambda r: (-r["events"], r["label"]))  # noqa: E731
    taught_rows, learned_rows = order(taught), order(learned)
    return {
        "taught": taught_rows,
        "learned": learned_rows,
        "taught_events": sum(r["events"] for r in taught_rows),
        "departments_reached": len({r["department"] for r in taught_rows}),
    }
