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
from ripple.feed.selectors.promotion import promotion_draft
from ripple.library import actions as library_actions
from ripple.people.models import User

# --- promote to library -------------------------------------------------------------------------


def promotable(post: Post) -> bool:
    return post.state == PostState.LIVE and (
        post.kind in PROMOTABLE_KINDS
        or (post.kind == PostKind.QUESTION and post.accepted_reply_id is not None)
    )


def promotion_refusal(post: Post) -> str:
    """Why `post` cannot be promoted ("" when it can): checked before the form is even shown."""
    if post.promoted_prompt_id:
        return "This post is already in the library."
    if not promotable(post):
        return "Only tips, wins and accepted answers can be promoted to the library."
    if post.anonymous:
        return "Anonymous posts cannot be promoted: the prompt would name its author."
    return ""


@transaction.atomic
def post_promote(
    *,
    actor: User,
    post: Post,
    title: str | None = None,
    body: str | None = None,
    purpose: str | None = None,
    check_output: str | None = None,
    tags: str | None = None,
) -> Any:
    """Turn a tip, win or accepted answer into a library prompt owned by its author, linked both ways.
    The promoter may edit what `promotion_draft` proposes (title, body with its {{variables}}, purpose,
    how to check, tags) before it is created; the author stays the owner and is credited."""
    access.require(access.can_promote(actor, post), "Only the author or a facilitator can promote this post.")
    refusal = promotion_refusal(post)
    if refusal:
        raise ValidationError({"post": refusal})
    draft = promotion_draft(post)
    owner: User = post.author
    if post.kind == PostKind.QUESTION and post.accepted_reply_id:
        owner = Reply.objects.select_related("author").get(pk=post.accepted_reply_id).author
    chosen = {"title": title, "body": body, "purpose": purpose, "check_output": check_output, "tags": tags}
    content = {key: draft[key] if value is None else value for key, value in chosen.items()}
    prompt = library_actions.prompt_create(
        actor=owner,
        title=content["title"],
        body=content["body"],
        purpose=content["purpose"],
        check_output=content["check_output"],
        tools=(post.tool,) if post.tool else (),
        department=post.department,
        tags=[t for t in str(content["tags"]).split(",") if t.strip()],
        origin_url=post.get_absolute_url(),
        origin_label=f"{post.get_kind_display()}: {post.title}"[:200],
        note=f"Promoted from the feed by {actor.name}",
    )
    post.promoted_prompt_id = prompt.pk
    if prompt.pk not in post.prompt_ids:
        post.prompt_ids = [*post.prompt_ids, prompt.pk]
    post.save(update_fields=["promoted_prompt_id", "prompt_ids"])
    return prompt
