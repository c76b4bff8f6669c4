"""Reads of the spaces app."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from ripple.spaces.models import MemberRole, Membership, Space


def memberships(space: Space) -> QuerySet[Membership]:
    """The space's members, leads first, with their departments (one query)."""
    return (
        Membership.objects.filter(space=space)
        .select_related("person__department")
        .order_by("role", "person__name", "person_id")  # "lead" sorts before "member"
    )


def member_ids(space: Space | int) -> set[int]:
    space_id = space if isinstance(space, int) else space.pk
    return set(Membership.objects.filter(space_id=space_id).values_list("person_id", flat=True))


def lead_ids(space: Space | int) -> set[int]:
    space_id = space if isinstance(space, int) else space.pk
    return set(
        Membership.objects.filter(space_id=space_id, role=MemberRole.LEAD).values_list("person_id", flat=True)
    )


def spaces_of(person: Any, kind: str = "") -> QuerySet[Space]:
    qs = Space.objects.filter(memberships__person_id=person.pk)
    return qs.filter(kind=kind) if kind else qs
