"""Shared by the sharing space's writes: titles, topics, Markdown with @mentions, hot score, notifying."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Q

from ripple.core.markdown import render, sanitize
from ripple.core.registry import NotificationKind
from ripple.feed.models import (
    Post,
    PostKind,
    Reaction,
    Reply,
    Topic,
)
from ripple.library.access import visible_prompts
from ripple.notifications.actions import notify
from ripple.people.models import Department, User

TITLE_MAX, BODY_MAX, REPLY_MAX, KUDOS_MAX, TOPICS_MAX = 200, 20000, 10000, 1000, 8
_MENTION = re.compile(r"(?<![\w@.])@([A-Za-z0-9][A-Za-z0-9._\-]{1,40})")
_TOPIC = re.compile(r"[^a-z0-9+#.\- ]")


# --- helpers ------------------------------------------------------------------------------------


def _clean_title(title: str) -> str:
    title = " ".join((title or "").split())
    if not title:
        raise ValidationError({"title": "Give your post a title."})
    if len(title) > TITLE_MAX:
        raise ValidationError(
            {"title": f"Keep the title under {TITLE_MAX} characters (it has {len(title)})."}
        )
    return title


def _check_len(field: str, value: str, limit: int, label: str) -> str:
    value = (value or "").strip()
    if len(value) > limit:
        raise ValidationError(
            {field: f"{label} is too long: at most {limit:,} characters (it has {len(value):,})."}
        )
    return value


def clean_topics(topics: Iterable[str] | str) -> list[str]:
    """Lower-cased, de-duplicated topic names (a comma-separated string or a list)."""
    if isinstance(topics, str):
        topics = topics.split(",")
    out: list[str] = []
    for raw in topics:
        name = _TOPIC.sub("", str(raw).strip().lower().lstrip("#"))[:40].strip()
        if name and name not in out:
            out.append(name)
    if len(out) > TOPICS_MAX:
        raise ValidationError({"topics": f"Use at most {TOPICS_MAX} topics."})
    return out


def _set_topics(post: Post, names: list[str]) -> None:
    existing = {t.name: t for t in Topic.objects.filter(name__in=names)}
    missing = [Topic(name=n) for n in names if n not in existing]
    if missing:
        Topic.objects.bulk_create(missing, ignore_conflicts=True)
        existing = {t.name: t for t in Topic.objects.filter(name__in=names)}
    post.topics.set([existing[n] for n in names])


def compose_markdown(post: Post) -> str:
    """The Markdown shown for a post: the body, plus the kind's light-template answers."""
    parts = [post.body]
    if post.kind == PostKind.AI_FAIL:
        for heading, value in (
            ("What I asked", post.fail_asked),
            ("What went wrong", post.fail_wrong),
            ("How I noticed", post.fail_noticed),
            ("The lesson", post.fail_lesson),
        ):
            if value.strip():
                parts.append(f"### {heading}\n\n{value}")
    return "\n\n".join(p for p in parts if p.strip())


def _hot_score(last_activity: datetime, people: int) -> float:
    """Recent activity, weighted by distinct people: a post with twice the people counts as 12 hours newer."""
    return last_activity.timestamp() / 3600.0 + 12.0 * math.log2(1 + max(people, 1))


def _refresh_activity(post: Post, at: datetime) -> None:
    """Recount the post's replies, reactions and people from the rows, the post row locked first.

    With the lock, concurrent replies and reactions recount one after another, each seeing the rows the
    others committed (without it, two recounts each missed the other's row and the later save won).
    FOR NO KEY UPDATE does not conflict with the key-share lock a reply's insert takes on its post.
    """
    latest = (
        Post.objects.select_for_update(no_key=True)
        .filter(pk=post.pk)
        .values_list("last_activity_at", flat=True)
        .first()
    )
    if latest is not None:
        post.last_activity_at = latest
    repliers = set(
        Reply.objects.filter(post=post, deleted_at__isnull=True).values_list("author_id", flat=True)
    )
    reactors = set(Reaction.objects.filter(post=post).values_list("user_id", flat=True))
    post.people_count = len({post.author_id} | repliers | reactors)
    post.reply_count = Reply.objects.filter(post=post, deleted_at__isnull=True).count()
    post.reaction_count = Reaction.objects.filter(post=post).count()
    post.last_activity_at = max(post.last_activity_at, at)
    post.hot_score = _hot_score(post.last_activity_at, post.people_count)
    post.save(
        update_fields=["people_count", "reply_count", "reaction_count", "last_activity_at", "hot_score"]
    )


def _department(value: Any) -> Department | None:
    if value in (None, "", 0):
        return None
    if isinstance(value, Department):
        return value
    try:
        return Department.objects.get(pk=int(value))
    except (Department.DoesNotExist, ValueError, TypeError) as exc:
        raise ValidationError({"department": "Choose a department from the list."}) from exc


def mentioned_people(text: str, *, exclude: Iterable[int] = ()) -> list[User]:
    """People named as @handle (the part of their email before the @) in `text`, at most ten."""
    handles = list(dict.fromkeys(h.lower().rstrip(".") for h in _MENTION.findall(text or "")))[:10]
    if not handles:
        return []
    q = Q()
    for handle in handles:
        q |= Q(email__istartswith=handle + "@")
    return list(User.objects.filter(q, is_active=True).exclude(pk__in=list(exclude)))


def _check_prompts(actor: User, prompt_ids: Sequence[int]) -> list[int]:
    ids = list(dict.fromkeys(int(p) for p in prompt_ids))[:10]
    if ids and visible_prompts(actor).filter(pk__in=ids).count() != len(ids):
        raise ValidationError({"prompt_ids": "Link only to library prompts you can see."})
    return ids


_TAG = re.compile(r"(<[^>]+>)")


def render_with_mentions(text: str) -> str:
    """Sanitised HTML of `text` where each @handle of a real person links to their profile (not in code)."""
    html = render(text)
    people = {handle_of(p).lower(): p for p in mentioned_people(text)}
    if not people:
        return html
    out, skip = [], 0
    for part in _TAG.split(html):
        if part.startswith("<"):
            name = part.strip("</>").split()[0].lower() if part.strip("</>") else ""
            if name in ("code", "pre", "a"):
                skip += -1 if part.startswith("</") else 1
            out.append(part)
        elif skip > 0:
            out.append(part)
        else:

            def link(m: re.Match[str]) -> str:
                person = people.get(m.group(1).lower().rstrip("."))
                if person is None:
                    return m.group(0)
                return f'<a href="{person.get_absolute_url()}">@{m.group(1)}</a>'

            out.append(_MENTION.sub(link, part))
    return sanitize("".join(out))


def handle_of(user: User) -> str:
    return user.email.split("@", 1)[0]


def _notify(
    *, recipient: User, kind: NotificationKind, text: str, url: str, actor: User | None, space: Any = None
) -> None:
    """`space`: the post's space (a private one tells only its members)."""
    notify(recipient=recipient, kind=kind, text=text, url=url, actor=actor, space=space)


def _who(post: Post, user: User) -> tuple[str, User | None]:
    """How `user` is named in notifications about `post`: nobody, when they are its anonymous author."""
    if post.anonymous and user.pk == post.author_id:
        return "Someone", None
    return user.name, user
