"""Insights pages: the dashboard, the ripple map, a prompt's spread, the leadership report, my ripple."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from ripple.core import registry
from ripple.core.forms import error_text
from ripple.insights import access, csvs, selectors, tasks, weeks
from ripple.library.access import access_prompt
from ripple.people import access as people_access
from ripple.people.http import AuthedRequest


def _filters(request: AuthedRequest, *, kind: bool = False) -> dict[str, Any]:
    """The period, department (and kind) the query names, or the errors saying why not."""
    groups = selectors.department_groups()
    out: dict[str, Any] = {"groups": groups, "errors": [], "kind": None, "department": None}
    get = request.GET
    out["raw"] = {k: get.get(k, "") for k in ("from", "to", "department", "kind")}
    try:
        out["period"] = weeks.period(get.get("from"), get.get("to"))
    except ValidationError as exc:
        out["errors"].append(error_text(exc))
        out["period"] = weeks.period()
    try:
        out["department"] = selectors.department_filter(get.get("department"), groups)
    except ValidationError as exc:
        out["errors"].append(error_text(exc))
    if kind:
        try:
            out["kind"] = selectors.kind_filter(get.get("kind"))
        except ValidationError as exc:
            out["errors"].append(error_text(exc))
    out["departments"] = sorted(groups.names.items(), key=lambda kv: kv[1])
    out["kinds"] = [k for k in registry.learning_kinds if k.transfer]
    return out


@require_GET
@login_required
def index(request: AuthedRequest) -> HttpResponse:
    if not access.can_see_insights(request.user):
        return redirect("insights:mine")  # the nav entry leads members to their own ripple
    f = _filters(request)
    data = selectors.adoption(f["period"], f["department"], groups=f["groups"])
    tables = csvs.adoption_tables(data)
    if request.GET.get("csv") in {*tables, "all"} and tables:
        return csvs.response(tables, request.GET["csv"], "adoption")
    charts = {}
    if not data["suppressed"]:
        charts = {
            "depth": {
                "type": "bar",
                "stacked": True,
                "labels": [w["week"].isoformat() for w in data["weeks"]],
                "series": [
                    {"label": s.title(), "data": [w[s] for w in data["weeks"]]}
                    for s in ("habitual", "occasional", "new", "lapsed")
                ],
            },
            "flows": {
                "type": "line",
                "labels": [w["week"].isoformat() for w in data["weeks"]],
                "series": [
                    {"label": "Learning events", "data": [w["events"] for w in data["weeks"]]},
                    {"label": "Across departments", "data": [w["cross"] for w in data["weeks"]]},
                ],
            },
        }
    return render(
        request,
        "insights/index.html",
        {**f, "data": data, "charts": charts, "query": request.GET.urlencode()},
    )


@require_GET
@login_required
def ripple_map(request: AuthedRequest) -> HttpResponse:
    access.require_insights(request.user)
    f = _filters(request, kind=True)
    data = selectors.ripple_map(
        request.user, f["period"], kind=f["kind"], department_id=f["department"], groups=f["groups"]
    )
    if request.GET.get("csv"):  # the tables are built only when one is asked for
        tables = csvs.map_tables(data)
        if request.GET["csv"] in {*tables, "all"} and tables:
            return csvs.response(tables, request.GET["csv"], "ripple-map")
    graph = {
        "nodes": [
            {
                "id": n["id"],
                "label": n["label"],
                "group": n["group"],
                "department": n["department"],
                "in": n["in_degree"],
                "out": n["out_degree"],
                "person": n["person_id"],
            }
            for n in data["nodes"]
        ],
        "edges": [
            {"source": e["source"], "target": e["target"], "events": e["events"]} for e in data["edges"]
        ],
    }
    return render(
        request, "insights/map.html", {**f, "data": data, "graph": graph, "query": request.GET.urlencode()}
    )


@require_GET
@login_required
def spread(request: AuthedRequest, prompt_id: int) -> HttpResponse:
    prompt = access_prompt(request.user, prompt_id)
    access.require_spread(request.user, prompt)
    data = selectors.spread(request.user, prompt)
    chart = {
        "type": "line",
        "labels": [w["week"].isoformat() for w in data["timeline"]],
        "series": [
            {"label": "Departments reached", "data": [w["departments_reached"] for w in data["timeline"]]},
            {"label": "Reuses", "data": [w["reuses"] for w in data["timeline"]]},
            {"label": "Forks", "data": [w["forks"] for w in data["timeline"]]},
        ],
    }
    if request.GET.get("csv") == "timeline":
        rows = [{**w, "new_departments": w["new_departments"]} for w in data["timeline"]]
        keys = ["week", "reuses", "forks", "suggestions", "new_departments", "departments_reached"]
        return csvs.response({"timeline": csvs.table(rows, keys)}, "timeline", f"prompt-{prompt.pk}-spread")
    return render(
        request, "insights/spread.html", {"prompt": prompt, "data": data, "charts": {"spread": chart}}
    )


@require_GET
@login_required
def report(request: AuthedRequest) -> HttpResponse:
    access.require_insights(request.user)
    errors = []
    try:
        month = weeks.month(request.GET.get("month"))
    except ValidationError as exc:
        errors.append(error_text(exc))
        month = weeks.month(None)
    data = selectors.report(request.user, month)
    tables = csvs.report_tables(data)
    if request.GET.get("csv") in {*tables, "all"}:
        return csvs.response(tables, request.GET["csv"], f"report-{data['month']}")
    chart = {
        "type": "bar",
        "labels": [r["label"] for r in data["headline"][:3]],
        "series": [
            {"label": "Last month", "data": [r["previous"] for r in data["headline"][:3]]},
            {"label": data["label"], "data": [r["value"] for r in data["headline"][:3]]},
        ],
    }
    return render(
        request,
        "insights/report.html",
        {
            "data": data,
            "errors": errors,
            "charts": {"headline": chart},
            "raw_month": request.GET.get("month", ""),
        },
    )


@require_GET
@login_required
def mine(request: AuthedRequest) -> HttpResponse:
    return render(request, "insights/mine.html", {"data": selectors.my_ripple(request.user)})


@require_GET
@login_required
def person(request: AuthedRequest, person_id: int) -> HttpResponse:
    """HTMX, on profiles: on your own, who learned from you; on others', nothing unless you lead."""
    who = people_access.access_person(request.user, person_id)
    data = selectors.my_ripple(who) if who.pk == request.user.pk else None
    return render(request, "insights/person.html", {"person": who, "data": data})


@require_POST
@login_required
def refresh(request: AuthedRequest) -> HttpResponse:
    access.require_insights(request.user)
    tasks.refresh_rollups.enqueue()
    messages.success(request, "Refreshing the figures; reload in a moment.")
    back = str(request.POST.get("next", ""))
    return redirect(back if back.startswith("/insights/") else "insights:index")
