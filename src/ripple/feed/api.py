"""The feed endpoints under /api/v1: posts, replies, reactions, answers, similar questions and kudos.
Same actions and selectors as the pages; an anonymous post's `author` is null for
everyone but its author."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Router, Schema

from ripple.feed import access, actions, selectors, sensitive
from ripple.feed.models import Kudos, Post, Reply
from ripple.people.models import User

router = Router(tags=["feed"])


class PersonRef(Schema):
    id: int
    name: str
    url: str

    @staticmethod
    def resolve_url(obj: User) -> str:
        return obj.get_absolute_url()


class PostOut(Schema):
    id: int
    kind: str
    title: str
    body: str
    body_html: str
    url: str
    author: PersonRef | None
    anonymous: bool
    accepted_reply: int | None
    reply_count: int
    reaction_count: int
    department: str | None
    topics: list[str]
    tool: str
    minutes_saved: int
    fail_asked: str
    fail_wrong: str
    fail_noticed: str
    fail_lesson: str
    prompt_ids: list[int]
    promoted_prompt_id: int | None
    state: str
    locked: bool
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_url(obj: Post) -> str:
        return obj.get_absolute_url()

    @staticmethod
    def resolve_author(obj: Post) -> User | None:
        # Fails closed: only posts passed through selectors.present() carry `shown_author`.
        return getattr(obj, "shown_author", None)

    @staticmethod
    def resolve_accepted_reply(obj: Post) -> int | None:
        return obj.accepted_reply_id

    @staticmethod
    def resolve_department(obj: Post) -> str | None:
        return obj.department.name if obj.department else None

    @staticmethod
    def resolve_topics(obj: Post) -> list[str]:
        return list(getattr(obj, "topic_names", []))

    @staticmethod
    def resolve_prompt_ids(obj: Post) -> list[int]:
        # Fails closed: only the linked prompts the viewer may see, set by _with_prompts().
        return list(getattr(obj, "visible_prompt_ids", []))

    @staticmethod
    def resolve_promoted_prompt_id(obj: Post) -> int | None:
        promoted = obj.promoted_prompt_id
        return promoted if promoted in getattr(obj, "visible_prompt_ids", []) else None


class PostPage(Schema):
    items: list[PostOut]
    next: str | None


class PostIn(Schema):
    kind: str
    title: str
    body: str = ""
    tool: str = ""
    minutes_saved: int = 0
    fail_asked: str = ""
    fail_wrong: str = ""
    fail_noticed: str = ""
    fail_lesson: str = ""
    anonymous: bool = False
    department_id: int | None = None
    topics: list[str] = []
    prompt_ids: list[int] = []
    redact: bool = False


class PostPatch(Schema):
    title: str | None = None
    body: str | None = None
    tool: str | None = None
    minutes_saved: int | None = None
    fail_asked: str | None = None
    fail_wrong: str | None = None
    fail_noticed: str | None = None
    fail_lesson: str | None = None
    topics: list[str] | None = None


class ReplyIn(Schema):
    body: str
    parent_id: int | None = None


class ReplyOut(Schema):
    id: int
    post_id: int
    parent_id: int | None
    body: str
    body_html: str
    author: PersonRef | None
    created_at: datetime

    @staticmethod
    def resolve_author(obj: Reply) -> User | None:
        return getattr(obj, "shown_author", None)


class ReactionIn(Schema):
    emoji: str


class ReactionsOut(Schema):
    emoji: str
    reacted: bool
    counts: dict[str, int]


class AcceptIn(Schema):
    reply_id: int


class SimilarOut(Schema):
    id: int
    title: str
    url: str
    answered: bool
    reply_count: int
    snippet: str


class KudosIn(Schema):
    to: list[int]
    message: str
    post_id: int | None = None
    prompt_id: int | None = None


class KudosOut(Schema):
    id: int
    giver: PersonRef
    to: list[PersonRef]
    message: str
    post_id: int | None
    prompt_id: int | None
    created_at: datetime

    @staticmethod
    def resolve_to(obj: Kudos) -> list[User]:
        return list(obj.recipients.all())

    @staticmethod
    def resolve_prompt_id(obj: Kudos) -> int | None:
        # Fails closed: the prompt only when the viewer may see it, set by _with_kudos_prompts().
        return getattr(obj, "visible_prompt_id", None)


class KudosPage(Schema):
    items: list[KudosOut]
    next: str | None


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # noqa: S101 - the API's auth guarantees a signed-in person
    return user


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
    post = Post.objects.select_related("author", "department").get(pk=post.pk)
    selectors.present([post], viewer)
    _with_prompts([post], viewer)
    return post


def _limit(limit: int) -> int:
    return max(1, min(limit, 100))


@router.get("/posts", response=PostPage, summary="The feed: newest or hot posts, with filters")
def list_posts(
    request: HttpRequest,
    sort: str = "new",
    kind: str = "",
    topic: str = "",
    department: int | None = None,
    following: bool = False,
    anonymous: bool | None = None,
    search: str = "",
    cursor: str | None = None,
    limit: int = 20,
) -> dict[str, Any]:
    page = selectors.feed_page(
        viewer=_user(request), sort=sort, kind=kind, topic=topic[:40], department_id=department,
        following=following, anonymous=anonymous, search_text=search[:200], cursor=cursor, size=_limit(limit),
    )  # fmt: skip
    return {"items": _with_prompts(page.items, _user(request)), "next": page.next_cursor}


@router.post(
    "/posts", response={201: PostOut}, summary="Share a post (anonymous is for questions and AI fails)"
)
def create_post(request: HttpRequest, payload: PostIn) -> tuple[int, Post]:
    user = _user(request)
    data = payload.dict()
    redact = data.pop("redact")
    department_id = data.pop("department_id")
    if redact:
        for field in ("title", "body", "fail_asked", "fail_wrong", "fail_noticed", "fail_lesson"):
            data[field] = sensitive.redact(data[field])
    post = actions.post_create(actor=user, department=department_id, **data)
    return 201, _present(post, user)


@router.get("/posts/similar", response=list[SimilarOut], summary="Questions already asked that match a title")
def similar_posts(request: HttpRequest, title: str = "", limit: int = 5) -> list[dict[str, Any]]:
    results = selectors.similar_questions(
        viewer=_user(request), title=title[:200], limit=max(1, min(limit, 20))
    )
    return [
        {"id": s.post.pk, "title": s.post.title, "url": s.post.get_absolute_url(), "snippet": s.snippet,
         "answered": s.post.accepted_reply_id is not None, "reply_count": s.post.reply_count}
        for s in results
    ]  # fmt: skip


@router.get("/posts/{post_id}", response=PostOut, summary="One post")
def get_post(request: HttpRequest, post_id: int) -> Post:
    user = _user(request)
    return _present(access.access_post(user, post_id), user)


@router.patch("/posts/{post_id}", response=PostOut, summary="Edit your post (the old version is kept)")
def patch_post(request: HttpRequest, post_id: int, payload: PostPatch) -> Post:
    user = _user(request)
    post = access.access_post(user, post_id)
    post = actions.post_update(actor=user, post=post, **payload.dict(exclude_unset=True))
    return _present(post, user)


@router.delete("/posts/{post_id}", response={204: None}, summary="Delete a post (author or moderator)")
def delete_post(request: HttpRequest, post_id: int) -> tuple[int, None]:
    user = _user(request)
    actions.post_delete(actor=user, post=access.access_post(user, post_id))
    return 204, None


@router.get(
    "/posts/{post_id}/replies", response=list[ReplyOut], summary="A post's replies, threads flattened"
)
def list_replies(request: HttpRequest, post_id: int) -> list[Reply]:
    user = _user(request)
    post = access.access_post(user, post_id)
    out: list[Reply] = []
    for thread in selectors.post_threads(viewer=user, post=post):
        out += [thread.reply, *thread.children]
    return out


@router.post("/posts/{post_id}/replies", response={201: ReplyOut}, summary="Reply to a post")
def create_reply(request: HttpRequest, post_id: int, payload: ReplyIn) -> tuple[int, Reply]:
    user = _user(request)
    post = access.access_post(user, post_id)
    parent = access.access_reply(user, post, payload.parent_id) if payload.parent_id else None
    reply = actions.reply_create(actor=user, post=post, body=payload.body, parent=parent)
    reply.shown_author = user  # type: ignore[attr-defined]
    return 201, reply


@router.post("/posts/{post_id}/reactions", response=ReactionsOut, summary="React (reacting twice is a no-op)")
def react(request: HttpRequest, post_id: int, payload: ReactionIn) -> dict[str, Any]:
    user = _user(request)
    post = access.access_post(user, post_id)
    actions.reaction_set(actor=user, post=post, emoji=payload.emoji, on=True)
    counts = {r["emoji"]: r["count"] for r in selectors.reaction_summary(post, user)}
    return {"emoji": payload.emoji, "reacted": True, "counts": counts}


@router.delete("/posts/{post_id}/reactions/{emoji}", response=ReactionsOut, summary="Take a reaction back")
def unreact(request: HttpRequest, post_id: int, emoji: str) -> dict[str, Any]:
    user = _user(request)
    post = access.access_post(user, post_id)
    actions.reaction_set(actor=user, post=post, emoji=emoji, on=False)
    counts = {r["emoji"]: r["count"] for r in selectors.reaction_summary(post, user)}
    return {"emoji": emoji, "reacted": False, "counts": counts}


@router.post("/posts/{post_id}/accept", response=PostOut, summary="Accept an answer on your question")
def accept(request: HttpRequest, post_id: int, payload: AcceptIn) -> Post:
    user = _user(request)
    post = access.access_post(user, post_id)
    try:
        reply = access.access_reply(user, post, payload.reply_id)
    except Exception as exc:
        raise ValidationError({"reply_id": "That reply is not an answer on this question."}) from exc
    actions.answer_accept(actor=user, post=post, reply=reply)
    return _present(post, user)


@router.post(
    "/posts/{post_id}/promote", response={201: dict}, summary="Promote a tip, win or accepted answer"
)
def promote(request: HttpRequest, post_id: int) -> tuple[int, Any]:
    user = _user(request)
    post = access.access_post(user, post_id)
    prompt = actions.post_promote(actor=user, post=post)
    from ripple.library.schemas import PromptOut

    return 201, PromptOut.from_orm(prompt, context={"request": request}).dict()


@router.get("/kudos", response=KudosPage, summary="Kudos, newest first")
def list_kudos(
    request: HttpRequest, person: int | None = None, cursor: str | None = None, limit: int = 20
) -> dict[str, Any]:
    who = User.objects.filter(pk=person).first() if person else None
    if person and who is None:
        return {"items": [], "next": None}
    page = selectors.kudos_page(cursor=cursor, size=_limit(limit), person=who)
    return {"items": _with_kudos_prompts(page.items, _user(request)), "next": page.next_cursor}


@router.post("/kudos", response={201: KudosOut}, summary="Give kudos to one or more people")
def give_kudos(request: HttpRequest, payload: KudosIn) -> tuple[int, Kudos]:
    user = _user(request)
    people = list(User.objects.filter(pk__in=payload.to))
    if len(people) != len(set(payload.to)):
        raise ValidationError({"to": "Some of those people do not exist."})
    post = access.access_post(user, payload.post_id) if payload.post_id else None
    kudos = actions.kudos_give(
        actor=user, recipients=people, message=payload.message, post=post, prompt_id=payload.prompt_id
    )
    created = Kudos.objects.select_related("giver").prefetch_related("recipients").get(pk=kudos.pk)
    return 201, _with_kudos_prompts([created], user)[0]
