"""Forking a prompt: a copy owned by the forker that remembers where it came from."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from ripple.core import ledger
from ripple.library import access
from ripple.library.actions.content import (
    CONTENT_FIELDS,
    _set_content,
    _snapshot,
)
from ripple.library.kinds import Learned, Notice
from ripple.library.models import (
    TITLE_MAX,
    Prompt,
    Visibility,
)
from ripple.notifications.actions import notify
from ripple.people.models import User


@transaction.atomic
def prompt_fork(
    *, actor: User, prompt: Prompt, title: str | None = None, at: datetime | None = None
) -> Prompt:
    """Copy `prompt` into a new prompt owned by `actor`, remembering where it came from.

    The fork is shared as narrowly as the original, within the forker's own department when the
    original is department-only; the forker can widen it afterwards.
    """
    access.require_can_view(actor, prompt)
    at = at or timezone.now()
    if prompt.visibility == Visibility.PRIVATE:
        visibility, department = Visibility.PRIVATE, actor.department
    elif prompt.visibility == Visibility.DEPARTMENT:
        visibility, department = Visibility.DEPARTMENT, prompt.department
    else:
        visibility, department = Visibility.EVERYONE, actor.department or prompt.department
    fork = Prompt(
        owner=actor,
        department=department,
        visibility=visibility,
        forked_from=prompt,
        lineage_root_id=prompt.family_root_id,
        created_at=at,
        updated_at=at,
        version=1,
    )
    data = {key: getattr(prompt, key) for key in CONTENT_FIELDS}
    if title and title.strip():
        data["title"] = " ".join(title.split())[:TITLE_MAX]
    _set_content(fork, data)
    fork.save()
    # Neutral on purpose: the fork may be shared wider than its parent (the lineage page names the parent
    # to those who may see it).
    _snapshot(fork, author=actor, note=f"Forked from version {prompt.version} of another prompt", at=at)
    Prompt.objects.filter(pk=prompt.pk).update(fork_count=F("fork_count") + 1)
    ledger.record(kind=Learned.FORK, learner=actor, source=prompt.owner, obj=fork, at=at)
    notify(
        recipient=prompt.owner,
        actor=actor,
        kind=Notice.FORK,
        text=f"{actor.name} forked your prompt “{prompt.title}”.",
        url=fork.get_absolute_url(),
    )
    return fork
