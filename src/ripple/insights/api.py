"""Insights under /api/v1/insights: the same selectors as the pages (leaders and admins only)."""

from __future__ import annotations

from typing import Any

from ninja import Query, Router

from ripple.core.api import Id, errors
from ripple.insights import access, selectors, weeks
from ripple.insights.schemas import (
    InsightsAdoptionOut,
    InsightsMapOut,
    InsightsMapQuery,
    InsightsMonthQuery,
    InsightsRangeQuery,
    InsightsReportOut,
    InsightsSpreadOut,
)
from ripple.library.access import access_prompt
from ripple.people.http import AuthedRequest

router = Router(tags=["insights"])


@router.get(
    "/insights/adoption",
    response={200: InsightsAdoptionOut, **errors(403)},
    summary="Adoption: engagement depth by week and department, teams, outcomes, survey trends",
    by_alias=True,
)
def adoption(request: AuthedRequest, params: Query[InsightsRangeQuery]) -> Any:
    access.require_insights(request.user)
    period = weeks.period(params.start, params.end)
    groups = selectors.department_groups()
    department = selectors.department_filter(params.department, groups)
    return selectors.adoption(period, department, groups=groups)


@router.get(
    "/insights/ripple-map",
    response={200: InsightsMapOut, **errors(403)},
    summary="The ripple map: nodes, edges (learner ← source) and network metrics",
    by_alias=True,
)
def ripple_map(request: AuthedRequest, params: Query[InsightsMapQuery]) -> Any:
    access.require_insights(request.user)
    period = weeks.period(params.start, params.end)
    groups = selectors.department_groups()
    department = selectors.department_filter(params.department, groups)
    kind = selectors.kind_filter(params.kind)
    return selectors.ripple_map(request.user, period, kind=kind, department_id=department, groups=groups)


@router.get(
    "/insights/prompts/{prompt_id}/spread",
    response={200: InsightsSpreadOut, **errors(403, 404)},
    summary="The spread of one prompt: a timeline of reuse and forks, and the tree of who learned from whom",
)
def spread(request: AuthedRequest, prompt_id: Id) -> Any:
    prompt = access_prompt(request.user, prompt_id)
    access.require_spread(request.user, prompt)
    return selectors.spread(request.user, prompt)


@router.get(
    "/insights/report",
    response={200: InsightsReportOut, **errors(403)},
    summary="The monthly leadership report: headline numbers against last month and suggested actions",
    by_alias=True,
)
def report(request: AuthedRequest, params: Query[InsightsMonthQuery]) -> Any:
    access.require_insights(request.user)
    return selectors.report(request.user, weeks.month(params.month))
