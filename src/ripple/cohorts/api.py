"""The cohorts endpoints under /api/v1: the same access rules, actions and selectors as the pages. A
private cohort is a 404 for everyone outside it."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404
from ninja import Router

from ripple.cohorts import access, actions, selectors
from ripple.cohorts.models import Status
from ripple.cohorts.schemas import (
    BoardOut,
    CheckInIn,
    CheckInOut,
    CheckInPage,
    CohortIn,
    CohortOut,
    CohortPage,
    CohortPatch,
    EnrolmentOut,
    InviteIn,
    JoinIn,
    MemberPage,
    ReportOut,
    report_out,
)
from ripple.core.api import Id, errors
from ripple.people.http import AuthedRequest

router = Router(tags=["cohorts"])
FIELDS = (
    "name",
    "goal",
    "description",
    "start_date",
    "weeks",
    "meeting_weekday",
    "meeting_time",
    "time_zone",
    "capacity",
    "enrolment",
    "reminder_weekday",
)


def _cohort(request: AuthedRequest, cohort_id: int) -> Any:
    return access.access_cohort(request.user, cohort_id)


@router.get(
    "/cohorts",
    response={200: CohortPage, **errors()},
    summary="Cohorts you may see (private ones only if you are in them)",
)
def cohort_list(request: AuthedRequest) -> dict[str, Any]:
    return {"items": [card.cohort for card in selectors.cohort_list(request.user)], "next": None}


@router.post(
    "/cohorts", response={201: CohortOut, **errors(403)}, summary="Start a cohort (facilitators, admins)"
)
def cohort_create(request: AuthedRequest, payload: CohortIn) -> tuple[int, Any]:
    cohort = actions.cohort_create(
        actor=request.user,
        data={f: getattr(payload, f) for f in FIELDS},
        visibility=payload.visibility,
        facilitators=selectors.people_by_ids(payload.facilitator_ids),
    )
    return 201, _cohort(request, cohort.pk)


@router.get("/cohorts/{cohort_id}", response={200: CohortOut, **errors(404)}, summary="A cohort")
def cohort_get(request: AuthedRequest, cohort_id: Id) -> Any:
    return _cohort(request, cohort_id)


@router.patch(
    "/cohorts/{cohort_id}",
    response={200: CohortOut, **errors(403, 404)},
    summary="Change a cohort (its facilitators)",
)
def cohort_patch(request: AuthedRequest, cohort_id: Id, payload: CohortPatch) -> Any:
    cohort = _cohort(request, cohort_id)
    access.require_facilitator(request.user, cohort)
    sent = payload.dict(exclude_unset=True)
    data = {f: sent[f] if sent.get(f) is not None else getattr(cohort, f) for f in FIELDS}
    actions.cohort_update(actor=request.user, cohort=cohort, data=data, visibility=sent.get("visibility"))
    return _cohort(request, cohort.pk)


@router.delete(
    "/cohorts/{cohort_id}",
    response={204: None, **errors(403, 404)},
    summary="Delete a cohort that has not started",
)
def cohort_delete(request: AuthedRequest, cohort_id: Id) -> tuple[int, None]:
    actions.cohort_delete(actor=request.user, cohort=_cohort(request, cohort_id))
    return 204, None


@router.get(
    "/cohorts/{cohort_id}/members",
    response={200: MemberPage, **errors(403, 404)},
    summary="Members (and, for facilitators, requests, invitations and the waiting list)",
)
def member_list(request: AuthedRequest, cohort_id: Id) -> dict[str, Any]:
    cohort = _cohort(request, cohort_id)
    access.require_board(request.user, cohort)
    everyone = access.is_facilitator(request.user, cohort)
    statuses = (
        (Status.MEMBER, Status.REQUESTED, Status.INVITED, Status.WAITING) if everyone else (Status.MEMBER,)
    )
    return {"items": list(selectors.enrolments(cohort, statuses=statuses)), "next": None}


@router.post(
    "/cohorts/{cohort_id}/members",
    response={201: EnrolmentOut, **errors(404)},
    summary="Join (or ask to join, accept an invitation, join the waiting list)",
)
def member_join(request: AuthedRequest, cohort_id: Id, payload: JoinIn) -> tuple[int, Any]:
    return 201, actions.join(
        actor=request.user, cohort=_cohort(request, cohort_id), waitlist=payload.waitlist
    )


@router.delete(
    "/cohorts/{cohort_id}/members/me",
    response={200: EnrolmentOut, **errors(404)},
    summary="Leave the cohort (or its waiting list)",
)
def member_leave(request: AuthedRequest, cohort_id: Id) -> Any:
    return actions.leave(actor=request.user, cohort=_cohort(request, cohort_id))


@router.post(
    "/cohorts/{cohort_id}/invitations",
    response={201: EnrolmentOut, **errors(403, 404)},
    summary="Invite a person (facilitators)",
)
def member_invite(request: AuthedRequest, cohort_id: Id, payload: InviteIn) -> tuple[int, Any]:
    cohort = _cohort(request, cohort_id)
    person = selectors.person_by_id(payload.person_id)
    if person is None:
        raise ValidationError({"person_id": "No active person has this id."})
    return 201, actions.invite(actor=request.user, cohort=cohort, person=person)


@router.get(
    "/cohorts/{cohort_id}/checkins",
    response={200: CheckInPage, **errors(403, 404)},
    summary="The cohort's check-ins (members)",
)
def checkin_list(request: AuthedRequest, cohort_id: Id, week: Id | None = None) -> dict[str, Any]:
    cohort = _cohort(request, cohort_id)
    access.require_board(request.user, cohort)
    return {"items": list(selectors.checkins(cohort, week=week)), "next": None}


@router.post(
    "/cohorts/{cohort_id}/checkins",
    response={201: CheckInOut, **errors(403, 404)},
    summary="Check in (or change your check-in) for the current week",
)
def checkin_save(request: AuthedRequest, cohort_id: Id, payload: CheckInIn) -> tuple[int, Any]:
    cohort = _cohort(request, cohort_id)
    learned_from = None
    if payload.learned_from_id is not None:
        learned_from = selectors.person_by_id(payload.learned_from_id)
        if learned_from is None:
            raise ValidationError({"learned_from_id": "No active person has this id."})
    data = payload.dict()
    data.update(learned_from=learned_from, prompts=payload.prompt_ids, posts=payload.post_ids)
    checkin = actions.checkin_save(actor=request.user, cohort=cohort, week=payload.week, data=data)
    item = selectors.checkins(cohort).filter(pk=checkin.pk).first()
    if item is None:  # pragma: no cover - just written
        raise Http404
    return 201, item


@router.get(
    "/cohorts/{cohort_id}/board",
    response={200: BoardOut, **errors(403, 404)},
    summary="People × weeks: checked in, missed, due, upcoming",
)
def board(request: AuthedRequest, cohort_id: Id) -> dict[str, Any]:
    cohort = _cohort(request, cohort_id)
    access.require_board(request.user, cohort)
    return selectors.board(cohort).as_dict()


@router.get(
    "/cohorts/{cohort_id}/report",
    response={200: ReportOut, **errors(403, 404)},
    summary="The outcomes report (facilitators)",
)
def report(request: AuthedRequest, cohort_id: Id) -> dict[str, Any]:
    cohort = _cohort(request, cohort_id)
    access.require_report(request.user, cohort)
    return report_out(selectors.report(cohort))
