"""Who is in a cohort: join, ask, invite, accept, approve, decline, the waiting list, leave.

States (ADR 0021): requested → member | waiting | declined; invited → member | waiting; waiting → member
(promoted in order of `queued_at` when a place frees up); member → left. Only members are in the space.
"""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ripple.cohorts import access
from ripple.cohorts.actions.common import is_full, lock, today_for
from ripple.cohorts.kinds import Notice
from ripple.cohorts.models import Cohort, Enrolment, EnrolmentMode, Status
from ripple.notifications.actions import notify
from ripple.people.models import User
from ripple.spaces import actions as space_actions


def _enrolment(cohort: Cohort, person: User) -> Enrolment | None:
    return Enrolment.objects.filter(cohort=cohort, person=person).first()


def _set(cohort: Cohort, person: User, status: str, now: datetime, *, requeue: bool = False) -> Enrolment:
    enrolment, created = Enrolment.objects.get_or_create(
        cohort=cohort, person=person, defaults={"status": status, "queued_at": now, "changed_at": now}
    )
    if not created:
        enrolment.status = status
        enrolment.changed_at = now
        if requeue:
            enrolment.queued_at = now
        enrolment.save(update_fields=["status", "changed_at", "queued_at"])
    if status == Status.MEMBER:
        space_actions.add_member(space=cohort.space, person=person)
    return enrolment


def _require_open(cohort: Cohort, now: datetime) -> None:
    if cohort.status(today_for(cohort, now)) == "finished":
        raise ValidationError({"cohort": "This cohort has finished: it takes no new members."})


def _require_not_in(enrolment: Enrolment | None) -> None:
    if enrolment is not None and enrolment.status == Status.MEMBER:
        raise ValidationError({"cohort": "You are already in this cohort."})
    if enrolment is not None and enrolment.status == Status.WAITING:
        raise ValidationError({"cohort": "You are already on the waiting list."})


def _admit(cohort: Cohort, person: User, now: datetime, *, waitlist: bool) -> Enrolment:
    if not is_full(cohort):
        return _set(cohort, person, Status.MEMBER, now)
    if not waitlist:
        raise ValidationError({"cohort": "The cohort is full: join the waiting list instead."})
    return _set(cohort, person, Status.WAITING, now, requeue=True)


@transaction.atomic
def join(*, actor: User, cohort: Cohort, waitlist: bool = False, now: datetime | None = None) -> Enrolment:
    """Join an open cohort (or its waiting list when full and `waitlist`), ask to join an on-request one,
    or accept an invitation."""
    now = now or timezone.now()
    lock(cohort)
    _require_open(cohort, now)
    enrolment = _enrolment(cohort, actor)
    _require_not_in(enrolment)
    if enrolment is not None and enrolment.status == Status.INVITED:
        return _admit(cohort, actor, now, waitlist=waitlist)
    if cohort.enrolment == EnrolmentMode.INVITE:
        raise ValidationError(
            {"cohort": "This cohort is by invitation only: ask a facilitator to invite you."}
        )
    if cohort.enrolment == EnrolmentMode.REQUEST:
        if enrolment is not None and enrolment.status == Status.REQUESTED:
            raise ValidationError({"cohort": "You have already asked to join; a facilitator will answer."})
        if enrolment is not None and enrolment.status == Status.DECLINED:
            raise ValidationError({"cohort": "A facilitator declined your request for this cohort."})
        request = _set(cohort, actor, Status.REQUESTED, now, requeue=True)
        for lead in _facilitators(cohort):
            notify(
                recipient=lead,
                kind=Notice.ENROLMENT,
                actor=actor,
                space=cohort.space,
                text=f"{actor.name} asked to join “{cohort.name}”.",
                url=cohort.get_absolute_url() + "people/",
            )
        return request
    return _admit(cohort, actor, now, waitlist=waitlist)


def _facilitators(cohort: Cohort) -> list[User]:
    return [
        e.person
        for e in Enrolment.objects.filter(
            cohort=cohort, facilitator=True, status=Status.MEMBER
        ).select_related("person")
    ]


