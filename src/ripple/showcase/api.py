"""Show-and-tell endpoints under /api/v1: the same access rules, actions and selectors as the pages."""

from __future__ import annotations

from datetime import datetime, time
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from ninja import Query, Router

from ripple.core.api import Id, Page, clamp, errors
from ripple.people.http import AuthedRequest
from ripple.showcase import access, actions, recurrence, selectors
from ripple.showcase.models import Series
from ripple.showcase.schemas import (
    AlwaysOut,
    AttendanceIn,
    AttendanceOut,
    OccurrenceIn,
    OccurrenceOut,
    OccurrencePatch,
    OccurrenceQuery,
    RsvpIn,
    RsvpOut,
    SeriesIn,
    SeriesOut,
    SeriesPatch,
    SlotIn,
    SlotOut,
)

router = Router(tags=["show & tell"])


def _when(raw: str, tz_name: str, field: str) -> datetime | None:
    if not raw:
        return None
    try:
        value = parse_datetime(raw)
        day = parse_date(raw) if value is None else None
    except ValueError as exc:  # well formed, but no such date or time (2026-02-30)
        raise ValidationError({field: f"“{raw[:40]}” is not a real date or time."}) from exc
    if value is None:
        if day is None:
            raise ValidationError({field: f"“{raw[:40]}” is not an ISO date (2026-03-27) or date-time."})
        value = datetime.combine(day, time(0, 0))
    if not 1900 <= value.year <= 2200:
        raise ValidationError({field: "Give a date between 1900 and 2200."})
    if timezone.is_naive(value):
        value = value.replace(tzinfo=recurrence.time_zone(tz_name))
    return value


def _input(data: dict[str, Any]) -> actions.SeriesInput:
    fields = {k: v for k, v in data.items() if k in actions.SeriesInput.__dataclass_fields__}
    return actions.SeriesInput(**fields)


def _series(request: AuthedRequest, series_id: int) -> Series:
    return selectors.series_with_hosts(access.access_series(request.user, series_id))


def _hosts(ids: list[int]) -> list[Any]:
    people = selectors.people_by_ids(ids)
    if len(people) != len(set(ids)):
        raise ValidationError({"host_ids": "Hosts must be active members (check the ids)."})
    return people


@router.get(
    "/series", response={200: Page[SeriesOut], **errors()}, summary="Every series you may see (by title)"
)
def series_list(request: AuthedRequest) -> dict[str, Any]:
    return {"items": [card.series for card in selectors.series_list(viewer=request.user)], "next": None}


@router.post(
    "/series", response={201: SeriesOut, **errors(403)}, summary="Start a series (facilitators and admins)"
)
def series_create(request: AuthedRequest, payload: SeriesIn) -> tuple[int, Any]:
    data = payload.dict()
    hosts = _hosts(data.pop("host_ids") or [])
    series = actions.series_create(actor=request.user, data=_input(data), hosts=hosts)
    return 201, selectors.series_with_hosts(series)


@router.get("/series/{series_id}", response={200: SeriesOut, **errors(404)}, summary="One series")
def series_get(request: AuthedRequest, series_id: Id) -> Any:
    return _series(request, series_id)


@router.patch(
    "/series/{series_id}",
    response={200: SeriesOut, **errors(403, 404)},
    summary="Change a series (hosts); future sessions follow",
    description="Send only the fields to change: left out is kept, `null` clears what may be empty.",
)
def series_patch(request: AuthedRequest, series_id: Id, payload: SeriesPatch) -> Any:
    series = _series(request, series_id)
    access.require_host(request.user, series)
    current = {
        name: getattr(series, name)
        for name in actions.SeriesInput.__dataclass_fields__
        if hasattr(series, name)
    }
    current["department_id"] = series.department_id
    changes = payload.dict(exclude_unset=True)
    host_ids = changes.pop("host_ids", None)
    hosts = _hosts(host_ids) if host_ids is not None else None
    updated = actions.series_update(
        actor=request.user, series=series, data=_input({**current, **changes}), hosts=hosts
    )
    return selectors.series_with_hosts(updated)


