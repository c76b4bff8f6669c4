"""Collections and the counts on prompt cards (forks the viewer may see)."""

from __future__ import annotations

from typing import Any

from django.core.cache import cache
from django.db.models import Count

from ripple.core import markdown
from ripple.core.pagination import Page, paginate
from ripple.library import access
from ripple.library.models import (
    Collection,
    CollectionItem,
    Prompt,
)

# --- collections -------------------------------------------------------------------------------


def collections_page(
    *, viewer: Any, cursor: str | None = None, mine: bool = False, size: int = 24
) -> Page[Collection]:
    qs = access.visible_collections(viewer).select_related("owner__department")
    if mine:
        qs = qs.filter(owner=viewer)
    page = paginate(qs, ordering=("-updated_at", "-id"), cursor=cursor, size=size)
    # The stored prompt_count includes prompts this viewer may not see: count the visible ones instead.
    counts = dict(
        CollectionItem.objects.filter(
            access.visible_q(viewer, via="prompt__"),
            prompt__deleted_at__isnull=True,
            collection__in=page.items,
        )
        .values_list("collection")
        .annotate(n=Count("id"))
        .values_list("collection", "n")
    )
    for collection in page.items:
        collection.visible_prompt_count = counts.get(collection.pk, 0)  # type: ignore[attr-defined]
    return page


def with_visible_fork_counts(*, viewer: Any, prompts: list[Prompt]) -> list[Prompt]:
    """Set `visible_fork_count` on each prompt, in one query: the stored fork_count also counts forks
    this viewer may not see (private, other departments)."""
    if not prompts:
        return prompts
    counts = dict(
        access.visible_prompts(viewer)
        .filter(forked_from__in=[p.pk for p in prompts])
        .values_list("forked_from")
        .annotate(n=Count("id"))
        .values_list("forked_from", "n")
    )
    for prompt in prompts:
        prompt.visible_fork_count = counts.get(prompt.pk, 0)  # type: ignore[attr-defined]
    return prompts


def prompt_html(prompt: Prompt) -> tuple[str, str]:
    """The body and "how to check the output" as sanitised HTML from their Markdown, cached per version
    (both are content fields, so any change makes a new version and a new cache key)."""
    key = f"library:prompt-html:{prompt.pk}:{prompt.version}:{prompt.updated_at.timestamp()}"
    cached = cache.get(key)
    if cached is None:
        cached = (markdown.render(prompt.body), markdown.render(prompt.check_output))
        cache.set(key, cached, 60 * 60 * 24)
    return cached[0], cached[1]


def visible_fork_count(*, viewer: Any, prompt: Prompt) -> int:
    """How many forks of `prompt` the viewer may see (one query, unless already set on it)."""
    if not hasattr(prompt, "visible_fork_count"):
        with_visible_fork_counts(viewer=viewer, prompts=[prompt])
    return int(prompt.visible_fork_count)  # type: ignore[attr-defined]


def collection_prompts(*, viewer: Any, collection: Collection) -> list[CollectionItem]:
    """The collection's items whose prompt the viewer can see, in order (one query)."""
    return list(
        CollectionItem.objects.filter(
            access.visible_q(viewer, via="prompt__"), prompt__deleted_at__isnull=True, collection=collection
        )
        .select_related("prompt__owner__department", "prompt__department")
        .defer("prompt__body", "prompt__examples")
        .order_by("position", "id")[:200]
    )