@transaction.atomic
def answer_request(
    *, actor: User, cohort: Cohort, person: User, approve: bool, now: datetime | None = None
) -> Enrolment:
    access.require_facilitator(actor, cohort)
    now = now or timezone.now()
    lock(cohort)
    enrolment = _enrolment(cohort, person)
    if enrolment is None or enrolment.status != Status.REQUESTED:
        raise ValidationError({"person": f"{person.name} has not asked to join."})
    if not approve:
        enrolment = _set(cohort, person, Status.DECLINED, now)
        text = f"Your request to join “{cohort.name}” was declined."
    else:
        _require_open(cohort, now)
        enrolment = _admit(cohort, person, now, waitlist=True)
        text = (
            f"You are in “{cohort.name}”."
            if enrolment.status == Status.MEMBER
            else f"“{cohort.name}” is full: you are on its waiting list."
        )
    notify(recipient=person, kind=Notice.ENROLMENT, actor=actor, text=text, url=cohort.get_absolute_url())
    return enrolment


@transaction.atomic
def invite(*, actor: User, cohort: Cohort, person: User, now: datetime | None = None) -> Enrolment:
    access.require_facilitator(actor, cohort)
    now = now or timezone.now()
    _require_open(cohort, now)
    if not person.is_active:
        raise ValidationError({"person": "That person's account is deactivated."})
    enrolment = _enrolment(cohort, person)
    if enrolment is not None and enrolment.status in (Status.MEMBER, Status.WAITING, Status.INVITED):
        raise ValidationError(
            {"person": f"{person.name} is already {enrolment.get_status_display().lower()}."}
        )
    enrolment = _set(cohort, person, Status.INVITED, now)
    # No space: the invitee may not read a private cohort's space yet, but may know it invited them.
    notify(
        recipient=person,
        kind=Notice.ENROLMENT,
        actor=actor,
        url=cohort.get_absolute_url(),
        text=f"{actor.name} invited you to the cohort “{cohort.name}”.",
    )
    return enrolment


@transaction.atomic
def leave(*, actor: User, cohort: Cohort, now: datetime | None = None) -> Enrolment:
    """Leave the cohort (or its waiting list, or decline an invitation); a freed place goes to the first
    person waiting."""
    now = now or timezone.now()
    lock(cohort)
    enrolment = _enrolment(cohort, actor)
    if enrolment is None or enrolment.status not in (
        Status.MEMBER,
        Status.WAITING,
        Status.INVITED,
        Status.REQUESTED,
    ):
        raise ValidationError({"cohort": "You are not in this cohort."})
    if enrolment.facilitator and len(_facilitators(cohort)) == 1:
        raise ValidationError({"cohort": "You are its only facilitator: name another one before leaving."})
    was_member = enrolment.status == Status.MEMBER
    enrolment.status, enrolment.changed_at, enrolment.facilitator = Status.LEFT, now, False
    enrolment.save(update_fields=["status", "changed_at", "facilitator"])
    if was_member:
        space_actions.remove_member(space=cohort.space, person=actor)
        promote_waiting(cohort=cohort, now=now)
    return enrolment


def promote_waiting(*, cohort: Cohort, now: datetime | None = None) -> list[Enrolment]:
    """Fill free places from the waiting list, first come first served."""
    now = now or timezone.now()
    promoted = []
    while not is_full(cohort):
        nxt = (
            Enrolment.objects.filter(cohort=cohort, status=Status.WAITING)
            .select_related("person")
            .order_by("queued_at", "id")
            .first()
        )
        if nxt is None:
            break
        promoted.append(_set(cohort, nxt.person, Status.MEMBER, now))
        notify(
            recipient=nxt.person,
            kind=Notice.ENROLMENT,
            space=cohort.space,
            url=cohort.get_absolute_url(),
            text=f"A place opened in “{cohort.name}”: you are in.",
        )
    return promoted
