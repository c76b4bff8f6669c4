"""The monthly leadership report: headline numbers against last month, dormant teams, connectors,
pockets (from registered report sources: the Slack radar) and suggested actions computed from them."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Sum

from ripple.core import registry
from ripple.insights.models import DepartmentWeek, EdgeWeek, PersonWeek
from ripple.insights.selectors.adoption import teams
from ripple.insights.selectors.graph import ripple_map
from ripple.insights.selectors.groups import department_groups
from ripple.insights.weeks import Period, previous_month
from ripple.people.models import User


def headline(period: Period) -> dict[str, Any]:
    weeks = (period.first_week, period.last_week)
    people = PersonWeek.objects.filter(week__range=weeks).aggregate(
        active=Count("person_id", distinct=True), minutes=Sum("minutes"), reuses=Sum("reuses")
    )
    contributors = PersonWeek.objects.filter(week__range=weeks, taught__gt=0).aggregate(
        n=Count("person_id", distinct=True)
    )["n"]
    depth = DepartmentWeek.objects.filter(week=period.last_week).aggregate(
        h=Sum("habitual"), m=Sum("members")
    )
    flows = DepartmentWeek.objects.filter(week__range=weeks).aggregate(c=Sum("cross"), i=Sum("internal"))
    transfers = EdgeWeek.objects.filter(week__range=weeks).aggregate(n=Sum("count"))["n"] or 0
    cross, internal = (flows["c"] or 0) // 2, flows["i"] or 0  # cross is counted at both ends
    return {
        "active_people": people["active"] or 0,
        "habitual_people": depth["h"] or 0,
        "contributors": contributors or 0,
        "transfers": transfers,
        "cross_department_share": round(cross / (cross + internal), 4) if cross + internal else None,
        "reuses": people["reuses"] or 0,
        "minutes_saved": people["minutes"] or 0,
    }


LABELS = {
    "active_people": "People active",
    "habitual_people": "Habitual (3 of the last 4 weeks)",
    "contributors": "People others learned from",
    "transfers": "Learning events between people",
    "cross_department_share": "Share across departments",
    "reuses": "Prompt reuses",
    "minutes_saved": "Minutes saved (self-reported)",
}


def report(viewer: User, month: Period) -> dict[str, Any]:
    groups = department_groups()
    now, before = headline(month), headline(previous_month(month))
    rows = []
    for key, label in LABELS.items():
        a, b = now[key], before[key]
        change = None if a is None or b is None else round(a - b, 4)
        rows.append({"key": key, "label": label, "value": a, "previous": b, "change": change})
    network = ripple_map(viewer, month, groups=groups, with_edges=False)
    team_rows = teams(month, None)
    dormant = [t for t in team_rows if t["state"] == "dormant"]
    pockets = []
    for source in registry.report_sources:
        pockets.append(
            {
                "label": source.label,
                "rows": registry.outcome_rows(source, start=month.start, end=month.end, department_id=None),
            }
        )
    depth: dict[int, dict[str, Any]] = {
        r["department_id"]: dict(r)
        for r in DepartmentWeek.objects.filter(week=month.last_week).values(
            "department_id", "habitual", "members"
        )
    }
    return {
        "month": month.start.strftime("%Y-%m"),
        "label": month.start.strftime("%B %Y"),
        "from": month.start,
        "to": month.end,
        "headline": rows,
        "weeks": month.weeks(),
        "connectors": network["connectors"][:5],
        "brokers": network["brokers"][:5],
        "teams": team_rows,
        "dormant": dormant,
        "pockets": pockets,
        "actions": actions(network, dormant, depth, groups, pockets),
    }


def actions(
    network: dict[str, Any],
    dormant: list[dict[str, Any]],
    depth: dict[int, dict[str, Any]],
    groups: Any,
    pockets: list[dict[str, Any]],
) -> list[dict[str, str]]:
    """Suggested actions, each from a figure on the page (none invented when the data is silent)."""
    out = []
    named = [c for c in network["connectors"] if c["person_id"]]
    if named:
        out.append(
            {
                "action": "Thank these connectors",
                "who": ", ".join(c["label"] for c in named[:3]),
                "why": "they carry learning between people who would not otherwise meet (top betweenness)",
            }
        )
    taught = [n for n in network["nodes"] if n["person_id"] and n["in_degree"] >= 2 and n not in named[:3]]
    if taught:
        out.append(
            {
                "action": "Invite these people to show & tell",
                "who": ", ".join(n["label"] for n in taught[:3]),
                "why": "the most people learned from them this month",
            }
        )
    quiet = []
    for dept_id, r in depth.items():
        key = groups.of(dept_id)
        if dept_id and groups.shown(key) and r["members"] and r["habitual"] / r["members"] < 0.2:
            quiet.append((r["habitual"] / r["members"], groups.label[key]))
    for _share, label in sorted(quiet)[:2]:
        out.append(
            {
                "action": f"Start a cohort in {label}",
                "who": label,
                "why": "fewer than one in five people there use AI habitually",
            }
        )
    for team in dormant[:3]:
        out.append(
            {
                "action": f"Wake up {team['team']} ({team['department']})",
                "who": team["team"],
                "why": f"{team['people']} people, no learning events in 28 days",
            }
        )
    for pocket in pockets:
        if pocket["rows"]:
            top = pocket["rows"][0]
            out.append(
                {
                    "action": f"Endorse “{top['label']}”",
                    "who": str(top["label"]),
                    "why": f"the most active pocket in {pocket['label']}",
                }
            )
    return out
