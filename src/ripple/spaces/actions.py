"""Every write of the spaces app: creating a space and changing who is in it. The owning app (cohorts,
communities) checks who may do this and calls these inside its own transaction."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count

from ripple.spaces.models import MemberRole, Membership, Space, Visibility


def _recount(space: Space) -> None:
    Space.objects.select_for_update(no_key=True).filter(pk=space.pk).first()
    space.member_count = Membership.objects.filter(space_id=space.pk).aggregate(n=Count("id"))["n"]
    Space.objects.filter(pk=space.pk).update(member_count=space.member_count)


@transaction.atomic
def create_space(
    *, kind: str, name: str, visibility: str = Visibility.OPEN, leads: Iterable[Any] = ()
) -> Space:
    if visibility not in Visibility.values:
        raise ValidationError({"visibility": "Choose open or private."})
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": "Give the space a name."})
    space = Space.objects.create(kind=kind[:20], name=name[:120], visibility=visibility)
    for person in leads:
        Membership.objects.get_or_create(space=space, person=person, defaults={"role": MemberRole.LEAD})
    _recount(space)
    return space


@transaction.atomic
def update_space(*, space: Space, name: str | None = None, visibility: str | None = None) -> Space:
    if visibility is not None:
        if visibility not in Visibility.values:
            raise ValidationError({"visibility": "Choose open or private."})
        space.visibility = visibility
    if name is not None:
        if not name.strip():
            raise ValidationError({"name": "Give the space a name."})
        space.name = name.strip()[:120]
    space.save(update_fields=["name", "visibility"])
    return space


@transaction.atomic
def add_member(*, space: Space, person: Any, role: str = MemberRole.MEMBER) -> Membership:
    """Add `person` (or change their role when already in)."""
    if role not in MemberRole.values:
        raise ValidationError({"role": "Choose member or lead."})
    membership, created = Membership.objects.get_or_create(
        space=space, person=person, defaults={"role": role}
    )
    if not created and membership.role != role:
        membership.role = role
        membership.save(update_fields=["role"])
    if created:
        _recount(space)
    return membership


@transaction.atomic
def remove_member(*, space: Space, person: Any) -> bool:
    deleted, _ = Membership.objects.filter(space=space, person=person).delete()
    if deleted:
        _recount(space)
    return bool(deleted)
