"""Writing posts: create, edit (history kept), delete (soft)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ripple.feed import access
from ripple.feed.actions.content import (
    BODY_MAX,
    _check_len,
    _check_prompts,
    _clean_title,
    _department,
    _hot_score,
    _notify,
    _set_topics,
    _who,
    clean_topics,
    compose_markdown,
    mentioned_people,
    render_with_mentions,
)
from ripple.feed.actions.topics import notify_topic_followers
from ripple.feed.kinds import Notice
from ripple.feed.models import (
    ANONYMOUS_KINDS,
    Follow,
    ModerationAction,
    ModerationLog,
    Post,
    PostKind,
    PostRevision,
    PostState,
)
from ripple.people.models import User
from ripple.spaces import access as space_access
from ripple.spaces.models import Space

# --- posts --------------------------------------------------------------------------------------


@transaction.atomic
def post_create(
    *,
    actor: User,
    kind: str,
    title: str,
    body: str = "",
    tool: str = "",
    minutes_saved: int | None = 0,
    fail_asked: str = "",
    fail_wrong: str = "",
    fail_noticed: str = "",
    fail_lesson: str = "",
    anonymous: bool = False,
    department: Any = None,
    topics: Iterable[str] | str = (),
    prompt_ids: Sequence[int] = (),
    space: Space | None = None,
    at: datetime | None = None,
) -> Post:
    """Share a win, tip, question, AI fail or demo; the author follows it and @mentioned people hear of it.
    In a `space` (a cohort's or community's) only its members may post, and only its readers hear of it."""
    space_access.require_can_post(actor, space)
    if kind not in PostKind.values:
        raise ValidationError({"kind": "Choose one of: win, tip, question, AI fail, demo."})
    if anonymous and kind not in ANONYMOUS_KINDS:
        raise ValidationError({"anonymous": "Only questions and AI fails can be posted anonymously."})
    minutes = int(minutes_saved or 0)
    if minutes < 0 or minutes > 100_000:
        raise ValidationError({"minutes_saved": "Minutes saved must be between 0 and 100,000."})
    now = at or timezone.now()
    post = Post(
        kind=kind,
        title=_clean_title(title),
        body=_check_len("body", body, BODY_MAX, "The text"),
        tool=_check_len("tool", tool, 80, "The tool name"),
        minutes_saved=minutes,
        fail_asked=_check_len("fail_asked", fail_asked, 4000, "“What I asked”"),
        fail_wrong=_check_len("fail_wrong", fail_wrong, 4000, "“What went wrong”"),
        fail_noticed=_check_len("fail_noticed", fail_noticed, 4000, "“How I noticed”"),
        fail_lesson=_check_len("fail_lesson", fail_lesson, 4000, "“The lesson”"),
        author=actor,
        anonymous=bool(anonymous),
        # In a small department the department alone can say who asked: anonymous posts have none.
        department=None if anonymous else _department(department),
        prompt_ids=_check_prompts(actor, prompt_ids),
        space=space,
        created_at=now,
        updated_at=now,
        last_activity_at=now,
    )
    if not post.body and kind != PostKind.AI_FAIL:
        raise ValidationError({"body": "Tell people a little more in the text."})
    if kind == PostKind.AI_FAIL and not (post.body or post.fail_wrong):
        raise ValidationError({"fail_wrong": "Say what went wrong: that is the part others learn from."})
    post.body_html = render_with_mentions(compose_markdown(post))
    post.hot_score = _hot_score(now, 1)
    post.save()
    _set_topics(post, clean_topics(topics))
    Follow.objects.create(post=post, user=actor, created_at=now)
    name, shown_actor = _who(post, actor)
    told = set()
    for person in mentioned_people(compose_markdown(post), exclude=[actor.pk]):
        told.add(person.pk)
        _notify(
            recipient=person,
            kind=Notice.MENTION,
            text=f"{name} mentioned you in “{post.title}”",
            url=post.get_absolute_url(),
            actor=shown_actor,
            space=post.space_id,
        )
    if at is None:  # imported history (the demo, `at=`) tells nobody
        notify_topic_followers(post=post, actor=actor, exclude=told)
    return post


@transaction.atomic
def post_update(*, actor: User, post: Post, **changes: Any) -> Post:
    """Edit a post (author only); the previous title and body are kept as a revision, and people
    @mentioned for the first time by the edit hear of it."""
    access.require(access.can_edit(actor, post), "Only the author can edit this post.")
    post = Post.objects.select_for_update().get(pk=post.pk)
    already_mentioned = {p.pk for p in mentioned_people(compose_markdown(post))}
    PostRevision.objects.create(
        post=post, title=post.title, body=post.body, editor=actor, created_at=timezone.now()
    )
    if "title" in changes and changes["title"] is not None:
        post.title = _clean_title(changes["title"])
    limits = {
        "body": BODY_MAX,
        "fail_asked": 4000,
        "fail_wrong": 4000,
        "fail_noticed": 4000,
        "fail_lesson": 4000,
    }
    for field, limit in limits.items():
        if changes.get(field) is not None:
            setattr(post, field, _check_len(field, changes[field], limit, "The text"))
    if changes.get("tool") is not None:
        post.tool = _check_len("tool", changes["tool"], 80, "The tool name")
    if changes.get("minutes_saved") is not None:
        minutes = int(changes["minutes_saved"])
        if minutes < 0 or minutes > 100_000:
            raise ValidationError({"minutes_saved": "Minutes saved must be between 0 and 100,000."})
        post.minutes_saved = minutes
    if "department" in changes and not post.anonymous:
        post.department = _department(changes["department"])
    if not post.body and post.kind != PostKind.AI_FAIL:
        raise ValidationError({"body": "Tell people a little more in the text."})
    post.body_html = render_with_mentions(compose_markdown(post))
    post.updated_at = timezone.now()
    post.save()
    if changes.get("topics") is not None:
        _set_topics(post, clean_topics(changes["topics"]))
    name, shown_actor = _who(post, actor)
    for person in mentioned_people(compose_markdown(post), exclude=[actor.pk, *already_mentioned]):
        _notify(
            recipient=person,
            kind=Notice.MENTION,
            text=f"{name} mentioned you in “{post.title}”",
            url=post.get_absolute_url(),
            actor=shown_actor,
            space=post.space_id,
        )
    return post


@transaction.atomic
def post_delete(*, actor: User, post: Post) -> Post:
    """Soft-delete a post (its author or a moderator); admins can restore it."""
    access.require(access.can_delete(actor, post), "Only the author or a moderator can delete this post.")
    post.state = PostState.DELETED
    post.deleted_at = timezone.now()
    post.save(update_fields=["state", "deleted_at"])
    if actor.pk != post.author_id:
        ModerationLog.objects.create(
            actor=actor, action=ModerationAction.DELETE, post=post, created_at=timezone.now()
        )
    return post
