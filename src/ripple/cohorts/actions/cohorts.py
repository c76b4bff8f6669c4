"""Creating and changing a cohort; its automated-message schedule follows its dates."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, time, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ripple.cohorts import access
from ripple.cohorts.actions.common import time_zone_names
from ripple.cohorts.models import Cohort, Enrolment, EnrolmentMode, Message, MessageKind, Status
from ripple.library import actions as library_actions
from ripple.people.models import User
from ripple.spaces import actions as space_actions
from ripple.spaces.models import MemberRole, Visibility

DEFAULT_TEXT = {
    MessageKind.BEFORE: "“{cohort}” starts this week: please answer the short “before” survey first.",
    MessageKind.REMINDER: "Week {week} of “{cohort}”: you have not checked in yet — what did you try?",
    MessageKind.AFTER: "Last week of “{cohort}”: please answer the “after” survey before the last meeting.",
    MessageKind.NUDGE: "We missed you in “{cohort}” — what got in the way? Check in when you can.",
}
MAX_WEEKS = 12
MAX_CAPACITY = 500
MAX_DAYS_AWAY = 5 * 366


def _clean(data: dict[str, Any]) -> dict[str, Any]:
    errors: dict[str, str] = {}
    name = str(data.get("name") or "").strip()
    if not name:
        errors["name"] = "Give the cohort a name."
    elif len(name) > 120:
        errors["name"] = "Keep the name under 120 characters."
    goal = str(data.get("goal") or "").strip()
    if len(goal) > 300:
        errors["goal"] = "Keep the goal under 300 characters."
    description = str(data.get("description") or "").strip()
    if len(description) > 5000:
        errors["description"] = "Keep the description under 5,000 characters."
    start = data.get("start_date")
    if not isinstance(start, date):
        errors["start_date"] = "Give the date of the first week."
    elif abs((start - timezone.localdate()).days) > MAX_DAYS_AWAY:
        errors["start_date"] = "Choose a start date within five years of today."
    weeks = data.get("weeks", 4)
    if not isinstance(weeks, int) or isinstance(weeks, bool) or not 1 <= weeks <= MAX_WEEKS:
        errors["weeks"] = f"A cohort runs 1 to {MAX_WEEKS} weeks."
    capacity = data.get("capacity", 20)
    if not isinstance(capacity, int) or isinstance(capacity, bool) or not 2 <= capacity <= MAX_CAPACITY:
        errors["capacity"] = f"Capacity is 2 to {MAX_CAPACITY} people."
    for field in ("meeting_weekday", "reminder_weekday"):
        value = data.get(field, 1)
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 6:
            errors[field] = "Choose a day of the week."
    if not isinstance(data.get("meeting_time", time(12, 30)), time):
        errors["meeting_time"] = "Give the meeting time (HH:MM)."
    tz = str(data.get("time_zone") or "Europe/London")
    if tz not in time_zone_names():
        errors["time_zone"] = "Choose a time zone such as Europe/London."
    if data.get("enrolment", EnrolmentMode.OPEN) not in EnrolmentMode.values:
        errors["enrolment"] = "Choose open, request or invite."
    if data.get("visibility", Visibility.OPEN) not in Visibility.values:
        errors["visibility"] = "Choose open or private."
    if errors:
        raise ValidationError(errors)
    return {
        "name": name,
        "goal": goal,
        "description": description,
        "start_date": start,
        "weeks": weeks,
        "capacity": capacity,
        "meeting_weekday": data.get("meeting_weekday", 1),
        "meeting_time": data.get("meeting_time", time(12, 30)),
        "time_zone": tz,
        "enrolment": data.get("enrolment", EnrolmentMode.OPEN),
        "reminder_weekday": data.get("reminder_weekday", 3),
    }


def schedule(cohort: Cohort) -> None:
    """Create the cohort's messages (once) and move the dates of those not sent yet to its calendar."""
    wanted: dict[tuple[str, int], date | None] = {(MessageKind.BEFORE, 1): cohort.start_date}
    for week in range(1, cohort.weeks + 1):
        start = cohort.week_start(week)
        wanted[(MessageKind.REMINDER, week)] = start + timedelta(
            days=(cohort.reminder_weekday - start.weekday()) % 7
        )
    wanted[(MessageKind.AFTER, cohort.weeks)] = cohort.week_start(cohort.weeks)
    wanted[(MessageKind.NUDGE, 0)] = None
    existing = {(m.kind, m.week): m for m in Message.objects.filter(cohort=cohort)}
    for (kind, week), send_on in wanted.items():
        message = existing.pop((kind, week), None)
        if message is None:
            Message.objects.create(
                cohort=cohort, kind=kind, week=week, send_on=send_on, text=DEFAULT_TEXT[MessageKind(kind)]
            )
        elif message.sent_at is None and message.send_on != send_on:
            message.send_on = send_on
            message.save(update_fields=["send_on"])
    stale = [m.pk for m in existing.values() if m.sent_at is None]
    Message.objects.filter(pk__in=stale).delete()


