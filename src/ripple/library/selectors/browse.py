"""Browsing and searching the library: filters, sorts, ranked search, a person's shared prompts."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import Substr

from ripple.core import search
from ripple.core.pagination import Page, paginate
from ripple.library import access
from ripple.library.models import (
    PROMPT_SEARCH,
    Favourite,
    Prompt,
    Tool,
)
from ripple.people.models import Department

SORTS: dict[str, tuple[str, tuple[str, ...]]] = {
    # The organization's own prompts before the community starter pack; reuse, rating, recency break ties.
    "ours": ("Ours first", ("community", "-reuse_count", "-rating_sum", "-updated_at", "-id")),
    "reused": ("Most reused", ("-reuse_count", "-id")),
    "recent": ("Recently updated", ("-updated_at", "-id")),
    "saved": ("Most minutes saved", ("-minutes_saved_total", "-id")),
    "rated": ("Top rated", ("-rating_avg", "-rating_count", "-id")),
    "new": ("Newest", ("-created_at", "-id")),
}
DEFAULT_SORT = "ours"  # what colleagues wrote and use comes first
# Ranking cost grows with the number of hits, so only the first matches found are ranked (ADR 0008).
SEARCH_CANDIDATES = 200  # per pass (all words, any word): see core.search.rank
SEARCH_PAGE = 20
FAMILY_MAX = 500


@dataclass(frozen=True)
class Filters:
    tool: str = ""
    tag: str = ""
    department_id: int | None = None
    mine: bool = False
    has_check: bool = False
    favourites: bool = False  # only the viewer's own favourites

    @classmethod
    def from_params(cls, params: Any) -> Filters:
        tool = params.get("tool", "")
        dept = str(params.get("department", "") or "")
        return cls(
            tool=tool if tool in Tool.values else "",
            tag=" ".join(str(params.get("tag", "")).split())[:40],
            department_id=int(dept) if dept.isdigit() else None,
            mine=params.get("mine") in ("1", "on", "true"),
            has_check=params.get("has_check") in ("1", "on", "true"),
            favourites=params.get("favourites") in ("1", "on", "true"),
        )

    @property
    def active(self) -> bool:
        return bool(
            self.tool or self.tag or self.department_id or self.mine or self.has_check or self.favourites
        )


def _json_member(field_name: str, value: str) -> Q:
    """Rows whose JSON list `field_name` holds `value` (ignoring ASCII case) as a whole element.

    A quoted "contains" on the JSON text matches one whole element on both databases: SQLite keeps
    Django's json.dumps text (non-ASCII escaped), PostgreSQL prints jsonb with Unicode as is.
    """
    quoted = json.dumps(value, ensure_ascii=connection.vendor != "postgresql")
    return Q(**{f"{field_name}__icontains": quoted})


def _filtered(viewer: Any, filters: Filters) -> QuerySet[Prompt]:
    qs = access.visible_prompts(viewer)
    if filters.tool:
        qs = qs.filter(_json_member("tools", filters.tool))
    if filters.tag:
        qs = qs.filter(_json_member("tags", filters.tag))
    if filters.department_id:
        qs = qs.filter(department_id=filters.department_id)
    if filters.mine:
        qs = qs.filter(owner_id=viewer.pk)
    if filters.has_check:
        qs = qs.exclude(check_output="")
    if filters.favourites:
        # A join, not a list of ids: one row per prompt (one favourite per person and prompt).
        qs = qs.filter(favourites__person_id=viewer.pk)
    return qs


def _with_people(qs: QuerySet[Prompt]) -> QuerySet[Prompt]:
    return qs.select_related("owner__department", "department").defer("body", "examples")


# What a prompt card (library/cards.py) reads: a search page loads only these for its twenty rows (half
# the cost of loading every column of the prompt, its owner and departments; test_queries.py would
# see a card reading another one, a query per card).
CARD_FIELDS = (
    "id",
    "title",
    "visibility",
    "community",
    "purpose",
    "tools",
    "tags",
    "check_output",
    "reuse_count",
    "minutes_saved_total",
    "rating_count",
    "rating_avg",
    "owner__name",
    "department__name",
)


def _add_excerpts(prompts: list[Prompt]) -> list[Prompt]:
    """Cards show the purpose, or else the start of the prompt: one query for the page's rows only
    (computed in the list query, PostgreSQL read every body before sorting when it had no statistics)."""
    if prompts:
        starts = dict(
            Prompt.objects.filter(pk__in=[p.pk for p in prompts]).values_list("pk", Substr("body", 1, 240))
        )
        for prompt in prompts:
            prompt.excerpt = starts.get(prompt.pk, "")  # type: ignore[attr-defined]
    return prompts


@dataclass
class PersonLibrary:
    prompts: list[Prompt]
    shared: int
    reuses: int
    minutes_saved: int


def person_library(*, viewer: Any, owner: Any, limit: int = 6) -> PersonLibrary:
    """What `owner` shared that `viewer` may see: their most reused prompts, how often they were reused
    and the minutes saved (two queries; only prompts the viewer may see are counted)."""
    qs = access.visible_prompts(viewer).filter(owner=owner)
    totals = qs.aggregate(n=Count("id"), reuses=Sum("reuse_count"), minutes=Sum("minutes_saved_total"))
    prompts = list(
        qs.only("id", "title", "reuse_count", "minutes_saved_total").order_by("-reuse_count", "-id")[:limit]
    )
    return PersonLibrary(
        prompts=prompts,
        shared=totals["n"] or 0,
        reuses=totals["reuses"] or 0,
        minutes_saved=totals["minutes"] or 0,
    )


def library_page(
    *,
    viewer: Any,
    filters: Filters = Filters(),
    sort: str = DEFAULT_SORT,
    cursor: str | None = None,
    size: int = 24,
) -> Page[Prompt]:
    """The prompts `viewer` can see, filtered and sorted, one keyset page (two queries)."""
    _, ordering = SORTS.get(sort, SORTS[DEFAULT_SORT])
    qs = _filtered(viewer, filters)
    if sort == "rated":
        qs = qs.filter(rating_count__gt=0)  # no NULLs in the keyset
    page = paginate(_with_people(qs), ordering=ordering, cursor=cursor, size=size)
    _add_excerpts(page.items)
    return page


@dataclass
class SearchResults:
    items: list[Prompt]
    snippets: dict[int, str]
    page: int
    has_next: bool
    capped: bool  # more matches exist than were ranked

    @property
    def next_page(self) -> int | None:
        return self.page + 1 if self.has_next else None


def search_prompts(
    *,
    viewer: Any,
    text: str,
    filters: Filters = Filters(),
    page: int = 1,
    size: int = SEARCH_PAGE,
    cards: bool = False,
) -> SearchResults:
    """Prompts matching `text`, best first by `core.search.rank` (three queries). `cards`: the rows
    are only shown as cards (CARD_FIELDS loaded), not serialised whole.

    The engine ranks the whole match set and keeps its best SEARCH_CANDIDATES per pass (a word in the
    title, all the words, any word); those are ranked (title fit, all words, phrases) and paged. A
    query with more matches than that says so (`capped`): the ones left out are the engine's weakest.
    """
    page = max(1, page)
    ranking = search.rank(_filtered(viewer, filters), PROMPT_SEARCH, text, limit=SEARCH_CANDIDATES)
    if not ranking.hits:
        return SearchResults([], {}, page, False, False)
    start = (page - 1) * size
    page_ids = [hit.id for hit in ranking.hits[start : start + size]]
    # The page's rows with their excerpts in one query (a page of ids: no sort reads every body).
    rows = Prompt.objects.filter(pk__in=page_ids)
    rows = rows.select_related("owner", "department").only(*CARD_FIELDS) if cards else _with_people(rows)
    rows = rows.annotate(excerpt=Substr("body", 1, 240))
    by_id: dict[int, Prompt] = {p.pk: p for p in rows}
    items = [by_id[pk] for pk in page_ids if pk in by_id]
    found = search.snippets(PROMPT_SEARCH, "body", page_ids, text, words=20)
    return SearchResults(items, found, page, start + size < len(ranking.hits), ranking.capped)


def departments() -> QuerySet[Department]:
    return Department.objects.order_by("name")


def prompts_titled(*, viewer: Any, text: str, limit: int = 8) -> list[Prompt]:
    """Prompts the viewer may see whose title contains `text`, most reused first: the prompt picker's
    suggestions (one query)."""
    text = text.strip()[:100]
    if not text:
        return []
    return list(
        access.visible_prompts(viewer)
        .filter(title__icontains=text)
        .select_related("owner")
        .only("pk", "title", "reuse_count", "owner__name")
        .order_by("-reuse_count", "title", "id")[:limit]
    )


def prompt_titles(*, viewer: Any, ids: list[str]) -> dict[str, str]:
    """{id: title} for those of `ids` the viewer may see (labels of a prompt picker's chosen values)."""
    wanted = [int(i) for i in ids if str(i).isdigit()]
    if not wanted:
        return {}
    rows = access.visible_prompts(viewer).filter(pk__in=wanted).values_list("pk", "title")
    return {str(pk): title for pk, title in rows}


def has_favourite(user: Any) -> bool:
    """Whether the person starred any prompt (a first-day step; one query)."""
    return Favourite.objects.filter(person=user).exists()
