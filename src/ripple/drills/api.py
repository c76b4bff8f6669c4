"""The drills endpoints under /api/v1: the same rules, actions and selectors as the pages. The key
appears only after your attempt; there is no endpoint for anyone else's attempt or calibration."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from ninja import Query, Router, Schema

from ripple.core.api import Id, clamp, errors
from ripple.core.pagination import paginate
from ripple.drills import access, actions, selectors
from ripple.drills.schemas import (
    AttemptIn,
    AttemptOut,
    CalibrationOut,
    DrillIn,
    DrillOut,
    DrillPage,
    DrillResultsOut,
    attempt_out,
    flaw_out,
    summary,
)
from ripple.people.http import AuthedRequest

router = Router(tags=["drills"])


class DrillQuery(Schema):
    todo: bool | None = None
    cursor: str | None = None
    limit: int = 24


@router.get("/drills", response={200: DrillPage, **errors()}, summary="Drills you can see, newest first")
def drill_list(request: AuthedRequest, params: Query[DrillQuery]) -> dict[str, Any]:
    page = paginate(
        selectors.drill_list(request.user, todo=params.todo),
        ordering=("-created_at", "-id"),
        cursor=params.cursor,
        size=clamp(params.limit),
    )
    return {"items": [summary(d, request.user.pk) for d in page.items], "next": page.next_cursor}


@router.post("/drills", response={201: DrillOut, **errors(403, 404)}, summary="Post a drill with its key")
def drill_create(request: AuthedRequest, payload: DrillIn) -> tuple[int, dict[str, Any]]:
    space = None if payload.space_id is None else access.access_space(request.user, payload.space_id)
    drill = actions.drill_create(
        actor=request.user, title=payload.title, kind=payload.kind, language=payload.language,
        tool=payload.tool, prompt=payload.prompt, output=payload.output,
        flaws=[f.dict() for f in payload.flaws], space=space, week=payload.week,
        challenge_id=payload.challenge_id,
    )  # fmt: skip
    return 201, _drill(request, drill.pk)


def _drill(request: AuthedRequest, drill_id: int) -> dict[str, Any]:
    drill = access.access_drill(request.user, drill_id)
    state = access.state(request.user, drill)
    out = summary(drill, request.user.pk)
    out["status"] = (
        "author"
        if state["author"]
        else "attempted"
        if state["attempted"]
        else "gave_up"
        if state["gave_up"]
        else "todo"
    )
    key = None
    if state["see_key"]:
        mine = selectors.my_attempt(request.user, drill) if state["attempted"] else None
        found = None if mine is None else {m.flaw_id for m in mine.marks.all() if m.flaw_id}
        key = [flaw_out(drill, f, found) for f in selectors.key(drill)]
    return {**out, "prompt": drill.prompt, "output": drill.output, "key": key}


@router.get(
    "/drills/{drill_id}",
    response={200: DrillOut, **errors(404)},
    summary="A drill (the key is null until you have submitted)",
)
def drill_get(request: AuthedRequest, drill_id: Id) -> dict[str, Any]:
    return _drill(request, drill_id)


@router.post(
    "/drills/{drill_id}/attempts",
    response={201: AttemptOut, **errors(404)},
    summary="Submit your one attempt: marks and confidence (50–100); answers with the key",
)
def attempt_create(request: AuthedRequest, drill_id: Id, payload: AttemptIn) -> tuple[int, dict[str, Any]]:
    drill = access.access_drill(request.user, drill_id)
    actions.attempt_submit(
        actor=request.user,
        drill=drill,
        marks=[m.dict() for m in payload.marks],
        confidence=payload.confidence,
    )
    return 201, _mine(request, drill)


def _mine(request: AuthedRequest, drill: Any) -> dict[str, Any]:
    mine = selectors.my_attempt(request.user, drill)
    if mine is None:
        raise Http404("You have not attempted this drill.")
    return attempt_out(drill, mine, selectors.key(drill))


@router.get(
    "/drills/{drill_id}/attempts/mine",
    response={200: AttemptOut, **errors(404)},
    summary="Your attempt, matched against the key",
)
def attempt_mine(request: AuthedRequest, drill_id: Id) -> dict[str, Any]:
    return _mine(request, access.access_drill(request.user, drill_id))


@router.post(
    "/drills/{drill_id}/reveal",
    response={200: DrillOut, **errors(404)},
    summary="Give up and see the key (you can no longer attempt this drill)",
)
def drill_reveal(request: AuthedRequest, drill_id: Id) -> dict[str, Any]:
    drill = access.access_drill(request.user, drill_id)
    actions.reveal_key(actor=request.user, drill=drill)
    return _drill(request, drill_id)


@router.get(
    "/drills/{drill_id}/results",
    response={200: DrillResultsOut, **errors(403, 404)},
    summary="Everyone's attempts as aggregates (after your attempt; only when at least k people tried)",
)
def drill_results(request: AuthedRequest, drill_id: Id) -> dict[str, Any]:
    drill = access.access_drill(request.user, drill_id)
    access.require_key(request.user, drill)
    return selectors.drill_figures(drill)


@router.get(
    "/me/calibration",
    response={200: CalibrationOut, **errors()},
    summary="Your own calibration over every drill you attempted (nobody else can read it)",
)
def my_calibration(request: AuthedRequest) -> dict[str, Any]:
    figures = selectors.my_calibration(request.user)
    figures.pop("attempts")
    return figures
