"""Suggested edits: propose, accept (a new version credited to the suggester) or decline with a reason."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from ripple.core import ledger
from ripple.library import access
from ripple.library.actions.content import (
    clean_content,
)
from ripple.library.actions.prompts import prompt_update
from ripple.library.kinds import Learned, Notice
from ripple.library.models import (
    Prompt,
    PromptVersion,
    Suggestion,
    SuggestionStatus,
)
from ripple.notifications.actions import notify
from ripple.people.models import User

# --- suggestions -------------------------------------------------------------------------------


@transaction.atomic
def suggestion_create(
    *,
    actor: User,
    prompt: Prompt,
    title: str,
    body: str,
    purpose: str = "",
    check_output: str = "",
    note: str = "",
    at: datetime | None = None,
) -> Suggestion:
    """Propose an edit to someone else's prompt; its owner is asked to accept or decline it."""
    access.require_can_view(actor, prompt)
    if prompt.owner_id == actor.pk:
        raise ValidationError("This is your prompt: edit it directly.")
    data = clean_content(
        title=title, body=body, purpose=purpose, check_output=check_output, tools=prompt.tools,
        tags=prompt.tags, examples=prompt.examples,
    )  # fmt: skip
    if all(data[k] == getattr(prompt, k) for k in ("title", "body", "purpose", "check_output")):
        raise ValidationError(
            {"body": "The suggestion is the same as the current version; change something."}
        )
    note = " ".join((note or "").split())
    if len(note) > 500:
        raise ValidationError({"note": "Keep the note under 500 characters."})
    suggestion = Suggestion.objects.create(
        prompt=prompt,
        author=actor,
        base_version=prompt.version,
        title=data["title"],
        body=data["body"],
        purpose=data["purpose"],
        check_output=data["check_output"],
        note=note,
        created_at=at or timezone.now(),
    )
    Prompt.objects.filter(pk=prompt.pk).update(open_suggestion_count=F("open_suggestion_count") + 1)
    notify(
        recipient=prompt.owner,
        actor=actor,
        kind=Notice.SUGGESTION,
        text=f"{actor.name} suggested an edit to your prompt “{prompt.title}”.",
        url=reverse("library:suggestion", args=[prompt.pk, suggestion.pk]),
    )
    return suggestion


def _resolve(suggestion: Suggestion, *, actor: User, status: str, response: str, at: datetime) -> None:
    # Locked and read again: two owners' tabs resolving the same suggestion at once close it once.
    current = (
        Suggestion.objects.select_for_update(no_key=True)
        .filter(pk=suggestion.pk)
        .values_list("status", flat=True)
        .first()
    )
    if suggestion.status != SuggestionStatus.OPEN or current != SuggestionStatus.OPEN:
        raise ValidationError("This suggestion has already been resolved.")
    response = " ".join((response or "").split())
    if len(response) > 500:
        raise ValidationError({"response": "Keep the reply under 500 characters."})
    suggestion.status, suggestion.resolved_by, suggestion.resolved_at = status, actor, at
    suggestion.response = response
    Prompt.objects.filter(pk=suggestion.prompt_id, open_suggestion_count__gt=0).update(
        open_suggestion_count=F("open_suggestion_count") - 1
    )


@transaction.atomic
def suggestion_accept(
    *, actor: User, suggestion: Suggestion, response: str = "", at: datetime | None = None
) -> Prompt:
    """Apply a suggested edit as the prompt's next version, crediting its author."""
    prompt = suggestion.prompt
    access.require_can_edit(actor, prompt)
    at = at or timezone.now()
    _resolve(suggestion, actor=actor, status=SuggestionStatus.ACCEPTED, response=response, at=at)
    author = suggestion.author
    before = prompt.version
    prompt_update(
        actor=actor,
        prompt=prompt,
        note=f"Suggested by {author.name}" + (f": {suggestion.note}" if suggestion.note else ""),
        at=at,
        title=suggestion.title,
        body=suggestion.body,
        purpose=suggestion.purpose,
        check_output=suggestion.check_output,
    )
    if prompt.version != before:
        # Credit the author on the version their edit became (prompt_update records the accepting owner).
        PromptVersion.objects.filter(prompt=prompt, number=prompt.version).update(author=author)
        suggestion.resulting_version = prompt.version
    suggestion.save(update_fields=["status", "resolved_by", "resolved_at", "response", "resulting_version"])
    # The owner learned from the suggester.
    ledger.record(kind=Learned.SUGGESTION, learner=prompt.owner, source=author, obj=prompt, at=at)
    notify(
        recipient=author,
        actor=actor,
        kind=Notice.SUGGESTION_RESOLVED,
        text=f"{actor.name} accepted your suggested edit to “{prompt.title}” (now version {prompt.version}).",
        url=prompt.get_absolute_url(),
    )
    return prompt


@transaction.atomic
def suggestion_decline(
    *, actor: User, suggestion: Suggestion, response: str = "", at: datetime | None = None
) -> Suggestion:
    """Decline a suggested edit, saying why: the reason is in the suggester's notification."""
    access.require_can_edit(actor, suggestion.prompt)
    if not " ".join((response or "").split()):
        raise ValidationError({"response": "Say why you decline, so the suggester can learn from it."})
    _resolve(
        suggestion, actor=actor, status=SuggestionStatus.DECLINED, response=response, at=at or timezone.now()
    )
    suggestion.save(update_fields=["status", "resolved_by", "resolved_at", "response"])
    notify(
        recipient=suggestion.author,
        actor=actor,
        kind=Notice.SUGGESTION_RESOLVED,
        text=(
            f"{actor.name} declined your suggested edit to “{suggestion.prompt.title}”: {suggestion.response}"
        ),
        url=reverse("library:suggestion", args=[suggestion.prompt_id, suggestion.pk]),
    )
    return suggestion
