"""Who may see or change what in the library. Everything that lists prompts starts from `visible_prompts`.

* everyone   – every signed-in person
* department – the prompt's department (and its owner)
* private    – its owner only (admins included: private means private)

and, for a prompt or collection in a cohort's or community's space, the space's readers only
(`spaces.access.readable_q`, ADR 0014).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from ripple.library.models import Collection, Prompt, Suggestion, Visibility
from ripple.people.models import User
from ripple.spaces import access as space_access


def visible_q(viewer: User, via: str = "") -> Q:
    """The access rule as a condition, on prompts (or collections) themselves or through a relation
    (`via="prompt__"`), so a join can apply it row by row instead of listing every visible prompt."""
    if not getattr(viewer, "is_authenticated", False) or not viewer.is_active:
        return Q(pk__in=[])
    q = Q(**{f"{via}visibility": Visibility.EVERYONE}) | Q(**{f"{via}owner_id": viewer.pk})
    if viewer.department_id:
        q |= Q(**{f"{via}visibility": Visibility.DEPARTMENT, f"{via}department_id": viewer.department_id})
    # A prompt or collection in a cohort's or community's space: also the space's one rule (ADR 0014).
    return q & space_access.readable_q(viewer, f"{via}space")


def visible_prompts(viewer: User) -> QuerySet[Prompt]:
    """The prompts `viewer` may see (not ordered, nothing joined)."""
    return Prompt.objects.filter(visible_q(viewer), deleted_at__isnull=True)


def can_view(viewer: User, prompt: Prompt) -> bool:
    if not getattr(viewer, "is_authenticated", False) or not viewer.is_active or prompt.deleted_at:
        return False
    if prompt.space_id is not None and not space_access.can_read(viewer, prompt.space_id):
        return False
    if prompt.visibility == Visibility.EVERYONE or prompt.owner_id == viewer.pk:
        return True
    return bool(
        prompt.visibility == Visibility.DEPARTMENT
        and viewer.department_id
        and prompt.department_id == viewer.department_id
    )


def access_prompt(viewer: User, prompt_id: int | str) -> Prompt:
    """The prompt, with owner, department and parent joined; Http404 if `viewer` may not see it."""
    try:
        return (
            visible_prompts(viewer)
            .select_related("owner__department", "department", "forked_from__owner")
            .get(pk=int(prompt_id))
        )
    except (Prompt.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("No such prompt.") from exc


def can_edit(viewer: User, prompt: Prompt) -> bool:
    """The owner edits their prompt; admins may too (to fix or curate), but only what they can see."""
    return can_view(viewer, prompt) and (prompt.owner_id == viewer.pk or viewer.is_admin)


def is_owner(viewer: User, prompt: Prompt) -> bool:
    return bool(prompt.owner_id == viewer.pk)


def can_suggest(viewer: User, prompt: Prompt) -> bool:
    """Anyone who sees a prompt may suggest an edit to it, but its owner edits it directly."""
    return can_view(viewer, prompt) and not is_owner(viewer, prompt)


def require_can_view(viewer: User, prompt: Prompt) -> None:
    if not can_view(viewer, prompt):
        raise Http404("No such prompt.")


def require_can_edit(viewer: User, prompt: Prompt) -> None:
    require_can_view(viewer, prompt)
    if not can_edit(viewer, prompt):
        raise PermissionDenied("Only the prompt's owner can change it; suggest an edit instead.")


def access_suggestion(viewer: User, prompt: Prompt, suggestion_id: int | str) -> Suggestion:
    """A suggestion on a prompt the viewer can see."""
    require_can_view(viewer, prompt)
    try:
        return Suggestion.objects.select_related("author").get(pk=int(suggestion_id), prompt=prompt)
    except (Suggestion.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("No such suggestion.") from exc


# --- collections -------------------------------------------------------------------------------


def visible_collections(viewer: User) -> QuerySet[Collection]:
    return Collection.objects.filter(visible_q(viewer))


def access_collection(viewer: User, collection_id: int | str) -> Collection:
    try:
        return (
            visible_collections(viewer)
            .select_related("owner__department", "department")
            .get(pk=int(collection_id))
        )
    except (Collection.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("No such collection.") from exc


def can_edit_collection(viewer: User, collection: Collection) -> bool:
    """Its owner, an admin, or (a space's collection) the space's members."""
    if collection.owner_id == viewer.pk or bool(viewer.is_admin):
        return True
    return collection.space_id is not None and space_access.is_member(viewer, collection.space)


def require_can_edit_collection(viewer: User, collection: Collection) -> None:
    if not can_edit_collection(viewer, collection):
        raise PermissionDenied("Only the collection's owner can change it.")


def access_collection_prompt(viewer: User, collection: Collection, prompt_id: int | str) -> Prompt:
    """A prompt in `collection` that `viewer` may take out of it: its editors may remove any of its
    prompts, even one they no longer see (it then simply leaves the collection)."""
    require_can_edit_collection(viewer, collection)
    try:
        return Prompt.objects.get(pk=int(prompt_id), collection_items__collection=collection)
    except (Prompt.DoesNotExist, ValueError, TypeError, OverflowError) as exc:
        raise Http404("No such prompt in this collection.") from exc
