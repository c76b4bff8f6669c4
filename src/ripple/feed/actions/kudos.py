"""Kudos: a public thank-you, a learning event for each recipient."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ripple.core import ledger
from ripple.feed.actions.content import (
    KUDOS_MAX,
    _notify,
)
from ripple.feed.kinds import Learned, Notice
from ripple.feed.models import (
    Kudos,
    Post,
)
from ripple.library.access import access_prompt
from ripple.people.models import User

# --- kudos --------------------------------------------------------------------------------------


@transaction.atomic
def kudos_give(
    *,
    actor: User,
    recipients: Sequence[User],
    message: str,
    post: Post | None = None,
    prompt_id: int | None = None,
    at: datetime | None = None,
) -> Kudos:
    """A public thank-you to one or more people; each recipient taught the giver something."""
    message = (message or "").strip()
    people = [p for p in dict.fromkeys(recipients) if p.pk != actor.pk]
    if not people:
        raise ValidationError({"to": "Choose at least one person other than yourself."})
    if len(people) > 20:
        raise ValidationError({"to": "Kudos can go to at most 20 people at once."})
    if any(not p.is_active for p in people):
        raise ValidationError({"to": "Kudos can only go to active members."})
    if not message:
        raise ValidationError({"message": "Say what you are thanking them for."})
    if len(message) > KUDOS_MAX:
        raise ValidationError(
            {"message": f"Keep it under {KUDOS_MAX:,} characters (it has {len(message):,})."}
        )
    if prompt_id is not None:
        access_prompt(actor, prompt_id)
    if post is not None and post.anonymous:
        # Public kudos naming the anonymous author (as giver or recipient) next to their post would unmask
        # them, and dropping the link only then would tell a guesser they were right: never link one.
        post = None
    if post is not None and post.space_id is not None and post.space is not None and post.space.is_private:
        # Kudos are public: a link would name a private space's post to everyone who reads them.
        post = None
    now = at or timezone.now()
    kudos = Kudos.objects.create(giver=actor, message=message, post=post, prompt_id=prompt_id, created_at=now)
    kudos.recipients.set(people)
    for person in people:
        ledger.record(kind=Learned.KUDOS, learner=actor, source=person, obj=kudos, at=now)
        _notify(
            recipient=person,
            kind=Notice.KUDOS,
            text=f"{actor.name} gave you kudos: {message[:200]}",
            url=f"/feed/kudos/#kudos-{kudos.pk}",
            actor=actor,
        )
    return kudos
