"""The one access rule for everything that lives in a space (ADR 0014).

Content with no space belongs to the whole organization. Content in an open space may be read by
everyone; content in a private space only by the space's members — admins included: private means
private (an admin who must look in joins the space, which its members can see). Every app that stores
a `space` applies `readable_q(viewer, "space")` to its querysets (pages, search, API, exports, digests,
counts) and `can_read` to single objects; notifications carry their space and are dropped for people
who may not read it (at sending and at listing).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from ripple.spaces.models import MemberRole, Membership, Space, Visibility


def _signed_in(viewer: Any) -> bool:
    return bool(getattr(viewer, "is_authenticated", False) and getattr(viewer, "is_active", False))


def member_space_ids(viewer: Any) -> QuerySet[Membership, int]:
    """The ids of the spaces `viewer` is a member of, as a subquery."""
    return Membership.objects.filter(person_id=getattr(viewer, "pk", None) or 0).values_list(
        "space_id", flat=True
    )


def readable_spaces_q(viewer: Any) -> Q:
    """The condition on `Space` itself: open ones and those `viewer` belongs to."""
    if not _signed_in(viewer):
        return Q(pk__in=[])
    return Q(visibility=Visibility.OPEN) | Q(pk__in=member_space_ids(viewer))


def readable_q(viewer: Any, via: str = "space") -> Q:
    """The condition on anything with a nullable foreign key `via` to a space (`"space"`, or through a
    relation, `"prompt__space"`): no space, an open space, or a space `viewer` is a member of."""
    if not _signed_in(viewer):
        return Q(pk__in=[])
    return (
        Q(**{f"{via}__isnull": True})
        | Q(**{f"{via}__visibility": Visibility.OPEN})
        | Q(**{f"{via}_id__in": member_space_ids(viewer)})
    )


def public_q(via: str = "space") -> Q:
    """Content everyone may read (no space or an open one): for what is shown to no one in particular
    (organization-wide counts, anonymous statistics)."""
    return Q(**{f"{via}__isnull": True}) | Q(**{f"{via}__visibility": Visibility.OPEN})


def readable_spaces(viewer: Any) -> QuerySet[Space]:
    return Space.objects.filter(readable_spaces_q(viewer))


def is_member(viewer: Any, space: Space | None) -> bool:
    if space is None or not _signed_in(viewer):
        return False
    return Membership.objects.filter(space_id=space.pk, person_id=viewer.pk).exists()


def is_lead(viewer: Any, space: Space | None) -> bool:
    if space is None or not _signed_in(viewer):
        return False
    return Membership.objects.filter(space_id=space.pk, person_id=viewer.pk, role=MemberRole.LEAD).exists()


def can_read(viewer: Any, space: Space | int | None) -> bool:
    """Whether `viewer` may read what is in `space` (None: the organization's own, readable by all)."""
    if not _signed_in(viewer):
        return False
    if space is None:
        return True
    space_id = space if isinstance(space, int) else space.pk
    return readable_spaces(viewer).filter(pk=space_id).exists()


def can_post(viewer: Any, space: Space | None) -> bool:
    """Members add to a space (open or private); outsiders of an open space may read, not post."""
    return space is None and _signed_in(viewer) or is_member(viewer, space)


def readers_among(space: Space | int | None, person_ids: Iterable[int]) -> set[int]:
    """Which of `person_ids` may read `space` (one query; all of them when the space is open or None)."""
    wanted = {int(pk) for pk in person_ids if pk is not None}
    if space is None or not wanted:
        return wanted
    space_obj = space if isinstance(space, Space) else Space.objects.filter(pk=space).first()
    if space_obj is None:
        return set()
    if space_obj.visibility == Visibility.OPEN:
        return wanted
    return set(
        Membership.objects.filter(space_id=space_obj.pk, person_id__in=wanted).values_list(
            "person_id", flat=True
        )
    )


def access_space(viewer: Any, space_id: Any) -> Space:
    """The space, or 404 when it does not exist or `viewer` may not know it does (private, not a member)."""
    try:
        return readable_spaces(viewer).get(pk=int(space_id))
    except (Space.DoesNotExist, ValueError, TypeError, OverflowError) as exc:
        raise Http404("No such space.") from exc


def require_can_post(viewer: Any, space: Space | None) -> None:
    if not can_post(viewer, space):
        raise PermissionDenied("Only members can add to this space; join it first.")
