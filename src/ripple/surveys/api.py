"""The surveys endpoints under /api/v1: the same access rules, actions and selectors as the pages.
No endpoint returns an answer row; results are figures for groups of at least k."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from ninja import Router

from ripple.core.api import Id, errors
from ripple.people.models import User
from ripple.surveys import access, actions, selectors
from ripple.surveys.schemas import (
    InstrumentIn,
    InstrumentOut,
    InstrumentPage,
    RoundDetailOut,
    RoundIn,
    RoundOut,
    RoundPage,
    SurveyAnswersIn,
    SurveyAnswersOut,
    round_out,
)

router = Router(tags=["surveys"])


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # noqa: S101 - the API's auth guarantees a signed-in person
    return user


@router.get(
    "/surveys",
    response={200: InstrumentPage, **errors(403)},
    summary="Survey instruments (facilitators and admins)",
)
def instrument_list(request: HttpRequest) -> dict[str, Any]:
    access.require_manager(_user(request))
    actions.ensure_builtin_instrument()
    return {"items": list(selectors.instruments()), "next": None}


@router.post(
    "/surveys",
    response={201: InstrumentOut, **errors(403)},
    summary="Create an instrument (only a title: the built-in questions)",
)
def instrument_create(request: HttpRequest, payload: InstrumentIn) -> tuple[int, Any]:
    questions = None if payload.questions is None else [q.dict() for q in payload.questions]
    instrument = actions.instrument_create(
        actor=_user(request), title=payload.title, description=payload.description, questions=questions
    )
    return 201, _instrument(request, instrument.pk)


def _instrument(request: HttpRequest, instrument_id: int) -> Any:
    return access.access_instrument(_user(request), instrument_id)


@router.get(
    "/surveys/{survey_id}",
    response={200: InstrumentOut, **errors(403, 404)},
    summary="An instrument and its questions (with ids)",
)
def instrument_get(request: HttpRequest, survey_id: Id) -> Any:
    return _instrument(request, survey_id)


@router.get(
    "/surveys/{survey_id}/rounds",
    response={200: RoundPage, **errors(403, 404)},
    summary="Rounds of an instrument",
)
def round_list(request: HttpRequest, survey_id: Id) -> dict[str, Any]:
    instrument = access.access_instrument(_user(request), survey_id)
    return {"items": [round_out(r, None) for r in selectors.instrument_rounds(instrument)], "next": None}


@router.post(
    "/surveys/{survey_id}/rounds",
    response={201: RoundOut, **errors(403, 404)},
    summary="Send an instrument to an audience",
)
def round_create(request: HttpRequest, survey_id: Id, payload: RoundIn) -> tuple[int, dict[str, Any]]:
    user = _user(request)
    instrument = access.access_instrument(user, survey_id)
    paired_with = None
    if payload.paired_with is not None:
        paired_with = selectors.round_by_id(payload.paired_with)
        if paired_with is None:
            raise ValidationError({"paired_with": "No such round."})
    round_ = actions.round_create(
        actor=user, instrument=instrument, title=payload.title, opens_at=payload.opens_at,
        closes_at=payload.closes_at, remind_at=payload.remind_at, min_group=payload.min_group,
        audience=payload.audience, departments=selectors.departments_by_ids(payload.departments),
        teams=selectors.teams_by_ids(payload.teams), people=selectors.people_by_ids(payload.people),
        pair_role=payload.pair_role, paired_with=paired_with,
    )  # fmt: skip
    return 201, round_out(round_, None)


@router.get(
    "/rounds/{round_id}",
    response={200: RoundDetailOut, **errors(404)},
    summary="A round sent to you (or that you manage), with its questions",
)
def round_get(request: HttpRequest, round_id: Id) -> dict[str, Any]:
    round_, mine = access.access_round(_user(request), round_id)
    return round_out(round_, mine.answered if mine else None, selectors.questions(round_.instrument_id))


@router.post(
    "/rounds/{round_id}/responses",
    response={201: SurveyAnswersOut, **errors(403, 404)},
    summary="Answer a round sent to you",
)
def response_create(
    request: HttpRequest, round_id: Id, payload: SurveyAnswersIn
) -> tuple[int, dict[str, bool]]:
    user = _user(request)
    round_, mine = access.access_round(user, round_id)
    if mine is None:
        raise Http404("No such survey round.")
    actions.submit_answers(actor=user, round_=round_, answers=payload.answers, replace=payload.replace)
    return 201, {"answered": True, "changed": payload.replace}


@router.get(
    "/rounds/{round_id}/results",
    response={200: dict[str, Any], **errors(403, 404)},
    summary="Figures for groups of at least k",
)
def results(
    request: HttpRequest, round_id: Id, department: Id | None = None, team: Id | None = None
) -> dict[str, Any]:
    user = _user(request)
    round_, _mine = access.access_round(user, round_id)
    access.require_results(user, round_)
    dept = selectors.department(department) if department is not None else None
    tm = selectors.team(team) if team is not None else None
    if (department is not None and dept is None) or (team is not None and tm is None):
        raise ValidationError(
            {"department" if dept is None and department is not None else "team": "No such group."}
        )
    if dept is not None and tm is not None and tm.department_id != dept.pk:
        raise ValidationError({"team": "That team is not in that department."})
    actions.seal_round(round_id=round_.pk)
    return selectors.round_results(round_, department=dept, team=tm)


@router.get(
    "/me/surveys", response={200: RoundPage, **errors()}, summary="Rounds open now that were sent to you"
)
def my_surveys(request: HttpRequest) -> dict[str, Any]:
    return {
        "items": [round_out(m.round, m.answered) for m in selectors.my_open_rounds(_user(request))],
        "next": None,
    }
