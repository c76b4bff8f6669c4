"""Slots: sign up (or join the waiting list), cancel (the next in line is promoted), hosts reorder, add or
remove slots, applause."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.http import Http404
from django.utils import timezone

from ripple.feed import access as feed_access
from ripple.library import access as library_access
from ripple.people.models import User
from ripple.showcase import access
from ripple.showcase.actions.common import clean_text, tell, when_text
from ripple.showcase.kinds import Notice
from ripple.showcase.models import (
    Applause,
    Invitation,
    InvitationStatus,
    Occurrence,
    OccurrenceStatus,
    Slot,
    SlotKind,
    SlotStatus,
)

MAX_CAPACITY = 30


def _locked(occurrence: Occurrence) -> Occurrence:
    """The session row locked for this transaction: capacity checks and counters stay consistent."""
    return Occurrence.objects.select_for_update().select_related("series").get(pk=occurrence.pk)


def _links(actor: User, prompt_id: int | None, post_id: int | None) -> tuple[int | None, int | None]:
    if prompt_id is not None:
        try:
            library_access.access_prompt(actor, prompt_id)
        except Http404 as exc:
            raise ValidationError({"prompt_id": "Link a prompt you can open in the library."}) from exc
    if post_id is not None:
        try:
            post = feed_access.access_post(actor, post_id)
        except Http404 as exc:
            raise ValidationError({"post_id": "Link a post you can open in the feed."}) from exc
        if post.anonymous:
            # Showing it next to your name would tell everyone you wrote it.
            raise ValidationError(
                {"post_id": "An anonymous post can't be linked: it would show that you wrote it."}
            )
    return prompt_id, post_id


def _hosts(occurrence: Occurrence) -> list[User]:
    return list(occurrence.series.hosts.filter(is_active=True))


@transaction.atomic
def slot_sign_up(
    *,
    actor: User,
    occurrence: Occurrence,
    title: str,
    kind: str = SlotKind.DEMO,
    prompt_id: int | None = None,
    post_id: int | None = None,
    waitlist: bool = False,
    presenter: User | None = None,
    now: datetime | None = None,
) -> Slot:
    """Sign up to present. A full session refuses unless `waitlist` is asked for; then the sign-up waits
    in line and is promoted when a slot frees. A host may sign someone else up (`presenter`)."""
    now = now or timezone.now()
    occurrence = _locked(occurrence)
    person = presenter or actor
    if person.pk != actor.pk:
        access.require_host(actor, occurrence.series)
    if not person.is_active:
        raise ValidationError({"presenter": "Only active members can present."})
    if occurrence.status == OccurrenceStatus.CANCELLED:
        raise ValidationError({"occurrence": "This session is cancelled: choose another one."})
    if access.is_past(occurrence, now):
        raise ValidationError({"occurrence": "This session has already started: sign up for a later one."})
    title = clean_text(title, field="title", label="Title", max_length=140, required=True)
    if kind not in SlotKind.values:
        raise ValidationError({"kind": "Choose demo, AI fail or question for the room."})
    prompt_id, post_id = _links(person, prompt_id, post_id)
    if (
        Slot.objects.filter(occurrence=occurrence, presenter=person)
        .exclude(status=SlotStatus.CANCELLED)
        .exists()
    ):
        who = "You already have" if person.pk == actor.pk else f"{person.name} already has"
        raise ValidationError({"title": f"{who} a slot in this session (one each, so everyone gets a turn)."})
    full = occurrence.booked_count >= occurrence.capacity
    if full and not waitlist:
        message = f"This session is full ({occurrence.capacity} slots): join the waiting list instead."
        raise ValidationError({"occurrence": message})
    position = (Slot.objects.filter(occurrence=occurrence).aggregate(m=Max("position"))["m"] or 0) + 1
    slot = Slot.objects.create(
        occurrence=occurrence,
        presenter=person,
        title=title,
        kind=kind,
        prompt_id=prompt_id,
        post_id=post_id,
        status=SlotStatus.WAITING if full else SlotStatus.BOOKED,
        position=position,
        created_at=now,
    )
    counter = "waiting_count" if full else "booked_count"
    Occurrence.objects.filter(pk=occurrence.pk).update(**{counter: F(counter) + 1}, updated_at=now)
    Invitation.objects.filter(occurrence=occurrence, person=person, status=InvitationStatus.PENDING).update(
        status=InvitationStatus.ACCEPTED, responded_at=now, slot=slot
    )
    what = "joined the waiting list for" if full else f"signed up ({slot.get_kind_display()}) for"
    tell(
        _hosts(occurrence),
        kind=Notice.HOST,
        actor=actor,
        text=f"{person.name} {what} {occurrence.series.title} on {when_text(occurrence)}: {title}",
        url=occurrence.get_absolute_url(),
    )
    return slot


def _promote(occurrence: Occurrence, now: datetime, actor: User | None) -> list[Slot]:
    """Fill free capacity from the waiting list, first come first served; each person promoted is told."""
    promoted: list[Slot] = []
    free = occurrence.capacity - Slot.objects.filter(occurrence=occurrence, status=SlotStatus.BOOKED).count()
    if free <= 0:
        return promoted
    waiting = list(
        Slot.objects.filter(occurrence=occurrence, status=SlotStatus.WAITING)
        .select_related("presenter")
        .order_by("created_at", "id")[:free]
    )
    for slot in waiting:
        slot.status = SlotStatus.BOOKED
        slot.save(update_fields=["status"])
        promoted.append(slot)
        tell(
            [slot.presenter],
            kind=Notice.PROMOTED,
            actor=actor,
            text=f"A slot freed up: “{slot.title}” is on the agenda of {occurrence.series.title}, "
            f"{when_text(occurrence)}.",
            url=occurrence.get_absolute_url(),
        )
    _recount(occurrence, now)
    return promoted


def _recount(occurrence: Occurrence, now: datetime) -> None:
    live = Slot.objects.filter(occurrence=occurrence)
    Occurrence.objects.filter(pk=occurrence.pk).update(
        booked_count=live.filter(status=SlotStatus.BOOKED).count(),
        waiting_count=live.filter(status=SlotStatus.WAITING).count(),
        updated_at=now,
    )


@transaction.atomic
def slot_cancel(*, actor: User, slot: Slot, now: datetime | None = None) -> Slot:
    """Cancel a slot: the presenter before the session, or a host at any time. The next person waiting
    gets the freed slot."""
    now = now or timezone.now()
    occurrence = _locked(slot.occurrence)
    slot = Slot.objects.select_for_update().select_related("presenter").get(pk=slot.pk)
    hosting = access.is_host(actor, occurrence.series)
    if slot.presenter_id != actor.pk and not hosting:
        raise PermissionDenied("This is someone else's slot: only they or a host can cancel it.")
    if not hosting and access.is_past(occurrence, now):
        raise ValidationError({"slot": "This session has already started: ask a host to change the agenda."})
    if slot.status == SlotStatus.CANCELLED:
        raise ValidationError({"slot": "This slot is already cancelled."})
    slot.status, slot.cancelled_at = SlotStatus.CANCELLED, now
    slot.save(update_fields=["status", "cancelled_at"])
    _recount(occurrence, now)
    occurrence.refresh_from_db()
    if occurrence.status == OccurrenceStatus.SCHEDULED and not access.is_past(occurrence, now):
        _promote(occurrence, now, actor)
    when = when_text(occurrence)
    if slot.presenter_id != actor.pk:
        tell(
            [slot.presenter],
            kind=Notice.CHANGED,
            actor=actor,
            text=f"{actor.name} removed “{slot.title}” from {occurrence.series.title}, {when}.",
            url=occurrence.get_absolute_url(),
        )
    else:
        tell(
            _hosts(occurrence),
            kind=Notice.HOST,
            actor=actor,
            text=f"{actor.name} cancelled “{slot.title}” ({occurrence.series.title}, {when}).",
            url=occurrence.get_absolute_url(),
        )
    return slot


@transaction.atomic
def slots_reorder(
    *, actor: User, occurrence: Occurrence, order: list[int], now: datetime | None = None
) -> None:
    """Hosts set the agenda order: `order` lists every booked slot's id once."""
    access.require_host(actor, occurrence.series)
    occurrence = _locked(occurrence)
    booked = {s.pk: s for s in Slot.objects.filter(occurrence=occurrence, status=SlotStatus.BOOKED)}
    try:
        wanted = [int(pk) for pk in order]
    except (TypeError, ValueError) as exc:
        raise ValidationError({"order": "Give the slot ids in their new order."}) from exc
    if sorted(wanted) != sorted(booked) or len(set(wanted)) != len(wanted):
        raise ValidationError({"order": "Give each booked slot of this session exactly once."})
    for position, pk in enumerate(wanted, start=1):
        if booked[pk].position != position:
            booked[pk].position = position
            booked[pk].save(update_fields=["position"])
    Occurrence.objects.filter(pk=occurrence.pk).update(updated_at=now or timezone.now())


