"""Replies, reactions, follows and accepted answers."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from ripple.core import ledger
from ripple.feed import access
from ripple.feed.actions.content import (
    REPLY_MAX,
    _notify,
    _refresh_activity,
    _who,
    mentioned_people,
    render_with_mentions,
)
from ripple.feed.kinds import Learned, Notice
from ripple.feed.models import (
    Emoji,
    Follow,
    Post,
    PostKind,
    PostState,
    Reaction,
    Reply,
)
from ripple.people.models import User

# --- replies, reactions, follows, answers --------------------------------------------------------


@transaction.atomic
def reply_create(
    *, actor: User, post: Post, body: str, parent: Reply | None = None, at: datetime | None = None
) -> Reply:
    """Reply to a post (one level of threading); followers and @mentioned people are notified."""
    if not access.can_reply(actor, post):
        raise PermissionDenied("This post is locked; replies are closed.")
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": "Write something before sending your reply."})
    if len(body) > REPLY_MAX:
        raise ValidationError(
            {"body": f"A reply can be at most {REPLY_MAX:,} characters (it has {len(body):,})."}
        )
    if parent is not None:
        if parent.post_id != post.pk:
            raise ValidationError({"parent": "That reply belongs to another post."})
        if parent.parent_id is not None:  # threads are one level deep: answer the top of the thread
            parent = parent.parent
    now = at or timezone.now()
    reply = Reply.objects.create(
        post=post,
        parent=parent,
        author=actor,
        body=body,
        body_html=render_with_mentions(body),
        created_at=now,
    )
    _refresh_activity(post, now)
    Follow.objects.get_or_create(post=post, user=actor, defaults={"created_at": now})
    name, shown_actor = _who(post, actor)
    mentioned = mentioned_people(body, exclude=[actor.pk])
    for person in mentioned:
        _notify(
            recipient=person,
            kind=Notice.MENTION,
            text=f"{name} mentioned you in a reply on “{post.title}”",
            url=f"{post.get_absolute_url()}#reply-{reply.pk}",
            actor=shown_actor,
            space=post.space_id,
        )
    skip = {actor.pk} | {p.pk for p in mentioned}
    followers = User.objects.filter(pk__in=Follow.objects.filter(post=post).values("user_id")).exclude(
        pk__in=skip
    )
    for person in followers:
        _notify(
            recipient=person,
            kind=Notice.REPLY,
            text=f"{name} replied to “{post.title}”",
            url=f"{post.get_absolute_url()}#reply-{reply.pk}",
            actor=shown_actor,
            space=post.space_id,
        )
    return reply


@transaction.atomic
def reaction_set(*, actor: User, post: Post, emoji: str, on: bool = True, at: datetime | None = None) -> bool:
    """Add (or remove) `actor`'s reaction; adding twice is a no-op. Returns whether it is now on."""
    if emoji not in Emoji.values:
        raise ValidationError({"emoji": "Choose one of: " + ", ".join(Emoji.values) + "."})
    if post.state != PostState.LIVE:
        raise PermissionDenied("This post is not open for reactions.")
    now = at or timezone.now()
    if on:
        try:
            with transaction.atomic():
                _obj, created = Reaction.objects.get_or_create(
                    post=post, user=actor, emoji=emoji, defaults={"created_at": now}
                )
        except IntegrityError:
            created = False
    else:
        created = Reaction.objects.filter(post=post, user=actor, emoji=emoji).delete()[0] > 0
    if created:
        _refresh_activity(post, now)
    return on


@transaction.atomic
def reaction_toggle(*, actor: User, post: Post, emoji: str) -> bool:
    """Flip `actor`'s reaction on or off. Returns whether it is now on."""
    exists = Reaction.objects.filter(post=post, user=actor, emoji=emoji).exists()
    return reaction_set(actor=actor, post=post, emoji=emoji, on=not exists)


@transaction.atomic
def post_follow(*, actor: User, post: Post, on: bool = True) -> bool:
    """Follow (or stop following) a post's replies."""
    if on:
        Follow.objects.get_or_create(post=post, user=actor, defaults={"created_at": timezone.now()})
    else:
        Follow.objects.filter(post=post, user=actor).delete()
    return on


@transaction.atomic
def answer_accept(*, actor: User, post: Post, reply: Reply) -> Post:
    """Mark `reply` as the accepted answer (asker or facilitator); the asker learned from the answerer."""
    if post.kind != PostKind.QUESTION:
        raise ValidationError({"reply_id": "Only questions have accepted answers."})
    access.require(
        access.can_accept(actor, post), "Only the person who asked (or a facilitator) can accept an answer."
    )
    if reply.post_id != post.pk or reply.deleted_at is not None:
        raise ValidationError({"reply_id": "That reply is not an answer on this question."})
    if post.accepted_reply_id == reply.pk:
        return post
    post.accepted_reply = reply
    post.save(update_fields=["accepted_reply"])
    # Anonymous askers stay unlinked everywhere, the ledger included (insights read the ledger).
    if not post.anonymous:
        ledger.record(kind=Learned.ANSWER, learner=post.author, source=reply.author, obj=post)
    _notify(
        recipient=reply.author,
        kind=Notice.ANSWER_ACCEPTED,
        text=f"Your answer on “{post.title}” was accepted",
        url=f"{post.get_absolute_url()}#reply-{reply.pk}",
        actor=None if post.anonymous else actor,
        space=post.space_id,
    )
    return post
