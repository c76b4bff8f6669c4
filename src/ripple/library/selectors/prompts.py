"""One prompt: its page, versions, suggestions and family tree (forks), as far as the viewer may see."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ripple.library import access
from ripple.library.models import (
    Collection,
    CollectionItem,
    Favourite,
    Prompt,
    PromptVersion,
    Rating,
    Reuse,
    Suggestion,
    SuggestionStatus,
)
from ripple.library.selectors.browse import (
    FAMILY_MAX,
)

# --- one prompt --------------------------------------------------------------------------------


@dataclass
class PromptDetail:
    prompt: Prompt
    recent_reuses: list[Reuse]
    my_reuses: list[Reuse]  # the viewer's own, with the variables they filled in (theirs alone)
    open_suggestions: list[Suggestion]
    forks: list[Prompt]
    my_rating: Rating | None
    my_collections: list[Collection]
    in_collections: set[int]
    is_favourite: bool = False


def prompt_detail(*, viewer: Any, prompt: Prompt) -> PromptDetail:
    """Everything the prompt page shows besides the prompt itself (eight queries, whatever the numbers)."""
    reuses = list(
        Reuse.objects.filter(prompt=prompt)
        .select_related("person__department")
        .defer("variables")
        .order_by("-created_at", "-id")[:6]
    )
    my_reuses = list(Reuse.objects.filter(prompt=prompt, person=viewer).order_by("-created_at", "-id")[:5])
    suggestions = list(
        Suggestion.objects.filter(prompt=prompt, status=SuggestionStatus.OPEN)
        .select_related("author__department")
        .order_by("-created_at", "-id")[:10]
    )
    forks = list(
        access.visible_prompts(viewer)
        .filter(forked_from=prompt)
        .select_related("owner__department", "department")
        .defer("body", "examples")
        .order_by("-reuse_count", "-id")[:8]
    )
    my_rating = Rating.objects.filter(prompt=prompt, person=viewer).first()
    mine = list(Collection.objects.filter(owner=viewer).order_by("-updated_at", "-id")[:50])
    in_collections = set(
        CollectionItem.objects.filter(prompt=prompt, collection__owner=viewer).values_list(
            "collection_id", flat=True
        )
    )
    is_favourite = Favourite.objects.filter(prompt=prompt, person=viewer).exists()
    return PromptDetail(
        prompt=prompt,
        recent_reuses=reuses,
        my_reuses=my_reuses,
        open_suggestions=suggestions,
        forks=forks,
        my_rating=my_rating,
        my_collections=mine,
        in_collections=in_collections,
        is_favourite=is_favourite,
    )


def versions(prompt: Prompt) -> list[PromptVersion]:
    return list(prompt.versions.select_related("author__department").order_by("-number"))


def version(prompt: Prompt, number: int) -> PromptVersion | None:
    return prompt.versions.select_related("author").filter(number=number).first()


def suggestions(prompt: Prompt, *, status: str | None = None, limit: int = 50) -> list[Suggestion]:
    qs = Suggestion.objects.filter(prompt=prompt).select_related("author__department", "resolved_by")
    if status:
        qs = qs.filter(status=status)
    return list(qs.order_by("-created_at", "-id")[:limit])


def suggestion_prompt_id(suggestion_id: int) -> int | None:
    """The prompt a suggestion is on (None when there is no such suggestion); access is checked after."""
    return Suggestion.objects.filter(pk=suggestion_id).values_list("prompt_id", flat=True).first()


# --- lineage -----------------------------------------------------------------------------------


@dataclass
class FamilyNode:
    prompt: Prompt
    children: list[FamilyNode] = field(default_factory=list)
    via_hidden: bool = False  # a prompt the viewer cannot see sits between it and its parent

    @property
    def size(self) -> int:
        return 1 + sum(child.size for child in self.children)


@dataclass
class Family:
    roots: list[FamilyNode]
    count: int
    departments: list[str]
    people: int
    truncated: bool


def family(*, viewer: Any, prompt: Prompt) -> Family:
    """The whole family tree `prompt` belongs to, as far as `viewer` may see it (two queries).

    Prompts the viewer may not see are left out; their visible forks hang from the nearest visible
    ancestor, marked, so nothing private is named.
    """
    root_id = prompt.family_root_id
    # Ids first, by lineage_root alone: with an OR on the root's id, a join or an ORDER BY, SQLite's
    # planner walked a whole index (created_at, every owner's prompts) instead of this lookup.
    ids = [root_id, *Prompt.objects.filter(lineage_root_id=root_id).values_list("id", flat=True)[:FAMILY_MAX]]
    members = sorted(
        Prompt.objects.filter(pk__in=ids)
        .select_related("owner__department", "department")
        .defer("body", "examples", "check_output", "purpose"),
        key=lambda p: (p.created_at, p.pk),
    )
    truncated = len(members) > FAMILY_MAX
    members = members[:FAMILY_MAX]
    by_id = {p.pk: p for p in members}
    visible = {p.pk for p in members if access.can_view(viewer, p)}
    nodes = {pk: FamilyNode(by_id[pk]) for pk in visible}
    roots: list[FamilyNode] = []
    for p in members:
        if p.pk not in visible:
            continue
        parent_id, hidden = p.forked_from_id, False
        while parent_id is not None and parent_id not in visible:
            hidden = True
            parent = by_id.get(parent_id)
            parent_id = parent.forked_from_id if parent else None
        nodes[p.pk].via_hidden = hidden
        (nodes[parent_id].children if parent_id is not None else roots).append(nodes[p.pk])
    shown = [by_id[pk] for pk in visible]
    departments = sorted(
        {
            (p.department.name if p.department else p.owner.department.name if p.owner.department else "")
            for p in shown
        }
        - {""}
    )
    return Family(
        roots=roots,
        count=len(shown),
        departments=departments,
        people=len({p.owner_id for p in shown}),
        truncated=truncated,
    )
