"""Every write in the sharing space. Keyword-only, atomic, permission-checked; side effects on commit."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from ripple.core import ledger
from ripple.core.markdown import render, sanitize
from ripple.core.registry import NotificationKind
from ripple.feed import access
from ripple.feed.kinds import Learned, Notice
from ripple.feed.models import (
    ANONYMOUS_KINDS,
    PROMOTABLE_KINDS,
    Emoji,
    Follow,
    Kudos,
    ModerationAction,
    ModerationLog,
    Post,
    PostKind,
    PostRevision,
    PostState,
    Reaction,
    Reply,
    Report,
    Topic,
)
from ripple.library import actions as library_actions
from ripple.library.access import access_prompt, visible_prompts
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


def _notify(*, recipient: Any, kind: NotificationKind, text: str, url: str, actor: Any | None) -> None:
    notify(recipient=recipient, kind=kind, text=text, url=url, actor=actor)


def _who(post: Post, user: User) -> tuple[str, User | None]:
    """How `user` is named in notifications about `post`: nobody, when they are its anonymous author."""
    if post.anonymous and user.pk == post.author_id:
        return "Someone", None
    return user.name, user


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
    at: datetime | None = None,
) -> Post:
    """Share a win, tip, question, AI fail or demo; the author follows it and @mentioned people hear of it."""
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
    for person in mentioned_people(compose_markdown(post), exclude=[actor.pk]):
        _notify(
            recipient=person,
            kind=Notice.MENTION,
            text=f"{name} mentioned you in “{post.title}”",
            url=post.get_absolute_url(),
            actor=shown_actor,
        )
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


@transaction.atomic
def post_moderate(*, actor: User, post: Post, action: str, note: str = "") -> Post:
    """Hide, restore, lock or unlock a post (facilitators and admins); every step is audited."""
    access.require(access.can_moderate(actor), "Only facilitators and admins can moderate posts.")
    if action == ModerationAction.HIDE:
        post.state = PostState.HIDDEN
    elif action == ModerationAction.RESTORE:
        if post.state == PostState.DELETED and not actor.is_admin:
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
    access.require(actor.is_admin, "Only admins can see who wrote an anonymous post.")
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
    )
    return post


# --- kudos --------------------------------------------------------------------------------------


@transaction.atomic
def kudos_give(
    *,
    actor: User,
    recipients: Sequence[User],
    message: str,
    post: Post | None = None,
    prompt_id: int | None = None,
    at: datetime | None = None,
) -> Kudos:
    """A public thank-you to one or more people; each recipient taught the giver something."""
    message = (message or "").strip()
    people = [p for p in dict.fromkeys(recipients) if p.pk != actor.pk]
    if not people:
        raise ValidationError({"to": "Choose at least one person other than yourself."})
    if len(people) > 20:
        raise ValidationError({"to": "Kudos can go to at most 20 people at once."})
    if any(not p.is_active for p in people):
        raise ValidationError({"to": "Kudos can only go to active members."})
    if not message:
        raise ValidationError({"message": "Say what you are thanking them for."})
    if len(message) > KUDOS_MAX:
        raise ValidationError(
            {"message": f"Keep it under {KUDOS_MAX:,} characters (it has {len(message):,})."}
        )
    if prompt_id is not None:
        access_prompt(actor, prompt_id)
    if post is not None and post.anonymous:
        # Public kudos naming the anonymous author (as giver or recipient) next to their post would unmask
        # them, and dropping the link only then would tell a guesser they were right: never link one.
        post = None
    now = at or timezone.now()
    kudos = Kudos.objects.create(giver=actor, message=message, post=post, prompt_id=prompt_id, created_at=now)
    kudos.recipients.set(people)
    for person in people:
        ledger.record(kind=Learned.KUDOS, learner=actor, source=person, obj=kudos, at=now)
        _notify(
            recipient=person,
            kind=Notice.KUDOS,
            text=f"{actor.name} gave you kudos: {message[:200]}",
            url=f"/feed/kudos/#kudos-{kudos.pk}",
            actor=actor,
        )
    return kudos


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
