"""Forking a prompt: a copy owned by the forker that remembers where it came from."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from ripple.core import ledger
from ripple.library import access
from ripple.library.actions.content import (
    CONTENT_FIELDS,
    _clean_visibility,
    _resolve_department,
    _set_content,
    _snapshot,
    clean_content,
)
from ripple.library.kinds import Learned, Notice
from ripple.library.models import (
    TITLE_MAX,
    Prompt,
    Visibility,
)
from ripple.notifications.actions import notify
from ripple.people.models import User


def fork_sharing(*, actor: User, prompt: Prompt) -> tuple[str, Any]:
    """How a fork of `prompt` is shared unless the forker says otherwise: as narrowly as the original,
    within the original's department when it is department-only."""
    if prompt.visibility == Visibility.PRIVATE:
        return Visibility.PRIVATE, actor.department
    if prompt.visibility == Visibility.DEPARTMENT:
        return Visibility.DEPARTMENT, prompt.department
    return Visibility.EVERYONE, actor.department or prompt.department


@transaction.atomic
def prompt_fork(
    *,
    actor: User,
    prompt: Prompt,
    title: str | None = None,
    content: Mapping[str, Any] | None = None,
    visibility: str | None = None,
    department: Any = None,
    at: datetime | None = None,
) -> Prompt:
    """Copy `prompt` into a new prompt owned by `actor`, remembering where it came from.

    `content` (title, body, purpose, tools, tags, examples, check_output) is what the forker edited
    before saving (the fork editor); what it leaves out is copied. Shared as `fork_sharing` says unless
    `visibility` (and `department`) are given.
    """
    access.require_can_view(actor, prompt)
    at = at or timezone.now()
    if visibility is None:
        visibility, department = fork_sharing(actor=actor, prompt=prompt)
    else:
        department = _clean_visibility(visibility, _resolve_department(department), actor)
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
    if content:
        data = clean_content(**{**data, **{k: v for k, v in content.items() if k in CONTENT_FIELDS}})
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
