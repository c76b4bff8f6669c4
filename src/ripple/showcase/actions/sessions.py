"""One session: skip (cancel) or restore it, move it, add a one-off, write the notes after it."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ripple.core import markdown
from ripple.people.models import User
from ripple.showcase import access
from ripple.showcase.actions.common import clean_text, clean_url, when_text
from ripple.showcase.actions.series import tell_changed
from ripple.showcase.models import Occurrence, OccurrenceStatus, Series

FURTHEST = timedelta(days=5 * 366)  # nothing is planned further ahead


def _future_or_error(occurrence: Occurrence, now: datetime, what: str) -> None:
    if access.is_past(occurrence, now):
        raise ValidationError({"starts_at": f"This session has already started: it can't be {what}."})


@transaction.atomic
def occurrence_move(
    *,
    actor: User,
    occurrence: Occurrence,
    starts_at: datetime,
    ends_at: datetime | None = None,
    location: str | None = None,
    video_url: str | None = None,
    now: datetime | None = None,
) -> Occurrence:
    """Move one session to another time (and/or place); calendars see the same event with SEQUENCE + 1."""
    access.require_host(actor, occurrence.series)
    now = now or timezone.now()
    _future_or_error(occurrence, now, "moved")
    if timezone.is_naive(starts_at):
        raise ValidationError({"starts_at": "Give the new time with its time zone."})
    if starts_at <= now:
        raise ValidationError({"starts_at": "A session can't be moved into the past."})
    if starts_at > now + FURTHEST:
        raise ValidationError({"starts_at": "Move it to a date within the next five years."})
    ends_at = ends_at or starts_at + (occurrence.ends_at - occurrence.starts_at)
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": "The session must end after it starts."})
    if ends_at - starts_at > timedelta(hours=8):
        raise ValidationError({"ends_at": "A session lasts at most 8 hours."})
    new_location = (
        occurrence.location
        if location is None
        else clean_text(location, field="location", label="Location", max_length=200)
    )
    new_video = occurrence.video_url if video_url is None else clean_url(video_url, field="video_url")
    changed = (starts_at, ends_at, new_location, new_video) != (
        occurrence.starts_at,
        occurrence.ends_at,
        occurrence.location,
        occurrence.video_url,
    )
    if not changed:
        return occurrence
    occurrence.starts_at, occurrence.ends_at = starts_at, ends_at
    occurrence.location, occurrence.video_url = new_location, new_video
    occurrence.sequence += 1
    occurrence.updated_at = now
    occurrence.save()
    tell_changed(occurrence, actor, f"{occurrence.series.title} moved to {when_text(occurrence)}.")
    return occurrence


@transaction.atomic
def occurrence_cancel(
    *, actor: User, occurrence: Occurrence, reason: str = "", now: datetime | None = None
) -> Occurrence:
    """Skip one session. It stays (STATUS:CANCELLED in calendars) with its slots, and people are told."""
    access.require_host(actor, occurrence.series)
    now = now or timezone.now()
    _future_or_error(occurrence, now, "cancelled")
    if occurrence.is_cancelled:
        raise ValidationError({"status": "This session is already cancelled."})
    occurrence.status = OccurrenceStatus.CANCELLED
    occurrence.cancel_reason = clean_text(reason, field="reason", label="Reason", max_length=200)
    occurrence.sequence += 1
    occurrence.updated_at = now
    occurrence.save()
    why = f": {occurrence.cancel_reason}" if occurrence.cancel_reason else "."
    tell_changed(occurrence, actor, f"{occurrence.series.title} on {when_text(occurrence)} is cancelled{why}")
    return occurrence


@transaction.atomic
def occurrence_restore(*, actor: User, occurrence: Occurrence, now: datetime | None = None) -> Occurrence:
    """Undo a skip: the session is on again."""
    access.require_host(actor, occurrence.series)
    now = now or timezone.now()
    _future_or_error(occurrence, now, "restored")
    if not occurrence.is_cancelled:
        raise ValidationError({"status": "This session is not cancelled."})
    occurrence.status, occurrence.cancel_reason = OccurrenceStatus.SCHEDULED, ""
    occurrence.sequence += 1
    occurrence.updated_at = now
    occurrence.save()
    tell_changed(occurrence, actor, f"{occurrence.series.title} on {when_text(occurrence)} is on again.")
    return occurrence


@transaction.atomic
def occurrence_add(
    *,
    actor: User,
    series: Series,
    starts_at: datetime,
    ends_at: datetime | None = None,
    location: str = "",
    now: datetime | None = None,
) -> Occurrence:
    """A one-off session outside the rule (a special edition)."""
    access.require_host(actor, series)
    now = now or timezone.now()
    if timezone.is_naive(starts_at):
        raise ValidationError({"starts_at": "Give the time with its time zone."})
    if starts_at <= now:
        raise ValidationError({"starts_at": "A new session must be in the future."})
    if starts_at > now + FURTHEST:
        raise ValidationError({"starts_at": "Plan it within the next five years."})
    ends_at = ends_at or starts_at + timedelta(minutes=series.duration_minutes)
    if ends_at <= starts_at or ends_at - starts_at > timedelta(hours=8):
        raise ValidationError({"ends_at": "The session must end after it starts, within 8 hours."})
    return Occurrence.objects.create(
        series=series,
        recurrence_id=None,
        starts_at=starts_at,
        ends_at=ends_at,
        location=clean_text(location, field="location", label="Location", max_length=200),
        capacity=series.slots_per_session,
        created_at=now,
        updated_at=now,
    )


@transaction.atomic
def occurrence_notes(
    *, actor: User, occurrence: Occurrence, notes: str, recording_url: str = "", now: datetime | None = None
) -> Occurrence:
    """The hosts' notes (Markdown) and the recording link, usually written after the session."""
    access.require_host(actor, occurrence.series)
    text = clean_text(notes, field="notes", label="Notes", max_length=20000)
    occurrence.notes = text
    occurrence.notes_html = markdown.render(text) if text else ""
    occurrence.recording_url = clean_url(recording_url, field="recording_url")
    occurrence.updated_at = now or timezone.now()
    occurrence.save(update_fields=["notes", "notes_html", "recording_url", "updated_at"])
    return occurrence
