"""Promoting a tip, win or accepted answer into the prompt library, its author credited."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from ripple.feed import access
from ripple.feed.models import (
    PROMOTABLE_KINDS,
    Post,
    PostKind,
    PostState,
    Reply,
)
from ripple.library import actions as library_actions
from ripple.people.models import User

# --- promote to library -------------------------------------------------------------------------


def promotable(post: Post) -> bool:
    return post.state == PostState.LIVE and (
        post.kind in PROMOTABLE_KINDS
        or (post.kind == PostKind.QUESTION and post.accepted_reply_id is not None)
    )


@transaction.atomic
def post_promote(*, actor: User, post: Post, title: str | None = None, body: str | None = None) -> Any:
    """Turn a tip, win or accepted answer into a library prompt owned by its author, linked both ways."""
    access.require(access.can_promote(actor, post), "Only the author or a facilitator can promote this post.")
    if post.promoted_prompt_id:
        raise ValidationError({"post": "This post is already in the library."})
    if not promotable(post):
        raise ValidationError(
            {"post": "Only tips, wins and accepted answers can be promoted to the library."}
        )
    if post.anonymous:
        raise ValidationError(
            {"post": "Anonymous posts cannot be promoted: the prompt would name its author."}
        )
    owner: User = post.author
    text = post.body
    if post.kind == PostKind.WIN and post.tool:
        text = f"{text}\n\n(Tool: {post.tool})"
    if post.kind == PostKind.QUESTION and post.accepted_reply_id:
        answer = Reply.objects.select_related("author").get(pk=post.accepted_reply_id)
        owner, text = answer.author, answer.body
    prompt = library_actions.prompt_create(
        actor=owner,
        title=(title or post.title)[:200],
        body=body or text,
        purpose=post.title if post.kind == PostKind.QUESTION else "",
        tools=(post.tool,) if post.tool else (),
        department=post.department,
        tags=tuple(post.topics.values_list("name", flat=True)),
        origin_url=post.get_absolute_url(),
        origin_label=f"{post.get_kind_display()}: {post.title}"[:200],
        note=f"Promoted from the feed by {actor.name}",
    )
    post.promoted_prompt_id = prompt.pk
    if prompt.pk not in post.prompt_ids:
        post.prompt_ids = [*post.prompt_ids, prompt.pk]
    post.save(update_fields=["promoted_prompt_id", "prompt_ids"])
    return prompt
