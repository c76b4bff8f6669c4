"""Moderation: hide, restore, lock; the audited reveal of an anonymous author; reports."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from ripple.feed import access
from ripple.feed.models import (
    ModerationAction,
    ModerationLog,
    Post,
    PostState,
    Report,
)
from ripple.people.models import User


@transaction.atomic
def post_moderate(*, actor: User, post: Post, action: str, note: str = "") -> Post:
    """Hide, restore, lock or unlock a post (facilitators and admins); every step is audited."""
    access.require(access.can_moderate(actor), "Only facilitators and admins can moderate posts.")
    if action == ModerationAction.HIDE:
        post.state = PostState.HIDDEN
    elif action == ModerationAction.RESTORE:
        if post.state == PostState.DELETED and not access.can_restore_deleted(actor):
            raise PermissionDenied("Only admins can restore a deleted post.")
        post.state, post.deleted_at = PostState.LIVE, None
    elif action == ModerationAction.LOCK:
        post.locked = True
    elif action == ModerationAction.UNLOCK:
        post.locked = False
    else:
        raise ValidationError({"action": "Choose hide, restore, lock or unlock."})
    post.save(update_fields=["state", "deleted_at", "locked"])
    ModerationLog.objects.create(
        actor=actor, action=action, post=post, note=note[:500], created_at=timezone.now()
    )
    if action in (ModerationAction.HIDE, ModerationAction.RESTORE):
        Report.objects.filter(post=post, resolved_at__isnull=True).update(resolved_at=timezone.now())
    return post


@transaction.atomic
def author_reveal(*, actor: User, post: Post, reason: str) -> User:
    """Show an admin who wrote an anonymous post; the reveal is written to the audit log first."""
    access.require(access.can_reveal(actor), "Only admins can see who wrote an anonymous post.")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Say why you need to know who wrote this; it is recorded."})
    ModerationLog.objects.create(
        actor=actor,
        action=ModerationAction.REVEAL_AUTHOR,
        post=post,
        note=reason[:500],
        created_at=timezone.now(),
    )
    return post.author


@transaction.atomic
def post_report(*, actor: User, post: Post, reason: str) -> Report:
    """Flag a post for the moderators; reporting the same post twice is a no-op."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Say what is wrong with this post."})
    existing = Report.objects.filter(post=post, reporter=actor, resolved_at__isnull=True).first()
    if existing:
        return existing
    return Report.objects.create(post=post, reporter=actor, reason=reason[:500], created_at=timezone.now())
