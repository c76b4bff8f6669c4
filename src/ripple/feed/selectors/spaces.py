"""The spaces (communities, cohorts) the feed names: its community filter, the composer's "Post to"
choices, and the API's `space` on a post — only spaces the viewer may read (ADR 0014)."""

from __future__ import annotations

from typing import Any

from ripple.feed.models import Post
from ripple.people.models import User
from ripple.spaces import access as space_access
from ripple.spaces import selectors as space_selectors

SPACES_LISTED = 200
"""At most this many spaces in the feed's community filter and the composer's "Post to" (an
organization has dozens)."""


def readable_spaces(*, viewer: User) -> list[Any]:
    """The communities and cohorts whose posts `viewer` may read — open ones and private ones they are a
    member of — communities first, then by name (the feed's community filter). One query."""
    qs = space_access.readable_spaces(viewer).only("id", "name", "kind")
    return list(qs.order_by("-kind", "name", "id")[:SPACES_LISTED])  # "community" before "cohort"


def spaces_to_post_in(*, viewer: User) -> list[Any]:
    """The spaces `viewer` may post to (`spaces.access.can_post`: those they are a member of),
    communities first, then by name (the composer's "Post to" choices). One query."""
    qs = space_selectors.spaces_of(viewer).only("id", "name", "kind")
    return list(qs.order_by("-kind", "name", "id")[:SPACES_LISTED])


def with_spaces(posts: list[Post], viewer: User) -> list[Post]:
    """Set `shown_space` on each post: its space when `viewer` may read it, else None (the API's
    `space`). Posts reach here through `_listed` or `access.access_post`, so every space is readable;
    this fails closed anyway. One query when some post is in a private space, none otherwise."""
    private = {p.space.pk for p in posts if p.space is not None and p.space.is_private}
    readable: set[int] = set()
    if private:
        readable = set(
            space_access.readable_spaces(viewer).filter(pk__in=private).values_list("pk", flat=True)
        )
    for p in posts:
        shown = p.space is not None and (not p.space.is_private or p.space.pk in readable)
        p.shown_space = p.space if shown else None  # type: ignore[attr-defined]
    return posts
