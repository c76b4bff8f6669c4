"""Coming along: RSVPs, "always attend this series", attendance (self check-in or marked by a host), and
the learning events attending a demo records (attendee ← presenter)."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from ripple.core import ledger
from ripple.core.models import LearningEvent
from ripple.people.models import User
from ripple.showcase import access
from ripple.showcase.kinds import Learned
from ripple.showcase.models import (
    AlwaysAttend,
    Attendance,
    Occurrence,
    OccurrenceStatus,
    Rsvp,
    Series,
    Slot,
    SlotKind,
    SlotStatus,
)

# What you learn from by watching it: a demo, or an AI fail (questions for the room go the other way).
LEARNED_FROM = (SlotKind.DEMO, SlotKind.AI_FAIL)


@transaction.atomic
def rsvp_set(*, actor: User, occurrence: Occurrence, going: bool = True, now: datetime | None = None) -> Rsvp:
    """Say you are (or, overriding "always attend", are not) coming to one session."""
    now = now or timezone.now()
    if occurrence.status == OccurrenceStatus.CANCELLED:
        raise ValidationError({"occurrence": "This session is cancelled."})
    if occurrence.ends_at <= now:
        raise ValidationError({"occurrence": "This session is over: RSVPs are for sessions still to come."})
    rsvp, _ = Rsvp.objects.update_or_create(
        occurrence=occurrence, person=actor, defaults={"going": bool(going), "created_at": now}
    )
    return rsvp


@transaction.atomic
def rsvp_clear(*, actor: User, occurrence: Occurrence) -> bool:
    """Take back an RSVP (the series' "always attend" applies again); False if there was none."""
    deleted, _ = Rsvp.objects.filter(occurrence=occurrence, person=actor).delete()
    return bool(deleted)


@transaction.atomic
def always_attend_set(*, actor: User, series: Series, on: bool, now: datetime | None = None) -> bool:
    """Come to every session of `series` (later sessions inherit it; an RSVP per session overrides it)."""
    if on:
        AlwaysAttend.objects.get_or_create(
            series=series, person=actor, defaults={"created_at": now or timezone.now()}
        )
        return True
    AlwaysAttend.objects.filter(series=series, person=actor).delete()
    return False


def _shown(occurrence: Occurrence) -> list[Slot]:
    """The demos and AI fails shown at the session, in agenda order."""
    slots = Slot.objects.filter(occurrence=occurrence, status=SlotStatus.BOOKED, kind__in=LEARNED_FROM)
    return list(slots.select_related("presenter").order_by("position", "id"))


def _attend(
    occurrence: Occurrence, person: User, marked_by: User | None, now: datetime, shown: list[Slot]
) -> bool:
    """Record attendance once, and one learning event per demo or AI fail seen (attendee ← presenter)."""
    _, created = Attendance.objects.get_or_create(
        occurrence=occurrence, person=person, defaults={"marked_by": marked_by, "created_at": now}
    )
    if created:
        Occurrence.objects.filter(pk=occurrence.pk).update(attendee_count=F("attendee_count") + 1)
        for slot in shown:
            ledger.record(
                kind=Learned.DEMO, learner=person, source=slot.presenter, obj=slot, at=occurrence.starts_at
            )
    return created


@transaction.atomic
def check_in(*, actor: User, occurrence: Occurrence, now: datetime | None = None) -> bool:
    """Self check-in while the session runs; True when newly checked in (a second check-in is a no-op)."""
    now = now or timezone.now()
    if not access.can_check_in_now(occurrence, now):
        raise ValidationError(
            {
                "occurrence": "Check-in opens 15 minutes before the session and closes two hours "
                "after it ends; a host can still mark you as there."
            }
        )
    return _attend(occurrence, actor, None, now, _shown(occurrence))


@transaction.atomic
def attendance_mark(
    *,
    actor: User,
    occurrence: Occurrence,
    people: list[User],
    present: bool = True,
    now: datetime | None = None,
) -> int:
    """Hosts mark who was there (or was not, undoing it and its learning events); returns how many changed."""
    access.require_host(actor, occurrence.series)
    now = now or timezone.now()
    if occurrence.status == OccurrenceStatus.CANCELLED or not access.has_started(occurrence, now):
        raise ValidationError({"occurrence": "Attendance is taken once a session has started."})
    changed = 0
    shown = _shown(occurrence) if present else []
    for person in {p.pk: p for p in people}.values():
        if present:
            changed += int(_attend(occurrence, person, actor, now, shown))
            continue
        deleted, _ = Attendance.objects.filter(occurrence=occurrence, person=person).delete()
        if deleted:
            changed += 1
            Occurrence.objects.filter(pk=occurrence.pk).update(attendee_count=F("attendee_count") - 1)
            slot_ids = list(Slot.objects.filter(occurrence=occurrence).values_list("pk", flat=True))
            LearningEvent.objects.filter(
                kind=Learned.DEMO.name, learner=person, object_type="showcase.slot", object_id__in=slot_ids
            ).delete()
    return changed
