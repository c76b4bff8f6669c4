"""Reminders, sent by a background task each time the schedule runs it (`ripple send-reminders`):

* presenters two days before and on the day;
* people coming (RSVP or "always attend") on the day, with the agenda;
* the hosts two days before when slots are still empty.

Each reminder is remembered (`ReminderSent`), so running the schedule again, or retrying a task, never
sends one twice. "On the day" starts at 07:00 in the series' zone (or three hours before an early start).
"""

from __future__ import annotations

import zoneinfo
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from ripple.people.models import User
from ripple.showcase.actions.common import attendees, tell, when_text
from ripple.showcase.kinds import Notice
from ripple.showcase.models import Occurrence, OccurrenceStatus, ReminderKind, ReminderSent, Slot, SlotStatus

DAY_STARTS_AT = 7


def _on_the_day(occurrence: Occurrence, now: datetime) -> bool:
    tz = zoneinfo.ZoneInfo(occurrence.series.timezone)
    local_now, local_start = now.astimezone(tz), occurrence.starts_at.astimezone(tz)
    if local_now.date() != local_start.date():
        return False
    return local_now.hour >= DAY_STARTS_AT or occurrence.starts_at - now <= timedelta(hours=3)


def _once(occurrence: Occurrence, person: User, kind: str, now: datetime) -> bool:
    """True the first time this reminder is claimed for this person and session."""
    try:
        with transaction.atomic():
            ReminderSent.objects.create(occurrence=occurrence, person=person, kind=kind, sent_at=now)
    except IntegrityError:
        return False
    return True


def _agenda(occurrence: Occurrence, slots: list[Slot]) -> str:
    if not slots:
        return "The agenda is still open: bring something you tried with AI."
    return "Agenda: " + "; ".join(f"{s.title} ({s.presenter.name})" for s in slots)


def send_due(*, now: datetime | None = None) -> int:
    """Send every reminder that is due now and was not sent yet; returns how many were sent."""
    now = now or timezone.now()
    sent = 0
    due = (
        Occurrence.objects.filter(
            status=OccurrenceStatus.SCHEDULED,
            starts_at__gt=now,
            starts_at__lte=now + timedelta(hours=48),
            series__archived_at__isnull=True,
        )
        .select_related("series")
        .order_by("starts_at", "id")
    )
    for occurrence in due:
        with transaction.atomic():
            sent += _remind(occurrence, now)
    return sent


def _remind(occurrence: Occurrence, now: datetime) -> int:
    sent = 0
    series, url, when = occurrence.series, occurrence.get_absolute_url(), when_text(occurrence)
    slots = list(
        Slot.objects.filter(occurrence=occurrence, status=SlotStatus.BOOKED)
        .select_related("presenter")
        .order_by("position", "id")
    )
    two_days = timedelta(hours=24) < occurrence.starts_at - now <= timedelta(hours=48)
    on_the_day = _on_the_day(occurrence, now)
    for slot in slots:
        if two_days and _once(occurrence, slot.presenter, ReminderKind.PRESENTER_2D, now):
            sent += tell(
                [slot.presenter],
                kind=Notice.REMINDER,
                url=url,
                text=f"In two days you present “{slot.title}” at {series.title}, {when}. "
                f"You have {series.slot_minutes} minutes.",
            )
        if on_the_day and _once(occurrence, slot.presenter, ReminderKind.PRESENTER_DAY, now):
            sent += tell(
                [slot.presenter],
                kind=Notice.REMINDER,
                url=url,
                text=f"Today you present “{slot.title}” at {series.title}, {when}.",
            )
    if two_days and occurrence.booked_count < occurrence.capacity:
        empty = occurrence.capacity - occurrence.booked_count
        for host in series.hosts.filter(is_active=True):
            if _once(occurrence, host, ReminderKind.HOST_EMPTY, now):
                sent += tell(
                    [host],
                    kind=Notice.HOST,
                    url=url,
                    text=f"{empty} of {occurrence.capacity} slots are still empty for {series.title}, "
                    f"{when}. See suggested presenters on the session page.",
                )
    if on_the_day:
        presenting = {s.presenter_id for s in slots}
        agenda = _agenda(occurrence, slots)
        for person in attendees(occurrence):
            if person.pk not in presenting and _once(occurrence, person, ReminderKind.ATTENDEE_DAY, now):
                sent += tell(
                    [person], kind=Notice.REMINDER, url=url, text=f"Today: {series.title}, {when}. {agenda}"
                )
    return sent