@transaction.atomic
def cohort_create(
    *, actor: User, data: dict[str, Any], visibility: str = Visibility.OPEN, facilitators: Iterable[User] = ()
) -> Cohort:
    access.require(access.can_create(actor), "Only facilitators and admins can start a cohort.")
    fields = _clean({**data, "visibility": visibility})
    leads = [actor, *[p for p in facilitators if p.pk != actor.pk and p.is_active]]
    space = space_actions.create_space(kind="cohort", name=fields["name"], visibility=visibility, leads=leads)
    cohort = Cohort.objects.create(space=space, created_by=actor, pairing_seed=0, **fields)
    Enrolment.objects.bulk_create(
        Enrolment(cohort=cohort, person=p, status=Status.MEMBER, facilitator=True) for p in leads
    )
    cohort.collection = library_actions.collection_create(
        actor=actor,
        title=f"{fields['name']} — prompts",
        description=f"Prompts from the cohort “{fields['name']}”.",
        space=space,
    )
    cohort.pairing_seed = cohort.pk
    cohort.save(update_fields=["collection", "pairing_seed"])
    schedule(cohort)
    return cohort


@transaction.atomic
def cohort_update(
    *,
    actor: User,
    cohort: Cohort,
    data: dict[str, Any],
    visibility: str | None = None,
    facilitators: Iterable[User] | None = None,
) -> Cohort:
    access.require_facilitator(actor, cohort)
    fields = _clean({**data, "visibility": visibility or cohort.space.visibility})
    if cohort.started_at is not None and fields["start_date"] != cohort.start_date:
        raise ValidationError({"start_date": "The cohort has started: its start date can no longer move."})
    for name, value in fields.items():
        setattr(cohort, name, value)
    cohort.save()
    space_actions.update_space(space=cohort.space, name=fields["name"], visibility=visibility)
    if facilitators is not None:
        _set_facilitators(cohort, [actor, *facilitators])
    schedule(cohort)
    from ripple.cohorts.actions.enrolment import promote_waiting

    promote_waiting(cohort=cohort)
    return cohort


def _set_facilitators(cohort: Cohort, people: list[User]) -> None:
    wanted = {p.pk: p for p in people if p.is_active}
    for enrolment in Enrolment.objects.filter(cohort=cohort, facilitator=True).select_related("person"):
        if enrolment.person_id not in wanted:
            enrolment.facilitator = False
            enrolment.save(update_fields=["facilitator"])
            space_actions.add_member(space=cohort.space, person=enrolment.person, role=MemberRole.MEMBER)
    for person in wanted.values():
        Enrolment.objects.update_or_create(
            cohort=cohort,
            person=person,
            defaults={"status": Status.MEMBER, "facilitator": True, "changed_at": timezone.now()},
        )
        space_actions.add_member(space=cohort.space, person=person, role=MemberRole.LEAD)


@transaction.atomic
def cohort_delete(*, actor: User, cohort: Cohort) -> None:
    """Delete a cohort that has not started (its space and what is in it go too); afterwards it stays."""
    access.require_facilitator(actor, cohort)
    if cohort.started_at is not None or cohort.checkins.exists():
        raise ValidationError({"cohort": "The cohort has started: its history stays. Edit it instead."})
    space = cohort.space
    cohort.delete()
    space.delete()
