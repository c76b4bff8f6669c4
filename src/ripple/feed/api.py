"""The feed endpoints under /api/v1: posts, replies, reactions, answers, similar questions and kudos.
Same actions and selectors as the pages; an anonymous post's `author` is null for
everyone but its author."""

from __future__ import annotations

from typing import Annotated, Any

from django.core.exceptions import ValidationError
from ninja import Body, Query, Router

from ripple.core.api import Id, Page, Text, clamp, errors
from ripple.feed import access, actions, selectors, sensitive
from ripple.feed.models import Kudos, Post, Reply
from ripple.feed.schemas import (
    AcceptIn,
    KudosIn,
    KudosOut,
    KudosQuery,
    PostIn,
    PostOut,
    PostPatch,
    PostQuery,
    PromoteIn,
    ReactionIn,
    ReactionsOut,
    ReplyIn,
    ReplyOut,
    SimilarOut,
    SimilarQuery,
)
from ripple.library.schemas import PromptOut
from ripple.people import selectors as people
from ripple.people.http import AuthedRequest
from ripple.people.models import User

router = Router(tags=["feed"])


def _with_prompts(posts: list[Post], viewer: User) -> list[Post]:
    """Give each post the ids of its linked prompts that `viewer` may see (one query for them all)."""
    wanted = [pk for p in posts for pk in (*p.prompt_ids, p.promoted_prompt_id) if pk]
    visible = selectors.visible_prompt_ids(viewer=viewer, ids=wanted)
    for post in posts:
        post.visible_prompt_ids = [pk for pk in post.prompt_ids if pk in visible]  # type: ignore[attr-defined]
    return posts


def _with_kudos_prompts(kudos: list[Kudos], viewer: User) -> list[Kudos]:
    visible = selectors.visible_prompt_ids(viewer=viewer, ids=[k.prompt_id for k in kudos if k.prompt_id])
    for k in kudos:
        k.visible_prompt_id = k.prompt_id if k.prompt_id in visible else None  # type: ignore[attr-defined]
    return kudos


def _present(post: Post, viewer: User) -> Post:
    post = selectors.presented_post(viewer=viewer, post_id=post.pk)
    _with_prompts([post], viewer)
    selectors.with_spaces([post], viewer)
    return post


@router.get(
    "/posts", response={200: Page[PostOut], **errors()}, summary="The feed: newest or hot posts, with filters"
)
def list_posts(request: AuthedRequest, params: Query[PostQuery]) -> dict[str, Any]:
    user = request.user
    page = selectors.feed_page(
        viewer=user, sort=params.sort, kind=params.kind, topic=params.topic[:40],
        department_id=params.department, space_id=params.space, following=params.following,
        anonymous=params.anonymous, search_text=params.search[:200], cursor=params.cursor,
        size=clamp(params.limit),
    )  # fmt: skip
    selectors.with_spaces(page.items, user)
    return {"items": _with_prompts(page.items, user), "next": page.next_cursor}


@router.post(
    "/posts",
    response={201: PostOut, **errors(403, 404)},
    summary="Share a post (anonymous is for questions and AI fails)",
    description="Text that looks like a secret or personal data (API keys, tokens, emails, phone or card "
    'numbers) is refused with 422 naming the field, unless you send `"redact": true` (replaced by '
    'placeholders) or `"allow_sensitive": true` (posted as is). `space_id` posts to a community or '
    "cohort: 404 when it is not one you may read, 403 when you may read it but are not a member.",
)
def create_post(request: AuthedRequest, payload: PostIn) -> tuple[int, Post]:
    user = request.user
    data = payload.dict()
    redact, allow = data.pop("redact"), data.pop("allow_sensitive")
    department_id, space_id = data.pop("department_id"), data.pop("space_id")
    space = None if space_id is None else access.access_space(user, space_id)  # 404: not one you may read
    fields = ("title", "body", "fail_asked", "fail_wrong", "fail_noticed", "fail_lesson")
    if redact:
        for field in fields:
            data[field] = sensitive.redact(data[field])
    elif not allow and (found := sensitive.problems({f: data[f] for f in fields})):
        hint = ' Send "redact": true to replace it with a placeholder, or "allow_sensitive": true to post it.'
        raise ValidationError({field: problem + hint for field, problem in found.items()})
    post = actions.post_create(actor=user, department=department_id, space=space, **data)  # 403: not a member
    return 201, _present(post, user)


@router.get(
    "/posts/similar",
    response={200: list[SimilarOut], **errors()},
    summary="Questions already asked that match a title",
)
def similar_posts(request: AuthedRequest, params: Query[SimilarQuery]) -> list[dict[str, Any]]:
    results = selectors.similar_questions(
        viewer=request.user, title=params.title[:200], limit=clamp(params.limit, upper=20)
    )
    return [
        {"id": s.post.pk, "title": s.post.title, "url": s.post.get_absolute_url(), "snippet": s.snippet,
         "answered": s.post.accepted_reply_id is not None, "reply_count": s.post.reply_count}
        for s in results
    ]  # fmt: skip


@router.get("/posts/{post_id}", response={200: PostOut, **errors(404)}, summary="One post")
def get_post(request: AuthedRequest, post_id: Id) -> Post:
    return _present(access.access_post(request.user, post_id), request.user)


