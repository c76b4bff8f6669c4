"""Reads for the library: lists start from `access.visible_prompts` and run a fixed number of queries."""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass, field
from typing import Any

from django.core.cache import cache
from django.db import connection
from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import Substr

from ripple.core import markdown, search
from ripple.core.pagination import Page, paginate
from ripple.library import access
from ripple.library.models import (
    PROMPT_SEARCH,
    Collection,
    CollectionItem,
    Favourite,
    Prompt,
    PromptVersion,
    Rating,
    Reuse,
    Suggestion,
    SuggestionStatus,
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
SEARCH_CANDIDATES = 500
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


# Words that match nearly every prompt ("I want you to act as a…") cost much and rank nothing.
STOPWORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "but",
        "by",
        "can",
        "do",
        "for",
        "from",
        "have",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "me",
        "my",
        "no",
        "not",
        "of",
        "on",
        "or",
        "our",
        "please",
        "so",
        "that",
        "the",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "to",
        "up",
        "us",
        "was",
        "we",
        "what",
        "when",
        "which",
        "who",
        "will",
        "with",
        "would",
        "you",
        "your",
        "act",
        "want",
    ]
)


def search_text(text: str) -> str:
    """The words of `text` worth searching for: no stopwords or single letters, unless that is all."""
    words = search.terms(text)
    kept = [w for w in words if len(w) > 1 and w not in STOPWORDS]
    return " ".join(kept or words)


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
    *, viewer: Any, text: str, filters: Filters = Filters(), page: int = 1, size: int = SEARCH_PAGE
) -> SearchResults:
    """Prompts matching any word of `text`, best first: words matched, then rank (five queries).

    Only the first SEARCH_CANDIDATES matches the database finds are ranked, so the cost stays flat as
    the library grows; a query with more matches than that says so (`capped`).
    """
    page = max(1, page)
    text = search_text(text)
    candidates = list(
        # No ORDER BY on purpose: the database stops at the cap, whatever plan it picks. Ordered by
        # `id`, PostgreSQL walked the primary key backwards testing each row's vector (slow for rarer
        # words); by `created_at`, it read and sorted every hit (slow for common ones).
        search.matching(_filtered(viewer, filters), PROMPT_SEARCH, text)
        .order_by()
        .values_list("id", flat=True)[: SEARCH_CANDIDATES + 1]
    )
    capped = len(candidates) > SEARCH_CANDIDATES
    candidates = candidates[:SEARCH_CANDIDATES]
    if not candidates:
        return SearchResults([], {}, page, False, False)
    rank_fields = ("id", "search_rank")  # search_rank is added by search.matching
    ranked = sorted(
        search.matching(Prompt.objects.filter(pk__in=candidates), PROMPT_SEARCH, text).values_list(
            *rank_fields
        ),
        key=lambda row: (-float(row[1]), -row[0]),
    )
    start = (page - 1) * size
    page_ids = [pk for pk, _ in ranked[start : start + size]]
    by_id = {p.pk: p for p in _with_people(Prompt.objects.filter(pk__in=page_ids))}
    items = _add_excerpts([by_id[pk] for pk in page_ids if pk in by_id])
    found = search.snippets(PROMPT_SEARCH, "body", page_ids, text, words=20)
    return SearchResults(items, found, page, start + size < len(ranked), capped)


def departments() -> QuerySet[Department]:
    return Department.objects.order_by("name")


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


# --- diffs -------------------------------------------------------------------------------------


@dataclass
class DiffRow:
    kind: str  # "same", "del", "add", "skip"
    old_no: int | None
    new_no: int | None
    parts: list[tuple[str, bool]]  # (text, changed)


_TOKEN = re.compile(r"\s+|\w+|[^\w\s]")
CONTEXT = 3
WORD_DIFF_MAX = 4000


def _word_parts(old: str, new: str) -> tuple[list[tuple[str, bool]], list[tuple[str, bool]]]:
    if len(old) > WORD_DIFF_MAX or len(new) > WORD_DIFF_MAX:
        return [(old, True)], [(new, True)]
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    old_parts: list[tuple[str, bool]] = []
    new_parts: list[tuple[str, bool]] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if i2 > i1:
            old_parts.append(("".join(a[i1:i2]), tag != "equal"))
        if j2 > j1:
            new_parts.append(("".join(b[j1:j2]), tag != "equal"))
    return old_parts, new_parts


def diff(old: str, new: str) -> list[DiffRow]:
    """An inline, line-by-line diff with changed words marked; long unchanged runs are folded.

    Rows hold plain text: the template escapes it, so nothing from a prompt is ever trusted as HTML.
    """
    a, b = (old or "").splitlines(), (new or "").splitlines()
    rows: list[DiffRow] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            span = list(range(i2 - i1))
            at_start, at_end = i1 == 0 and j1 == 0, i2 == len(a) and j2 == len(b)
            keep = span
            if len(span) > 2 * CONTEXT + 1:
                head = [] if at_start and not at_end else span[:CONTEXT]
                tail = [] if at_end else span[-CONTEXT:]
                keep = [*head, -1, *tail]
            for k in keep:
                if k < 0:
                    rows.append(DiffRow("skip", None, None, [("…", False)]))
                else:
                    rows.append(DiffRow("same", i1 + k + 1, j1 + k + 1, [(a[i1 + k], False)]))
            continue
        olds, news = a[i1:i2], b[j1:j2]
        paired = min(len(olds), len(news)) if tag == "replace" else 0
        dels: list[DiffRow] = []
        adds: list[DiffRow] = []
        for k, line in enumerate(olds):
            parts = _word_parts(line, news[k])[0] if k < paired else [(line, True)]
            dels.append(DiffRow("del", i1 + k + 1, None, parts))
        for k, line in enumerate(news):
            parts = _word_parts(olds[k], line)[1] if k < paired else [(line, True)]
            adds.append(DiffRow("add", None, j1 + k + 1, parts))
        rows += dels + adds
    return rows


@dataclass
class FieldDiff:
    label: str
    rows: list[DiffRow]


def version_diff(old: Any, new: Any) -> list[FieldDiff]:
    """What changed between two versions (or a prompt and a suggestion), field by field."""
    out = []
    for attr, label in (
        ("title", "Title"),
        ("purpose", "What it is for"),
        ("body", "Prompt"),
        ("check_output", "How to check the output"),
    ):
        before, after = getattr(old, attr, "") or "", getattr(new, attr, "") or ""
        if before != after:
            out.append(FieldDiff(label, diff(before, after)))
    return out


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