def slot_step(*, actor: User, slot: Slot, step: int) -> None:
    """Move one booked slot up (-1) or down (+1) the agenda."""
    ids = list(
        Slot.objects.filter(occurrence=slot.occurrence, status=SlotStatus.BOOKED)
        .order_by("position", "id")
        .values_list("pk", flat=True)
    )
    if slot.pk not in ids:
        raise ValidationError({"slot": "Only booked slots are on the agenda."})
    i = ids.index(slot.pk)
    j = max(0, min(len(ids) - 1, i + (1 if step > 0 else -1)))
    ids[i], ids[j] = ids[j], ids[i]
    slots_reorder(actor=actor, occurrence=slot.occurrence, order=ids)


@transaction.atomic
def capacity_set(
    *, actor: User, occurrence: Occurrence, capacity: int, now: datetime | None = None
) -> Occurrence:
    """Hosts add or remove slots for one session; more room promotes people from the waiting list."""
    access.require_host(actor, occurrence.series)
    now = now or timezone.now()
    occurrence = _locked(occurrence)
    if not 1 <= capacity <= MAX_CAPACITY:
        raise ValidationError({"capacity": f"A session has between 1 and {MAX_CAPACITY} slots."})
    if capacity < occurrence.booked_count:
        raise ValidationError(
            {"capacity": f"{occurrence.booked_count} slots are taken: remove someone's slot to go lower."}
        )
    occurrence.capacity = capacity
    occurrence.updated_at = now
    occurrence.save(update_fields=["capacity", "updated_at"])
    if occurrence.status == OccurrenceStatus.SCHEDULED and not access.is_past(occurrence, now):
        _promote(occurrence, now, actor)
    occurrence.refresh_from_db()
    return occurrence


@transaction.atomic
def applause_toggle(*, actor: User, slot: Slot, now: datetime | None = None) -> bool:
    """Applaud a demo once the session has started (or take it back); True when applauding now."""
    now = now or timezone.now()
    if slot.status != SlotStatus.BOOKED or not access.has_started(slot.occurrence, now):
        raise ValidationError({"slot": "Applause opens when the session starts."})
    if slot.presenter_id == actor.pk:
        raise ValidationError({"slot": "You can't applaud your own slot (others will)."})
    deleted, _ = Applause.objects.filter(slot=slot, person=actor).delete()
    if deleted:
        Slot.objects.filter(pk=slot.pk).update(applause_count=F("applause_count") - 1)
        return False
    Applause.objects.create(slot=slot, person=actor, created_at=now)
    Slot.objects.filter(pk=slot.pk).update(applause_count=F("applause_count") + 1)
    return True