@router.patch(
    "/posts/{post_id}",
    response={200: PostOut, **errors(403, 404)},
    summary="Edit your post (the old version is kept)",
    description="Send only the fields to change: a field left out is kept, `null` clears it (not the title).",
)
def patch_post(request: AuthedRequest, post_id: Id, payload: PostPatch) -> Post:
    user = request.user
    post = access.access_post(user, post_id)
    post = actions.post_update(actor=user, post=post, **payload.dict(exclude_unset=True))
    return _present(post, user)


@router.delete(
    "/posts/{post_id}",
    response={204: None, **errors(403, 404)},
    summary="Delete a post (author or moderator)",
)
def delete_post(request: AuthedRequest, post_id: Id) -> tuple[int, None]:
    user = request.user
    actions.post_delete(actor=user, post=access.access_post(user, post_id))
    return 204, None


@router.get(
    "/posts/{post_id}/replies",
    response={200: list[ReplyOut], **errors(404)},
    summary="A post's replies, threads flattened",
)
def list_replies(request: AuthedRequest, post_id: Id) -> list[Reply]:
    user = request.user
    post = access.access_post(user, post_id)
    out: list[Reply] = []
    for thread in selectors.post_threads(viewer=user, post=post):
        out += [thread.reply, *thread.children]
    return out


@router.post(
    "/posts/{post_id}/replies", response={201: ReplyOut, **errors(403, 404)}, summary="Reply to a post"
)
def create_reply(request: AuthedRequest, post_id: Id, payload: ReplyIn) -> tuple[int, Reply]:
    user = request.user
    post = access.access_post(user, post_id)
    parent = access.access_reply(user, post, payload.parent_id) if payload.parent_id else None
    reply = actions.reply_create(actor=user, post=post, body=payload.body, parent=parent)
    reply.shown_author = user  # type: ignore[attr-defined]
    return 201, reply


@router.post(
    "/posts/{post_id}/reactions",
    response={200: ReactionsOut, **errors(403, 404)},
    summary="React (reacting twice is a no-op)",
)
def react(request: AuthedRequest, post_id: Id, payload: ReactionIn) -> dict[str, Any]:
    user = request.user
    post = access.access_post(user, post_id)
    actions.reaction_set(actor=user, post=post, emoji=payload.emoji, on=True)
    counts = {r["emoji"]: r["count"] for r in selectors.reaction_summary(post, user)}
    return {"emoji": payload.emoji, "reacted": True, "counts": counts}


@router.delete(
    "/posts/{post_id}/reactions/{emoji}",
    response={200: ReactionsOut, **errors(403, 404)},
    summary="Take a reaction back",
)
def unreact(request: AuthedRequest, post_id: Id, emoji: Text) -> dict[str, Any]:
    user = request.user
    post = access.access_post(user, post_id)
    actions.reaction_set(actor=user, post=post, emoji=emoji, on=False)
    counts = {r["emoji"]: r["count"] for r in selectors.reaction_summary(post, user)}
    return {"emoji": emoji, "reacted": False, "counts": counts}


@router.post(
    "/posts/{post_id}/accept",
    response={200: PostOut, **errors(403, 404)},
    summary="Accept an answer on your question",
)
def accept(request: AuthedRequest, post_id: Id, payload: AcceptIn) -> Post:
    user = request.user
    post = access.access_post(user, post_id)
    try:
        reply = access.access_reply(user, post, payload.reply_id)
    except Exception as exc:
        raise ValidationError({"reply_id": "That reply is not an answer on this question."}) from exc
    actions.answer_accept(actor=user, post=post, reply=reply)
    return _present(post, user)


@router.post(
    "/posts/{post_id}/promote",
    response={201: PromptOut, **errors(403, 404)},
    summary="Promote a tip, win or accepted answer into the library: returns the new prompt",
)
def promote(
    request: AuthedRequest, post_id: Id, payload: Annotated[PromoteIn, Body(default_factory=PromoteIn)]
) -> tuple[int, Any]:
    user = request.user
    post = access.access_post(user, post_id)
    changes = payload.dict(exclude_none=True)
    if "tags" in changes:
        changes["tags"] = ",".join(changes["tags"])
    return 201, actions.post_promote(actor=user, post=post, **changes)


@router.get("/kudos", response={200: Page[KudosOut], **errors()}, summary="Kudos, newest first")
def list_kudos(request: AuthedRequest, params: Query[KudosQuery]) -> dict[str, Any]:
    who = None
    if params.person is not None:
        who = next(iter(people.people_by_ids([params.person])), None)
        if who is None:
            return {"items": [], "next": None}
    page = selectors.kudos_page(cursor=params.cursor, size=clamp(params.limit), person=who)
    return {"items": _with_kudos_prompts(page.items, request.user), "next": page.next_cursor}


@router.post(
    "/kudos", response={201: KudosOut, **errors(403, 404)}, summary="Give kudos to one or more people"
)
def give_kudos(request: AuthedRequest, payload: KudosIn) -> tuple[int, Kudos]:
    user = request.user
    recipients = people.people_by_ids(payload.to)
    if len(recipients) != len(set(payload.to)):
        raise ValidationError({"to": "Some of those people do not exist."})
    post = access.access_post(user, payload.post_id) if payload.post_id else None
    kudos = actions.kudos_give(
        actor=user, recipients=recipients, message=payload.message, post=post, prompt_id=payload.prompt_id
    )
    return 201, _with_kudos_prompts([selectors.kudos_one(kudos.pk)], user)[0]
