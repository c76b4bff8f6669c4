"""Hosts invite (suggested) presenters in one click; the invitee accepts into a slot or declines."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from ripple.people.models import User
from ripple.showcase import access
from ripple.showcase.actions.common import clean_text, tell, when_text
from ripple.showcase.actions.slots import _locked, slot_sign_up
from ripple.showcase.kinds import Notice
from ripple.showcase.models import Invitation, InvitationStatus, Occurrence, Slot, SlotKind, SlotStatus


@transaction.atomic
def invitation_send(
    *, actor: User, occurrence: Occurrence, person: User, reason: str = "", now: datetime | None = None
) -> Invitation:
    """Ask `person` to present at a future session; they are told why they were thought of."""
    access.require_host(actor, occurrence.series)
    now = now or timezone.now()
    if not access.is_open_for_sign_up(occurrence, now):
        raise ValidationError({"occurrence": "Invite people to a session that is still to come."})
    if not person.is_active:
        raise ValidationError({"person": "Only active members can be invited."})
    if person.pk == actor.pk:
        raise ValidationError({"person": "Sign yourself up instead of inviting yourself."})
    if not access.can_view_series(person, occurrence.series):
        raise ValidationError({"person": f"{person.name} can't see this series."})
    if (
        Slot.objects.filter(occurrence=occurrence, presenter=person)
        .exclude(status=SlotStatus.CANCELLED)
        .exists()
    ):
        raise ValidationError({"person": f"{person.name} already has a slot in this session."})
    reason = clean_text(reason, field="reason", label="Reason", max_length=200)
    invitation, created = Invitation.objects.get_or_create(
        occurrence=occurrence,
        person=person,
        defaults={"invited_by": actor, "reason": reason, "created_at": now},
    )
    if not created:
        if invitation.status == InvitationStatus.PENDING:
            raise ValidationError({"person": f"{person.name} is already invited to this session."})
        if invitation.status == InvitationStatus.DECLINED:
            raise ValidationError(
                {"person": f"{person.name} declined this session; ask them for another one."}
            )
    why = f" ({reason})" if reason else ""
    series, when = occurrence.series.title, when_text(occurrence)
    tell(
        [person],
        kind=Notice.INVITED,
        actor=actor,
        text=f"{actor.name} invites you to present at {series} on {when}{why}.",
        url=occurrence.get_absolute_url(),
    )
    return invitation


def _own_pending(actor: User, invitation: Invitation) -> None:
    if invitation.person_id != actor.pk:
        raise PermissionDenied("This invitation is for someone else.")
    if invitation.status != InvitationStatus.PENDING:
        raise ValidationError({"invitation": "This invitation was already answered."})


@transaction.atomic
def invitation_accept(
    *,
    actor: User,
    invitation: Invitation,
    title: str,
    kind: str = SlotKind.DEMO,
    prompt_id: int | None = None,
    post_id: int | None = None,
    now: datetime | None = None,
) -> Slot:
    """Accept into a slot. The host asked, so a full session makes room for one more (up to 30 slots)."""
    _own_pending(actor, invitation)
    occurrence = _locked(invitation.occurrence)
    if occurrence.booked_count >= occurrence.capacity and occurrence.capacity < 30:
        occurrence.capacity += 1
        occurrence.save(update_fields=["capacity"])
    return slot_sign_up(
        actor=actor,
        occurrence=occurrence,
        title=title,
        kind=kind,
        prompt_id=prompt_id,
        post_id=post_id,
        waitlist=True,
        now=now,
    )


@transaction.atomic
def invitation_decline(*, actor: User, invitation: Invitation, now: datetime | None = None) -> Invitation:
    """Say no (thanks); the host who asked is told."""
    _own_pending(actor, invitation)
    invitation.status, invitation.responded_at = InvitationStatus.DECLINED, now or timezone.now()
    invitation.save(update_fields=["status", "responded_at"])
    occurrence = invitation.occurrence
    if invitation.invited_by is not None:
        tell(
            [invitation.invited_by],
            kind=Notice.HOST,
            actor=actor,
            text=f"{actor.name} can't present at {occurrence.series.title} on {when_text(occurrence)}.",
            url=occurrence.get_absolute_url(),
        )
    return invitation
