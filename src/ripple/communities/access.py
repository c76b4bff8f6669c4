"""Who may see or change what in communities. The one place for those rules.

* A community's visibility is its space's (ADR 0014): an open one is seen by everyone signed in; a
  private one only by its members — admins included — and by a person a lead invited (who sees its
  name and purpose, to accept or decline, nothing of its content). Everything else 404s.
* Anyone signed in starts a community and becomes its lead. Leads change it, approve requests, invite,
  make other members leads and attach show-and-tell series they host. A community always keeps a lead.
* Admins endorse (and withdraw endorsements of) the communities they may see.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from ripple.communities.models import Community, JoinRequest, RequestKind, RequestStatus
from ripple.people.models import User
from ripple.spaces import access as space_access


def signed_in(viewer: Any) -> bool:
    return bool(getattr(viewer, "is_authenticated", False) and getattr(viewer, "is_active", False))


def visible_q(viewer: Any) -> Q:
    """The communities `viewer` may know exist (their space is readable to them)."""
    if not signed_in(viewer):
        return Q(pk__in=[])
    return Q(space__in=space_access.readable_spaces(viewer).values("pk"))


def visible_communities(viewer: Any) -> QuerySet[Community]:
    return Community.objects.filter(visible_q(viewer), archived_at__isnull=True)


def pending_invite(viewer: Any, community: Community) -> JoinRequest | None:
    if not signed_in(viewer):
        return None
    return JoinRequest.objects.filter(
        community=community, person_id=viewer.pk, kind=RequestKind.INVITE, status=RequestStatus.PENDING
    ).first()


def _lookup(key: Any) -> Community:
    qs = Community.objects.select_related("space", "endorsement__endorsed_by__department", "collection")
    try:
        if isinstance(key, int) or (isinstance(key, str) and key.isdigit()):
            return qs.get(pk=int(key))
        return qs.get(slug=str(key)[:80])
    except (Community.DoesNotExist, ValueError, OverflowError) as exc:
        raise Http404("No such community.") from exc


def access_community(viewer: Any, key: Any) -> Community:
    """The community (by slug or id) if `viewer` may read it, else 404 (private and not a member)."""
    community = _lookup(key)
    if community.archived_at is not None and not space_access.is_member(viewer, community.space):
        raise Http404("No such community.")
    if not space_access.can_read(viewer, community.space):
        raise Http404("No such community.")
    return community


def access_invited(viewer: Any, key: Any) -> tuple[Community, bool]:
    """The community and whether `viewer` may read it; a private one they are invited to comes back
    unreadable (its name and purpose only); anything else they may not know of is a 404."""
    community = _lookup(key)
    if community.archived_at is None and space_access.can_read(viewer, community.space):
        return community, True
    if community.archived_at is None and pending_invite(viewer, community) is not None:
        return community, False
    if community.archived_at is not None and space_access.is_member(viewer, community.space):
        return community, True
    raise Http404("No such community.")


def access_by_token(viewer: Any, key: Any, token: str) -> Community:
    """A private community through the link its leads share (a wrong token is a 404 like any other)."""
    community = _lookup(key)
    if not signed_in(viewer) or community.archived_at is not None or community.request_token != str(token):
        raise Http404("No such community.")
    return community


def is_member(viewer: Any, community: Community) -> bool:
    return space_access.is_member(viewer, community.space)


def is_lead(viewer: Any, community: Community) -> bool:
    return space_access.is_lead(viewer, community.space)


def can_endorse(viewer: Any) -> bool:
    return bool(signed_in(viewer) and viewer.is_admin)


def require(condition: bool, message: str) -> None:
    if not condition:
        raise PermissionDenied(message)


def require_lead(viewer: Any, community: Community) -> None:
    require(is_lead(viewer, community), "Only the community's leads can do that.")


def require_admin(viewer: User) -> None:
    require(can_endorse(viewer), "Only admins can endorse communities.")


def access_request(community: Community, request_id: Any) -> JoinRequest:
    try:
        return JoinRequest.objects.select_related("person").get(
            pk=int(request_id), community=community, kind=RequestKind.REQUEST
        )
    except (JoinRequest.DoesNotExist, ValueError, TypeError, OverflowError) as exc:
        raise Http404("No such request.") from exc
