"""The adoption dashboard's figures, read from the rollups (a fixed number of queries)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.db.models import Count, Q, Sum

from ripple.core import registry
from ripple.insights.models import DepartmentWeek, PersonWeek, Refresh, SurveyTrend, TeamWeek
from ripple.insights.selectors.groups import MIN_GROUP, Groups, department_groups, too_small_reason
from ripple.insights.weeks import Period
from ripple.people.models import Team, User

STATES = ("habitual", "occasional", "new", "lapsed")


def last_refresh() -> Refresh | None:
    return Refresh.objects.order_by("-finished_at").first()


def _weeks(period: Period, dept_ids: set[int] | None) -> list[dict[str, Any]]:
    qs = DepartmentWeek.objects.filter(week__range=(period.first_week, period.last_week))
    if dept_ids is not None:
        qs = qs.filter(department_id__in=dept_ids)
    totals = {
        r["week"]: r
        for r in qs.values("week").annotate(
            **{s: Sum(s) for s in (*STATES, "active", "events", "cross", "internal", "members")}
        )
    }
    out = []
    for week in period.weeks():
        r = totals.get(week, {})
        out.append(
            {"week": week, **{k: r.get(k) or 0 for k in (*STATES, "active", "events", "cross", "members")}}
        )
    return out


def _departments(period: Period, groups: Groups) -> list[dict[str, Any]]:
    """Each department's depth as of the period's last week, and its events in the period."""
    last: dict[int, dict[str, Any]] = {
        r["department_id"]: dict(r) for r in DepartmentWeek.objects.filter(week=period.last_week).values()
    }
    sums: dict[int, dict[str, Any]] = {
        r["department_id"]: r
        for r in DepartmentWeek.objects.filter(week__range=(period.first_week, period.last_week))
        .values("department_id")
        .annotate(events=Sum("events"), cross=Sum("cross"), internal=Sum("internal"))
    }
    merged: dict[Any, dict[str, Any]] = {}
    for dept_id in set(last) | set(sums):
        key = groups.of(dept_id)
        row = merged.setdefault(
            key,
            {
                "group": str(key),
                "department": groups.label.get(key, ""),
                "members": groups.size.get(key, 0),
                **dict.fromkeys(STATES, 0),
                "events": 0,
                "cross": 0,
                "internal": 0,
            },
        )
        for s in STATES:
            row[s] += (last.get(dept_id) or {}).get(s, 0)
        for s in ("events", "cross", "internal"):
            row[s] += (sums.get(dept_id) or {}).get(s) or 0
    out = []
    for key in groups.ordered():
        row = merged.get(key) or {
            "group": str(key),
            "department": groups.label[key],
            "members": groups.size.get(key, 0),
            **dict.fromkeys(STATES, 0),
            "events": 0,
            "cross": 0,
            "internal": 0,
        }
        row["not_yet"] = max(row["members"] - sum(row[s] for s in STATES), 0)
        row["suppressed"] = not groups.shown(key)
        if row["suppressed"]:
            for s in (*STATES, "events", "cross", "internal", "not_yet"):
                row[s] = None
            row["note"] = too_small_reason()
        else:
            row["note"] = ""
        out.append(row)
    return out


def _people(period: Period, dept_ids: set[int] | None) -> dict[str, int]:
    """Distinct contributors and learners in the period: one aggregate the database answers with one
    row. Every PersonWeek row has learned or taught above zero, so people in both = contributors +
    learners - everyone with a row."""
    qs = PersonWeek.objects.filter(week__range=(period.first_week, period.last_week))
    if dept_ids is not None:
        qs = qs.filter(department_id__in=dept_ids)
    r = qs.aggregate(
        contributors=Count("person_id", distinct=True, filter=Q(taught__gt=0)),
        learners=Count("person_id", distinct=True, filter=Q(learned__gt=0)),
        anyone=Count("person_id", distinct=True),
        minutes=Sum("minutes"),
        reuses=Sum("reuses"),
    )
    return {
        "contributors": r["contributors"],
        "learners": r["learners"],
        "both": r["contributors"] + r["learners"] - r["anyone"],
        "minutes": r["minutes"] or 0,
        "reuses": r["reuses"] or 0,
    }


def teams(period: Period, department_id: int | None) -> list[dict[str, Any]]:
    """Teams of at least five: dormant (no event in the four weeks ending with the period's last week),
    thriving (cross-team learning in those four weeks above the four before, and above zero) or steady."""
    end = period.last_week
    recent, before = (
        (end - dt.timedelta(weeks=3), end),
        (end - dt.timedelta(weeks=7), end - dt.timedelta(weeks=4)),
    )
    sizes = User.objects.filter(is_active=True, team__isnull=False)
    if department_id:
        sizes = sizes.filter(team__department_id=department_id)
    size = dict(sizes.values_list("team_id").annotate(n=Count("id")).values_list("team_id", "n"))
    big = [t for t, n in size.items() if n >= MIN_GROUP]
    stats: dict[int, dict[str, int]] = defaultdict(lambda: {"events": 0, "cross": 0, "cross_before": 0})
    for team_id, week, events, cross in TeamWeek.objects.filter(
        team_id__in=big, week__range=(before[0], end)
    ).values_list("team_id", "week", "events", "cross_team"):
        s = stats[team_id]
        if week >= recent[0]:
            s["events"] += events
            s["cross"] += cross
        else:
            s["cross_before"] += cross
    names = {t.pk: t for t in Team.objects.filter(pk__in=big).select_related("department")}
    out = []
    for team_id in big:
        s = stats[team_id]
        state = "dormant" if not s["events"] else ("thriving" if s["cross"] > s["cross_before"] else "steady")
        team = names[team_id]
        out.append(
            {
                "team": team.name,
                "department": team.department.name,
                "people": size[team_id],
                "state": state,
                "events_28d": s["events"],
                "cross_team_28d": s["cross"],
                "cross_team_before": s["cross_before"],
            }
        )
    order = {"thriving": 0, "dormant": 1, "steady": 2}
    return sorted(out, key=lambda r: (order[r["state"]], r["department"], r["team"]))


def surveys(period: Period, department_id: int | None) -> list[dict[str, Any]]:
    rows = SurveyTrend.objects.filter(
        department_id=department_id or 0, closed_on__range=(period.start, period.end)
    ).order_by("closed_on", "round_id", "question_key")
    return [
        {
            "round": r.round_title,
            "closed_on": r.closed_on,
            "question": r.question_text or "(all questions)",
            "mean": r.mean,
            "n": r.n,
            "note": r.reason,
        }
        for r in rows
    ]


def outcomes(period: Period, department_id: int | None) -> list[dict[str, Any]]:
    out = []
    for source in sorted(registry.outcomes, key=lambda s: (s.order, s.name)):
        rows = registry.outcome_rows(source, start=period.start, end=period.end, department_id=department_id)
        out.append({"source": source.name, "label": source.label, "rows": rows})
    return out


def adoption(
    period: Period, department_id: int | None = None, groups: Groups | None = None
) -> dict[str, Any]:
    """Everything on the dashboard. A department under the minimum size answers only that it is merged."""
    groups = groups or department_groups()
    base: dict[str, Any] = {"from": period.start, "to": period.end, "department": department_id}
    refreshed = last_refresh()
    base["refreshed_at"] = refreshed.finished_at if refreshed else None
    if department_id and not groups.shown(groups.of(department_id)):
        return {**base, "suppressed": True, "reason": too_small_reason()}
    dept_ids = {department_id} if department_id else None
    departments = _departments(period, groups)
    if department_id:
        departments = [d for d in departments if d["group"] == str(department_id)]
    return {
        **base,
        "suppressed": False,
        "weeks": _weeks(period, dept_ids),
        "departments": departments,
        "people": _people(period, dept_ids),
        "teams": teams(period, department_id),
        "surveys": surveys(period, department_id),
        "outcomes": outcomes(period, department_id),
    }