@router.delete(
    "/series/{series_id}", response={204: None, **errors(403, 404)}, summary="Archive a series (hosts)"
)
def series_delete(request: AuthedRequest, series_id: Id) -> tuple[int, None]:
    actions.series_archive(actor=request.user, series=_series(request, series_id))
    return 204, None


@router.get(
    "/series/{series_id}/occurrences",
    response={200: Page[OccurrenceOut], **errors(404)},
    summary="Sessions between from and to, oldest first",
)
def occurrences(request: AuthedRequest, series_id: Id, params: Query[OccurrenceQuery]) -> dict[str, Any]:
    series = _series(request, series_id)
    start = _when(params.start, series.timezone, "from")
    end = _when(params.end, series.timezone, "to")
    if start and end and end <= start:
        raise ValidationError({"to": "“to” must be after “from”."})
    page = selectors.occurrences_between(
        series=series, start=start, end=end, cursor=params.cursor, size=clamp(params.limit)
    )
    return {"items": page.items, "next": page.next_cursor}


@router.post(
    "/series/{series_id}/occurrences",
    response={201: OccurrenceOut, **errors(403, 404)},
    summary="Add a one-off session (hosts)",
)
def occurrence_add(request: AuthedRequest, series_id: Id, payload: OccurrenceIn) -> tuple[int, Any]:
    series = _series(request, series_id)
    occurrence = actions.occurrence_add(
        actor=request.user,
        series=series,
        starts_at=payload.starts_at,
        ends_at=payload.ends_at,
        location=payload.location,
    )
    return 201, occurrence


@router.get(
    "/occurrences/{occurrence_id}", response={200: OccurrenceOut, **errors(404)}, summary="One session"
)
def occurrence_get(request: AuthedRequest, occurrence_id: Id) -> Any:
    return access.access_occurrence(request.user, occurrence_id)


@router.patch(
    "/occurrences/{occurrence_id}",
    response={200: OccurrenceOut, **errors(403, 404)},
    summary="Move, cancel, restore or annotate a session (hosts)",
    description="All or nothing: when one part is refused, nothing of the request is kept.",
)
def occurrence_patch(request: AuthedRequest, occurrence_id: Id, payload: OccurrencePatch) -> Any:
    occurrence = access.access_occurrence(request.user, occurrence_id)
    access.require_host(request.user, occurrence.series)
    changes = payload.dict(exclude_unset=True)
    with transaction.atomic():
        if changes.get("status") == "cancelled" and not occurrence.is_cancelled:
            occurrence = actions.occurrence_cancel(
                actor=request.user, occurrence=occurrence, reason=payload.cancel_reason
            )
        elif changes.get("status") == "scheduled" and occurrence.is_cancelled:
            occurrence = actions.occurrence_restore(actor=request.user, occurrence=occurrence)
        if {"starts_at", "ends_at", "location", "video_url"} & set(changes):
            occurrence = actions.occurrence_move(
                actor=request.user,
                occurrence=occurrence,
                starts_at=changes.get("starts_at") or occurrence.starts_at,
                ends_at=changes.get("ends_at"),
                location=changes.get("location"),
                video_url=changes.get("video_url"),
            )
        if "capacity" in changes:
            occurrence = actions.capacity_set(
                actor=request.user, occurrence=occurrence, capacity=changes["capacity"]
            )
        if "notes" in changes or "recording_url" in changes:
            occurrence = actions.occurrence_notes(
                actor=request.user,
                occurrence=occurrence,
                notes=changes.get("notes", occurrence.notes),
                recording_url=changes.get("recording_url", occurrence.recording_url),
            )
    return access.access_occurrence(request.user, occurrence_id)


