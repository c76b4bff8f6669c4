"""Admins link a chat identity nobody matched by email to a Ripple person; its past answers in AI
threads become learning events at once (threads.record_answers)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ripple.people.models import User
from ripple.radar import access
from ripple.radar.actions.threads import record_answers
from ripple.radar.models import ChatIdentity


@transaction.atomic
def identity_link(*, actor: User, identity: ChatIdentity, person: User | None) -> int:
    """Link (or, with None, unlink) `identity`; returns the learning events recorded by the link."""
    access.require_radar(actor)
    identity = ChatIdentity.objects.select_for_update().get(pk=identity.pk)
    if person is not None and not person.is_active:
        raise ValidationError({"person": "Link to an active member."})
    identity.user = person
    identity.linked_at = timezone.now() if person is not None else None
    identity.save(update_fields=["user", "linked_at"])
    return record_answers() if person is not None else 0
