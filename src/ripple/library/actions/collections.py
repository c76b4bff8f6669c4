"""Curated collections of prompts."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from ripple.library import access
from ripple.library.actions.content import (
    _clean_visibility,
    _resolve_department,
    _text,
    lock_counters,
)
from ripple.library.models import (
    Collection,
    CollectionItem,
    Prompt,
    Visibility,
)
from ripple.people.models import Department, User
from ripple.spaces import access as space_access
from ripple.spaces.models import Space

# --- collections -------------------------------------------------------------------------------


def _clean_collection(title: str, description: str) -> tuple[str, str]:
    errors: dict[str, list[str]] = {}
    title = " ".join(_text(errors, "title", title, 120, required=True).split())
    description = _text(errors, "description", description, 2000)
    if errors:
        raise ValidationError(errors)
    return title, description


@transaction.atomic
def collection_create(
    *,
    actor: User,
    title: str,
    description: str = "",
    visibility: str = Visibility.EVERYONE,
    department: Department | int | None = None,
    space: Space | None = None,
    at: datetime | None = None,
) -> Collection:
    """Start a curated collection owned by `actor` (in a `space`: the cohort's or community's collection,
    readable by the space's readers only; members add to it)."""
    space_access.require_can_post(actor, space)
    title, description = _clean_collection(title, description)
    dept = _clean_visibility(visibility, _resolve_department(department), actor)
    at = at or timezone.now()
    return Collection.objects.create(
        owner=actor, title=title, description=description, visibility=visibility, department=dept,
        space=space, created_at=at, updated_at=at,
    )  # fmt: skip


@transaction.atomic
def collection_update(
    *, actor: User, collection: Collection, title: str, description: str = "", visibility: str | None = None
) -> Collection:
    """Rename, describe or reshare a collection."""
    access.require_can_edit_collection(actor, collection)
    collection.title, collection.description = _clean_collection(title, description)
    if visibility is not None:
        collection.department = _clean_visibility(visibility, collection.department, collection.owner)
        collection.visibility = visibility
    collection.updated_at = timezone.now()
    # Never prompt_count: this object's copy may be older than a concurrent add's.
    collection.save(update_fields=["title", "description", "department", "visibility", "updated_at"])
    return collection


@transaction.atomic
def collection_add(
    *, actor: User, collection: Collection, prompt: Prompt, note: str = "", at: datetime | None = None
) -> CollectionItem:
    """Add a prompt (that the curator can see) at the end of a collection; adding it twice is a no-op."""
    access.require_can_edit_collection(actor, collection)
    access.require_can_view(actor, prompt)
    lock_counters(Collection, collection.pk)  # concurrent adds take turns: one item, one count, one position
    existing = CollectionItem.objects.filter(collection=collection, prompt=prompt).first()
    if existing:
        return existing
    at = at or timezone.now()
    last = CollectionItem.objects.filter(collection=collection).aggregate(m=Max("position"))["m"]
    item = CollectionItem.objects.create(
        collection=collection,
        prompt=prompt,
        position=(last or 0) + 1,
        note=" ".join((note or "").split())[:300],
        added_by=actor,
        added_at=at,
    )
    Collection.objects.filter(pk=collection.pk).update(
        prompt_count=CollectionItem.objects.filter(collection=collection).count(), updated_at=at
    )
    return item


@transaction.atomic
def collection_add_many(
    *, actor: User, collection: Collection, prompts: list[Prompt], at: datetime | None = None
) -> int:
    """Add many prompts at the end of a collection in a few queries (a starter pack of 1,500), skipping
    those already in it; every one must be a prompt the curator can see. Returns how many were added."""
    access.require_can_edit_collection(actor, collection)
    lock_counters(Collection, collection.pk)
    ids = list(dict.fromkeys(p.pk for p in prompts))
    if access.visible_prompts(actor).filter(pk__in=ids).count() != len(ids):
        raise ValidationError({"prompts": "Only prompts you can see can go into a collection."})
    present = set(CollectionItem.objects.filter(collection=collection).values_list("prompt_id", flat=True))
    new = [pk for pk in ids if pk not in present]
    at = at or timezone.now()
    last = CollectionItem.objects.filter(collection=collection).aggregate(m=Max("position"))["m"] or 0
    CollectionItem.objects.bulk_create(
        [CollectionItem(collection=collection, prompt_id=pk, position=last + i, added_by=actor, added_at=at)
         for i, pk in enumerate(new, start=1)],
        batch_size=500,
    )  # fmt: skip
    added = len(new)
    Collection.objects.filter(pk=collection.pk).update(
        prompt_count=CollectionItem.objects.filter(collection=collection).count(), updated_at=at
    )
    return added


@transaction.atomic
def collection_remove(*, actor: User, collection: Collection, prompt: Prompt) -> None:
    """Take a prompt out of a collection."""
    access.require_can_edit_collection(actor, collection)
    lock_counters(Collection, collection.pk)
    deleted, _ = CollectionItem.objects.filter(collection=collection, prompt=prompt).delete()
    if deleted:
        Collection.objects.filter(pk=collection.pk).update(
            prompt_count=CollectionItem.objects.filter(collection=collection).count(),
            updated_at=timezone.now(),
        )
