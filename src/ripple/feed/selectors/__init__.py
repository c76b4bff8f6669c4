"""Reads for the sharing space. Each page costs a fixed number of queries, however many rows it shows."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet, Sum
from django.utils import timezone

from ripple.core import search
from ripple.core.pagination import Page, paginate
from ripple.feed import access
from ripple.feed.models import (
    EMOJI_GLYPHS,
    POST_SEARCH,
    Emoji,
    Follow,
    Kudos,
    ModerationLog,
    Post,
    PostKind,
    PostState,
    Reaction,
    Reply,
    Report,
    Topic,
    TopicFollow,
)
from ripple.feed.selectors import cards
from ripple.feed.selectors.promotion import promotion_draft as promotion_draft
from ripple.feed.selectors.similar import SIMILAR_CANDIDATES as SIMILAR_CANDIDATES
from ripple.feed.selectors.similar import Similar as Similar
from ripple.feed.selectors.similar import similar_questions as similar_questions
from ripple.feed.selectors.spaces import readable_spaces as readable_spaces
from ripple.feed.selectors.spaces import spaces_to_post_in as spaces_to_post_in
from ripple.feed.selectors.spaces import with_spaces as with_spaces
from ripple.people.models import User
from ripple.spaces import access as space_access

SORTS = ("new", "hot")


def present(posts: list[Post], viewer: User) -> list[Post]:
    """Set what a card shows: `shown_author` (None when the viewer may not know it), `is_mine`,
    `my_reactions`, `reactions_given` (the emoji people gave, with counts), `topic_names` and `excerpt`.
    Two queries, however many posts."""
    ids = [p.pk for p in posts]
    topic_names: dict[int, list[str]] = {}
    if ids:
        rows = Post.topics.through.objects.filter(post_id__in=ids).values_list("post_id", "topic__name")
        for post_id, name in rows.order_by("topic__name"):
            topic_names.setdefault(post_id, []).append(name)
    given = cards.reactions_by_post(ids, viewer)
    for p in posts:
        p.shown_author = p.author if access.shows_author(viewer, p) else None  # type: ignore[attr-defined]
        p.is_mine = p.author_id == viewer.pk  # type: ignore[attr-defined]
        p.reactions_given = given.get(p.pk, [])  # type: ignore[attr-defined]
        p.my_reactions = {r["emoji"] for r in p.reactions_given if r["mine"]}  # type: ignore[attr-defined]
        p.topic_names = topic_names.get(p.pk, [])  # type: ignore[attr-defined]
        p.excerpt = cards.excerpt(p.body_html)  # type: ignore[attr-defined]
    return posts


def _listed(viewer: User) -> QuerySet[Post]:
    """Live posts `viewer` may read (a private space's only for its members: ADR 0014)."""
    return Post.objects.filter(Q(state=PostState.LIVE) & space_access.readable_q(viewer)).select_related(
        "author__department", "department", "space"
    )


def presented_post(*, viewer: User, post_id: int) -> Post:
    """One post (already access-checked by the caller), loaded and presented for `viewer`."""
    post = Post.objects.select_related("author__department", "department", "space").get(pk=post_id)
    return present([post], viewer)[0]


def feed_page(
    *,
    viewer: User,
    sort: str = "new",
    kind: str = "",
    topic: str = "",
    department_id: int | None = None,
    space_id: int | None = None,
    following: bool = False,
    anonymous: bool | None = None,
    search_text: str = "",
    cursor: str | None = None,
    size: int = 20,
) -> Page[Post]:
    """Live posts, newest or hot first, narrowed by kind, topic, department, space (a community's or
    cohort's: only among those the viewer may read), following, search. 3 queries."""
    qs = _listed(viewer)
    if kind in PostKind.values:
        qs = qs.filter(kind=kind)
    if topic:
        qs = qs.filter(topics__name=topic.strip().lower())
    if department_id:
        qs = qs.filter(department_id=department_id)
    qs = _in_space(qs, space_id)
    if anonymous is not None:
        qs = qs.filter(anonymous=anonymous)
    if following:
        qs = qs.filter(pk__in=Follow.objects.filter(user=viewer).values("post_id"))
    if search_text.strip():
        qs = qs.filter(pk__in=search.matching(Post.objects.all(), POST_SEARCH, search_text).values("pk"))
    ordering = ("-hot_score", "-id") if sort == "hot" else ("-created_at", "-id")
    page = paginate(qs, ordering=ordering, cursor=cursor, size=size)
    present(page.items, viewer)
    return page


def _in_space(qs: QuerySet[Post], space_id: int | None) -> QuerySet[Post]:
    """Narrowed to one space (among those `_listed` already lets the viewer read), or as it is."""
    return qs.filter(space_id=space_id) if space_id else qs


def unanswered_page(
    *, viewer: User, space_id: int | None = None, cursor: str | None = None, size: int = 20
) -> Page[Post]:
    """Live questions nobody has replied to yet, newest first (in one space, with `space_id`)."""
    qs = _in_space(_listed(viewer), space_id).filter(kind=PostKind.QUESTION, reply_count=0)
    page = paginate(qs, ordering=("-created_at", "-id"), cursor=cursor, size=size)
    present(page.items, viewer)
    return page


def unsolved_page(
    *, viewer: User, space_id: int | None = None, cursor: str | None = None, size: int = 20
) -> Page[Post]:
    """Live questions without an accepted answer (replied to or not), newest first (in one space, with
    `space_id`)."""
    qs = _in_space(_listed(viewer), space_id).filter(kind=PostKind.QUESTION, accepted_reply__isnull=True)
    page = paginate(qs, ordering=("-created_at", "-id"), cursor=cursor, size=size)
    present(page.items, viewer)
    return page


def questions_i_could_answer(*, viewer: User, space_id: int | None = None, limit: int = 20) -> list[Post]:
    """Unsolved questions ranked by how well they match the viewer's skills, with a bonus for their own
    department (one skill word matched outweighs the department); then department ones, then the rest
    (in one space, with `space_id`). Each carries `why`: the skills it mentions ("You listed Excel"),
    or the department."""
    base = _in_space(_listed(viewer), space_id).filter(kind=PostKind.QUESTION, accepted_reply__isnull=True)
    base = base.exclude(author=viewer)
    since = timezone.now() - timedelta(days=120)
    skills = " ".join(viewer.skill_list)
    ranked: list[Post] = []
    if skills:
        candidates = list(
            search.matching(base.filter(created_at__gte=since), POST_SEARCH, skills).order_by(
                "-search_rank", "-created_at"
            )[: limit * 3]
        )
        home = viewer.department_id

        def score(post: Post) -> float:
            rank = float(getattr(post, "search_rank", 0.0))
            return rank + (0.5 if home and post.department_id == home else 0.0)

        ranked = sorted(candidates, key=score, reverse=True)[:limit]  # stable: newest first among equals
    if len(ranked) < limit and viewer.department_id:
        seen = [p.pk for p in ranked]
        ranked += list(
            base.filter(department_id=viewer.department_id)
            .exclude(pk__in=seen)
            .order_by("-created_at", "-id")[: limit - len(ranked)]
        )
    if len(ranked) < limit:
        seen = [p.pk for p in ranked]
        ranked += list(base.exclude(pk__in=seen).order_by("-created_at", "-id")[: limit - len(ranked)])
    for post in ranked:
        post.why = cards.why_it_matches(post, viewer)  # type: ignore[attr-defined]
    return present(ranked, viewer)


def search_snippets(posts: Iterable[Post], text: str) -> dict[int, str]:
    """Highlighted body excerpts for found posts (never the author: only title and body are indexed)."""
    return search.snippets(POST_SEARCH, "body", [p.pk for p in posts], text)


@dataclass
class Thread:
    reply: Reply
    children: list[Reply] = field(default_factory=list)


def post_threads(*, viewer: User, post: Post) -> list[Thread]:
    """Replies of `post` as one-level threads, the accepted answer first. One query, however many replies."""
    replies = list(
        Reply.objects.filter(post=post, deleted_at__isnull=True)
        .select_related("author", "author__department")
        .order_by("created_at", "id")
    )
    threads: dict[int, Thread] = {}
    order: list[Thread] = []
    for r in replies:
        r.by_anonymous_author = post.anonymous and r.author_id == post.author_id  # type: ignore[attr-defined]
        r.shown_author = (  # type: ignore[attr-defined]
            None if r.by_anonymous_author and viewer.pk != post.author_id else r.author  # type: ignore[attr-defined]
        )
        r.is_accepted = r.pk == post.accepted_reply_id  # type: ignore[attr-defined]
        if r.parent_id and r.parent_id in threads:
            threads[r.parent_id].children.append(r)
        else:
            threads[r.pk] = Thread(reply=r)
            order.append(threads[r.pk])
    order.sort(key=lambda t: 0 if t.reply.pk == post.accepted_reply_id else 1)
    return order


def reaction_summary(post: Post, viewer: User) -> list[dict[str, Any]]:
    """Each reaction with its count and whether the viewer gave it. One query."""
    counts: dict[str, int] = {}
    mine: set[str] = set()
    for emoji, user_id in Reaction.objects.filter(post=post).values_list("emoji", "user_id"):
        counts[emoji] = counts.get(emoji, 0) + 1
        if user_id == viewer.pk:
            mine.add(emoji)
    return [
        {"emoji": e.value, "glyph": EMOJI_GLYPHS[e.value], "label": e.label, "count": counts.get(e.value, 0),
         "mine": e.value in mine}
        for e in Emoji
    ]  # fmt: skip


def is_following(post: Post, viewer: User) -> bool:
    return Follow.objects.filter(post=post, user=viewer).exists()


def revisions(post: Post) -> list[Any]:
    return list(post.revisions.select_related("editor")[:50])


def topics(limit: int = 30) -> list[str]:
    return list(Topic.objects.order_by("name").values_list("name", flat=True)[:limit])


def people_for_mention(*, prefix: str, limit: int = 8) -> list[User]:
    """Active people whose name or email starts with `prefix`, for @mention autocomplete."""
    prefix = prefix.strip().lstrip("@")
    if not prefix:
        return []
    return list(
        User.objects.filter(Q(name__istartswith=prefix) | Q(email__istartswith=prefix), is_active=True)
        .select_related("department")
        .order_by("name", "id")[:limit]
    )


def recent_posts_by(*, viewer: User, author: User, limit: int = 5) -> list[Post]:
    """`author`'s latest live posts for a profile; anonymous ones are never listed, not even to them."""
    posts = list(
        _listed(viewer).filter(author=author, anonymous=False).order_by("-created_at", "-id")[:limit]
    )
    return present(posts, viewer)


# --- kudos --------------------------------------------------------------------------------------


def _kudos_qs() -> QuerySet[Kudos]:
    return Kudos.objects.select_related("giver__department", "post").prefetch_related(
        Prefetch("recipients", queryset=User.objects.select_related("department").order_by("name"))
    )


def kudos_one(kudos_id: int) -> Kudos:
    return _kudos_qs().get(pk=kudos_id)


def kudos_page(*, cursor: str | None = None, size: int = 20, person: User | None = None) -> Page[Kudos]:
    """Kudos, newest first (optionally those `person` received). 2 queries."""
    qs = _kudos_qs()
    if person is not None:
        qs = qs.filter(recipients=person)
    return paginate(qs, ordering=("-created_at", "-id"), cursor=cursor, size=size)


def recent_kudos(limit: int = 5) -> list[Kudos]:
    """The feed's sidebar: names and messages only (whole rows cost ~15 % of the feed page)."""
    recipients = User.objects.only("name").order_by("name")
    return list(
        Kudos.objects.select_related("giver")
        .only("message", "created_at", "giver__name")
        .prefetch_related(Prefetch("recipients", queryset=recipients))
        .order_by("-created_at", "-id")[:limit]
    )


# --- moderation ---------------------------------------------------------------------------------


def open_reports(viewer: User, limit: int = 100) -> list[Report]:
    """Unresolved reports, oldest first, for moderators (on posts they may read: a private space's
    reports go to its members who moderate)."""
    return list(
        Report.objects.filter(Q(resolved_at__isnull=True) & space_access.readable_q(viewer, "post__space"))
        .select_related("post", "reporter")
        .order_by("created_at", "id")[:limit]
    )


def removed_posts(*, viewer: User, limit: int = 50) -> list[Post]:
    """Hidden posts (for moderators) and deleted ones (for admins, who may restore them), newest first."""
    states = [PostState.HIDDEN, PostState.DELETED] if viewer.is_admin else [PostState.HIDDEN]
    posts = list(
        Post.objects.filter(Q(state__in=states) & space_access.readable_q(viewer))
        .select_related("author", "department")
        .order_by("-created_at", "-id")[:limit]
    )
    return present(posts, viewer)


def moderation_log(limit: int = 100) -> list[ModerationLog]:
    return list(ModerationLog.objects.select_related("actor", "post").order_by("-created_at", "-id")[:limit])


# --- digest -------------------------------------------------------------------------------------


@dataclass
class Digest:
    since: datetime
    wins: list[Post]
    minutes_saved: int
    prompts: list[Any]
    could_answer: list[Post]
    kudos: list[Kudos]


def _department_prompts(viewer: User, since: datetime) -> list[Any]:
    """New library prompts in the viewer's department that the viewer may see (empty without the library)."""
    from ripple.library.access import visible_prompts

    if not viewer.department_id:
        return []
    return list(
        visible_prompts(viewer)
        .filter(department_id=viewer.department_id, created_at__gte=since)
        .order_by("-created_at", "-id")[:5]
    )


def linked_prompts(*, viewer: User, post: Post) -> list[Any]:
    """The library prompts a post links to, those the viewer may see."""
    from ripple.library.access import visible_prompts

    if not post.prompt_ids:
        return []
    return list(visible_prompts(viewer).filter(pk__in=post.prompt_ids).order_by("title"))


def prompt_titles(*, viewer: User, ids: list[str]) -> dict[str, str]:
    """{id: title} of the library prompts among `ids` the viewer may see (the prompt picker's chips)."""
    from ripple.library.selectors import prompt_titles

    return prompt_titles(viewer=viewer, ids=ids)


def visible_prompt_ids(*, viewer: User, ids: Iterable[int]) -> set[int]:
    """Which of the library prompt `ids` the viewer may see (one query, none when there are no ids)."""
    from ripple.library.access import visible_prompts

    wanted = {int(pk) for pk in ids if pk is not None}
    if not wanted:
        return set()
    return set(visible_prompts(viewer).filter(pk__in=wanted).values_list("pk", flat=True))


def digest(viewer: User, since: datetime) -> Digest:
    """The sharing space's part of the weekly digest: only what `viewer` may see, anonymous authors
    unnamed (registered as a notifications digest section)."""
    recent = _listed(viewer).filter(created_at__gte=since)
    wins = list(
        _listed(viewer)
        .filter(kind=PostKind.WIN, created_at__gte=since)
        .order_by("-reaction_count", "-minutes_saved", "-id")[:5]
    )
    minutes = recent.filter(kind=PostKind.WIN).aggregate(total=Sum("minutes_saved"))["total"] or 0
    return Digest(
        since=since,
        wins=present(wins, viewer),
        minutes_saved=int(minutes),
        prompts=_department_prompts(viewer, since),
        could_answer=questions_i_could_answer(viewer=viewer, limit=5),
        kudos=list(_kudos_qs().filter(created_at__gte=since).order_by("-created_at", "-id")[:10]),
    )


# --- topics -------------------------------------------------------------------------------------


def _with_post_counts() -> QuerySet[Topic, Any]:
    return Topic.objects.annotate(
        # Counted for everyone alike: only posts everyone may read (a private space's stay uncounted).
        post_count=Count(
            "posts",
            filter=Q(posts__state=PostState.LIVE) & space_access.public_q("posts__space"),
            distinct=True,
        )
    )


def topics_to_follow(viewer: User, *, limit: int = 60) -> list[Topic]:
    """Topics with live posts, busiest first, each with `post_count` and `followed` (two queries)."""
    counted: QuerySet[Any] = _with_post_counts()
    topics = list(counted.filter(post_count__gt=0).order_by("-post_count", "name")[:limit])
    followed = set(TopicFollow.objects.filter(user=viewer).values_list("topic_id", flat=True))
    for topic in topics:
        topic.followed = topic.pk in followed
    return topics


def topic_card(viewer: User, topic_id: int) -> Topic:
    """One topic as `topics_to_follow` gives it (after following or unfollowing it)."""
    topic = _with_post_counts().get(pk=topic_id)
    topic.followed = TopicFollow.objects.filter(user=viewer, topic=topic).exists()
    return topic


def follows_two_topics(user: User) -> bool:
    """A first-day step: following at least two topics (one query)."""
    return TopicFollow.objects.filter(user=user).count() >= 2


def has_posted(user: User) -> bool:
    """A first-day step: a first post of any kind (one query)."""
    return Post.objects.filter(author=user).exclude(state=PostState.DELETED).exists()
