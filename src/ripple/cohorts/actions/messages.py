"""The cohort's automated messages: the before survey at the start, a check-in reminder each week (to
members who have not checked in), the after survey at the start of the last week (before the final
meeting), and the text of a facilitator's nudge. Each is listed with its date on the facilitator's
"Automated messages" page, editable or switched off there; `send_due` honours that."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from ripple.cohorts import access
from ripple.cohorts.actions.common import today_for
from ripple.cohorts.kinds import Notice
from ripple.cohorts.models import CheckIn, Cohort, Enrolment, Message, MessageKind, Nudge, Status
from ripple.notifications.actions import notify
from ripple.people.models import User
from ripple.surveys import actions as survey_actions
from ripple.surveys.models import Audience, PairRole


def _text(message: Message) -> str:
    return message.text.replace("{cohort}", message.cohort.name).replace("{week}", str(message.week))


def _bounds(cohort: Cohort, message: Message) -> tuple[date, date]:
    if message.kind == MessageKind.BEFORE:
        return cohort.start_date - timedelta(days=14), cohort.week_start(1) + timedelta(days=6)
    week = message.week
    return cohort.week_start(week), cohort.week_start(week) + timedelta(days=6)


@transaction.atomic
def message_update(
    *, actor: User, message: Message, text: str, send_on: date | None, enabled: bool
) -> Message:
    cohort = message.cohort
    access.require_facilitator(actor, cohort)
    if message.sent_at is not None:
        raise ValidationError({"text": "This message has been sent; it can no longer change."})
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": "Write the message (or switch it off)."})
    if len(text) > 500:
        raise ValidationError({"text": "Keep the message under 500 characters."})
    if message.kind != MessageKind.NUDGE:
        if send_on is None:
            raise ValidationError({"send_on": "Give the day it is sent."})
        low, high = _bounds(cohort, message)
        if not low <= send_on <= high:
            raise ValidationError({"send_on": f"Choose a day from {low:%-d %b} to {high:%-d %b}."})
        message.send_on = send_on
    message.text, message.enabled = text, bool(enabled)
    message.save(update_fields=["text", "send_on", "enabled"])
    return message


def _members(cohort: Cohort) -> list[User]:
    return [
        e.person
        for e in Enrolment.objects.filter(
            cohort=cohort, status=Status.MEMBER, facilitator=False
        ).select_related("person")
    ]


def _at(cohort: Cohort, day: date, hour: int = 9) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=ZoneInfo(cohort.time_zone))


def _open_round(cohort: Cohort, *, after: bool, now: datetime) -> None:
    people = _members(cohort)
    if not people or (after and cohort.before_round is None):
        return
    instrument = survey_actions.ensure_builtin_instrument()
    if after:
        opens, closes = now, max(now, _at(cohort, cohort.end_date, 18)) + timedelta(days=3)
    else:
        opens, closes = now, max(now, _at(cohort, cohort.start_date)) + timedelta(days=7)
    try:
        round_ = survey_actions.round_create(
            actor=cohort.created_by,
            instrument=instrument,
            audience=Audience.PEOPLE,
            people=people,
            title=f"{cohort.name} — {'after' if after else 'before'}",
            opens_at=opens,
            closes_at=closes,
            pair_role=PairRole.AFTER if after else PairRole.BEFORE,
            paired_with=cohort.before_round if after else None,
            now=now,
        )
    except (PermissionDenied, ValidationError):
        return  # the creator lost the facilitator role, or the survey cannot be sent: nothing half-done
    if after:
        cohort.after_round = round_
    else:
        cohort.before_round = round_
    cohort.save(update_fields=["after_round" if after else "before_round"])


def _send(message: Message, now: datetime) -> int:
    cohort = message.cohort
    sent = 0
    if message.kind in (MessageKind.BEFORE, MessageKind.AFTER):
        after = message.kind == MessageKind.AFTER
        if (cohort.after_round if after else cohort.before_round) is None:
            _open_round(cohort, after=after, now=now)
        target = cohort.after_round if after else cohort.before_round
        url = target.get_absolute_url() if target else cohort.get_absolute_url()
        for person in _members(cohort):
            sent += (
                notify(recipient=person, kind=Notice.SURVEY, text=_text(message), url=url, space=cohort.space)
                is not None
            )
    elif message.kind == MessageKind.REMINDER and cohort.current_week(today_for(cohort, now)) == message.week:
        done = set(
            CheckIn.objects.filter(cohort=cohort, week=message.week).values_list("person_id", flat=True)
        )
        for person in _members(cohort):
            if person.pk not in done:
                sent += (
                    notify(
                        recipient=person,
                        kind=Notice.REMINDER,
                        text=_text(message),
                        space=cohort.space,
                        url=cohort.get_absolute_url() + f"checkin/{message.week}/",
                    )
                    is not None
                )
    message.sent_at = now
    message.save(update_fields=["sent_at"])
    return sent


@transaction.atomic
def cohort_start(*, actor: User, cohort: Cohort, now: datetime | None = None) -> Cohort:
    """Start now (a facilitator's button): the "before" message (and its survey) goes out unless it is
    switched off."""
    access.require_facilitator(actor, cohort)
    now = now or timezone.now()
    if cohort.started_at is not None:
        raise ValidationError({"cohort": "The cohort has already started."})
    _start(cohort, now)
    return cohort


def _start(cohort: Cohort, now: datetime) -> None:
    cohort.started_at = now
    cohort.save(update_fields=["started_at"])
    message = Message.objects.filter(cohort=cohort, kind=MessageKind.BEFORE, sent_at__isnull=True).first()
    if message is not None and message.enabled:
        _send(message, now)


def send_due(*, now: datetime | None = None) -> int:
    """Send every enabled message whose day has come (in the cohort's time zone); each is sent once."""
    now = now or timezone.now()
    sent = 0
    horizon = timezone.localdate(now) + timedelta(days=1)  # time zones ahead of the server's
    due = Message.objects.filter(sent_at__isnull=True, enabled=True, send_on__lte=horizon).select_related(
        "cohort__space", "cohort__created_by", "cohort__before_round", "cohort__after_round"
    )
    for message in due.exclude(kind=MessageKind.NUDGE).order_by("send_on", "id"):
        cohort = message.cohort
        if message.send_on is None or message.send_on > today_for(cohort, now):
            continue
        with transaction.atomic():
            if not Message.objects.select_for_update().filter(pk=message.pk, sent_at__isnull=True).exists():
                continue
            if message.kind == MessageKind.BEFORE and cohort.started_at is None:
                cohort.started_at = now
                cohort.save(update_fields=["started_at"])
            sent += _send(message, now)
    return sent


@transaction.atomic
def nudge(*, actor: User, cohort: Cohort, person: User, now: datetime | None = None) -> Nudge:
    access.require_facilitator(actor, cohort)
    message = Message.objects.filter(cohort=cohort, kind=MessageKind.NUDGE).first()
    if message is None or not message.enabled:
        raise ValidationError({"person": "Nudges are switched off on the “Automated messages” page."})
    if not Enrolment.objects.filter(cohort=cohort, person=person, status=Status.MEMBER).exists():
        raise ValidationError({"person": f"{person.name} is not a member of this cohort."})
    now = now or timezone.now()
    if Nudge.objects.filter(cohort=cohort, person=person, sent_at__gte=now - timedelta(days=1)).exists():
        raise ValidationError({"person": f"{person.name} was nudged in the last day; give them time."})
    notify(
        recipient=person,
        kind=Notice.NUDGE,
        actor=actor,
        text=_text(message),
        space=cohort.space,
        url=cohort.get_absolute_url(),
    )
    return Nudge.objects.create(cohort=cohort, person=person, sent_by=actor, sent_at=now)