@router.get(
    "/occurrences/{occurrence_id}/slots",
    response={200: Page[SlotOut], **errors(404)},
    summary="A session's agenda, then its waiting list",
)
def slots(request: AuthedRequest, occurrence_id: Id) -> dict[str, Any]:
    occurrence = access.access_occurrence(request.user, occurrence_id)
    return {"items": selectors.slots_of(viewer=request.user, occurrence=occurrence), "next": None}


@router.post(
    "/occurrences/{occurrence_id}/slots",
    response={201: SlotOut, **errors(403, 404)},
    summary="Sign up to present",
)
def slot_create(request: AuthedRequest, occurrence_id: Id, payload: SlotIn) -> tuple[int, Any]:
    occurrence = access.access_occurrence(request.user, occurrence_id)
    slot = actions.slot_sign_up(actor=request.user, occurrence=occurrence, **payload.dict())
    return 201, next(
        s for s in selectors.slots_of(viewer=request.user, occurrence=occurrence) if s.pk == slot.pk
    )


@router.delete(
    "/slots/{slot_id}",
    response={204: None, **errors(403, 404)},
    summary="Cancel a slot (yours, or any as a host)",
)
def slot_delete(request: AuthedRequest, slot_id: Id) -> tuple[int, None]:
    actions.slot_cancel(actor=request.user, slot=access.access_slot(request.user, slot_id))
    return 204, None


@router.post(
    "/occurrences/{occurrence_id}/attendance",
    response={200: AttendanceOut, **errors(403, 404)},
    summary="Check in, or (hosts) mark attendance",
)
def attendance(request: AuthedRequest, occurrence_id: Id, payload: AttendanceIn) -> dict[str, int]:
    occurrence = access.access_occurrence(request.user, occurrence_id)
    if payload.person_ids is None:
        changed = int(actions.check_in(actor=request.user, occurrence=occurrence))
    else:
        people = selectors.people_by_ids(payload.person_ids)
        if len(people) != len(set(payload.person_ids)):
            raise ValidationError({"person_ids": "Every id must be an active member."})
        changed = actions.attendance_mark(
            actor=request.user, occurrence=occurrence, people=people, present=payload.present
        )
    occurrence.refresh_from_db()
    return {"occurrence_id": occurrence.pk, "changed": changed, "attendee_count": occurrence.attendee_count}


@router.put(
    "/occurrences/{occurrence_id}/rsvp",
    response={200: RsvpOut, **errors(404)},
    summary="Coming (or not) to one session",
)
def rsvp_put(request: AuthedRequest, occurrence_id: Id, payload: RsvpIn) -> dict[str, Any]:
    occurrence = access.access_occurrence(request.user, occurrence_id)
    rsvp = actions.rsvp_set(actor=request.user, occurrence=occurrence, going=payload.going)
    return {"occurrence_id": occurrence.pk, "going": rsvp.going}


@router.delete(
    "/occurrences/{occurrence_id}/rsvp", response={204: None, **errors(404)}, summary="Take back an RSVP"
)
def rsvp_delete(request: AuthedRequest, occurrence_id: Id) -> tuple[int, None]:
    actions.rsvp_clear(actor=request.user, occurrence=access.access_occurrence(request.user, occurrence_id))
    return 204, None


@router.put(
    "/series/{series_id}/always-attend",
    response={200: AlwaysOut, **errors(404)},
    summary="Attend every session of a series",
)
def always_put(request: AuthedRequest, series_id: Id) -> dict[str, Any]:
    series = access.access_series(request.user, series_id)
    return {
        "series_id": series.pk,
        "always_attend": actions.always_attend_set(actor=request.user, series=series, on=True),
    }


@router.delete(
    "/series/{series_id}/always-attend",
    response={204: None, **errors(404)},
    summary="Stop attending every session",
)
def always_delete(request: AuthedRequest, series_id: Id) -> tuple[int, None]:
    actions.always_attend_set(
        actor=request.user, series=access.access_series(request.user, series_id), on=False
    )
    return 204, None
