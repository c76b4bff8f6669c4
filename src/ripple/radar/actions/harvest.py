"""The harvest queue: a reviewer edits a candidate and approves it (a library prompt or a feed tip,
owned by and so credited to the message's author, who is told and may decline) or rejects it."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ripple.feed import actions as feed_actions
from ripple.feed.models import PostKind
from ripple.library import actions as library_actions
from ripple.library.models import Prompt
from ripple.notifications.actions import notify
from ripple.people.models import User
from ripple.radar import access
from ripple.radar.kinds import Notice
from ripple.radar.models import HarvestCandidate, HarvestKind, HarvestStatus


def _pending(candidate: HarvestCandidate) -> None:
    if candidate.status != HarvestStatus.PENDING:
        raise ValidationError(
            {"status": f"This candidate was already {candidate.get_status_display().lower()}."}
        )


def _locked(candidate: HarvestCandidate) -> HarvestCandidate:
    return (
        HarvestCandidate.objects.select_for_update(of=("self",))
        .select_related("message__author__user", "message__channel")
        .get(pk=candidate.pk)
    )


@transaction.atomic
def candidate_approve(
    *, actor: User, candidate: HarvestCandidate, title: str = "", body: str = "", kind: str = ""
) -> HarvestCandidate:
    """Publish the (edited) candidate in its author's name; their message's origin is named in it."""
    access.require_radar(actor)
    candidate = _locked(candidate)
    _pending(candidate)
    kind = kind or candidate.kind
    if kind not in HarvestKind.values:
        raise ValidationError({"kind": "Choose a library prompt or a feed tip."})
    title = (title or candidate.title).strip()
    body = (body or candidate.body).strip()
    author = candidate.message.author
    owner = author.user if author is not None else None
    if owner is None or not owner.is_active:
        raise ValidationError(
            {"author": "The author is not matched to a Ripple person yet: link their chat identity first."}
        )
    channel = candidate.message.channel.name
    at = candidate.message.posted_at
    if kind == HarvestKind.PROMPT:
        prompt = library_actions.prompt_create(
            actor=owner,
            title=title,
            body=body,
            purpose=f"Shared in #{channel} on Slack.",
            origin_label=f"Slack #{channel}",
            note="Harvested from Slack",
            at=at,
        )
        candidate.prompt_id, url, where = prompt.pk, prompt.get_absolute_url(), "the prompt library"
    else:
        post = feed_actions.post_create(
            actor=owner,
            kind=PostKind.TIP,
            title=title,
            body=f"{body}\n\n_Shared in #{channel} on Slack._",
            at=at,
        )
        candidate.post_id, url, where = post.pk, post.get_absolute_url(), "the feed"
    candidate.kind, candidate.title, candidate.body = kind, title[:200], body
    candidate.status, candidate.reviewer, candidate.reviewed_at = (
        HarvestStatus.APPROVED,
        actor,
        timezone.now(),
    )
    candidate.save()
    notify(
        recipient=owner,
        kind=Notice.HARVESTED,
        actor=actor,
        url=f"/radar/harvest/{candidate.pk}/decline/",
        text=(
            f"{actor.name} added what you shared in #{channel} to {where}, credited to you. "
            "Not happy with that? You can decline it."
        ),
    )
    del url
    return candidate


@transaction.atomic
def candidate_reject(*, actor: User, candidate: HarvestCandidate) -> HarvestCandidate:
    access.require_radar(actor)
    candidate = _locked(candidate)
    _pending(candidate)
    candidate.status, candidate.reviewer, candidate.reviewed_at = (
        HarvestStatus.REJECTED,
        actor,
        timezone.now(),
    )
    candidate.save(update_fields=["status", "reviewer", "reviewed_at"])
    return candidate


@transaction.atomic
def candidate_decline(*, actor: User, candidate: HarvestCandidate) -> HarvestCandidate:
    """The author declines the credit: the prompt or tip made from their message is deleted."""
    candidate = _locked(candidate)
    access.require_author(actor, candidate)
    if candidate.status != HarvestStatus.APPROVED:
        raise ValidationError({"status": "Only an approved prompt or tip can be declined."})
    if candidate.prompt_id:
        prompt = Prompt.objects.filter(pk=candidate.prompt_id, deleted_at__isnull=True).first()
        if prompt is not None:
            library_actions.prompt_delete(actor=actor, prompt=prompt)
    if candidate.post_id:
        from ripple.feed.models import Post

        post = Post.objects.filter(pk=candidate.post_id).first()
        if post is not None:
            feed_actions.post_delete(actor=actor, post=post)
    candidate.status = HarvestStatus.DECLINED
    candidate.save(update_fields=["status"])
    return candidate
