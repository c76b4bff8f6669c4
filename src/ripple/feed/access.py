"""Who may see or change what in the sharing space. The one place for those rules."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from ripple.feed.models import Post, PostState, Reply
from ripple.people.models import User
from ripple.spaces import access as space_access


def visible_posts_filter(viewer: User) -> Q:
    """Live posts for everyone; hidden ones also for moderators and their author; deleted ones for admins;
    a post in a private space for its members only, admins included (ADR 0014)."""
    readable = space_access.readable_q(viewer, "space")
    q = Q(state=PostState.LIVE)
    if viewer.is_admin:
        return readable
    if viewer.is_facilitator:
        q |= Q(state=PostState.HIDDEN)
    return (q | Q(state=PostState.HIDDEN, author_id=viewer.pk)) & readable


def visible_posts(viewer: User) -> QuerySet[Post]:
    """Every post `viewer` may open."""
    return Post.objects.filter(visible_posts_filter(viewer))


def access_post(viewer: User, post_id: Any) -> Post:
    """The post, or 404 if it does not exist or `viewer` may not see it."""
    try:
        return visible_posts(viewer).select_related("author", "department").get(pk=int(post_id))
    except (Post.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("No such post.") from exc


def access_reply(viewer: User, post: Post, reply_id: Any) -> Reply:
    try:
        return Reply.objects.select_related("author").get(
            pk=int(reply_id), post=post, deleted_at__isnull=True
        )
    except (Reply.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("No such reply on this post.") from exc


def shows_author(viewer: User | None, post: Post) -> bool:
    """Whether `viewer` may know who wrote `post`: always, unless it is anonymous and not theirs."""
    return not post.anonymous or (viewer is not None and viewer.pk == post.author_id)


def can_edit(viewer: User, post: Post) -> bool:
    return post.author_id == viewer.pk and post.state == PostState.LIVE


def can_delete(viewer: User, post: Post) -> bool:
    return post.state != PostState.DELETED and (post.author_id == viewer.pk or viewer.is_facilitator)


def can_moderate(viewer: User) -> bool:
    return viewer.is_facilitator


def can_reveal(viewer: User) -> bool:
    """Only admins may see who wrote an anonymous post (and every reveal is audited)."""
    return viewer.is_admin


def can_restore_deleted(viewer: User) -> bool:
    """Deleted posts come back only by an admin; hidden ones by any moderator."""
    return viewer.is_admin


def can_accept(viewer: User, post: Post) -> bool:
    return post.kind == "question" and (post.author_id == viewer.pk or viewer.is_facilitator)


def can_promote(viewer: User, post: Post) -> bool:
    """The author, the author of the accepted answer, or a facilitator."""
    answerer_id = post.accepted_reply.author_id if post.accepted_reply_id and post.accepted_reply else None
    return viewer.pk in (post.author_id, answerer_id) or viewer.is_facilitator


def can_reply(viewer: User, post: Post) -> bool:
    return post.state == PostState.LIVE and (not post.locked or viewer.is_facilitator)


def require(condition: bool, message: str) -> None:
    if not condition:
        raise PermissionDenied(message)


def access_space(viewer: User, space_id: Any) -> Any:
    """The space a post is sent to by id (the API): 404 when it does not exist or `viewer` may not know it
    does (a private one they are not in); whether they may post there is `post_create`'s check (403)."""
    return space_access.access_space(viewer, space_id)
