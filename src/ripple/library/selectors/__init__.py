"""Reads for the library: lists start from `access.visible_prompts` and run a fixed number of queries.

One module per topic; everything is importable from `ripple.library.selectors`.
"""

from ripple.library.selectors.browse import (
    DEFAULT_SORT,
    FAMILY_MAX,
    SEARCH_CANDIDATES,
    SEARCH_PAGE,
    SORTS,
    Filters,
    PersonLibrary,
    SearchResults,
    departments,
    has_favourite,
    library_page,
    person_library,
    prompt_titles,
    prompts_titled,
    search_prompts,
)
from ripple.library.selectors.collections import (
    collection_prompts,
    collections_page,
    prompt_html,
    visible_fork_count,
    with_visible_fork_counts,
)
from ripple.library.selectors.diffs import CONTEXT, WORD_DIFF_MAX, DiffRow, FieldDiff, diff, version_diff
from ripple.library.selectors.prompts import (
    Family,
    FamilyNode,
    PromptDetail,
    family,
    prompt_detail,
    suggestion_prompt_id,
    suggestions,
    version,
    versions,
)

__all__ = [
    "has_favourite",
    "prompt_titles",
    "prompts_titled",
    "Filters",
    "PersonLibrary",
    "person_library",
    "library_page",
    "SearchResults",
    "search_prompts",
    "departments",
    "SORTS",
    "DEFAULT_SORT",
    "SEARCH_CANDIDATES",
    "SEARCH_PAGE",
    "FAMILY_MAX",
    "PromptDetail",
    "prompt_detail",
    "versions",
    "version",
    "suggestions",
    "suggestion_prompt_id",
    "FamilyNode",
    "Family",
    "family",
    "DiffRow",
    "diff",
    "FieldDiff",
    "version_diff",
    "CONTEXT",
    "WORD_DIFF_MAX",
    "collections_page",
    "with_visible_fork_counts",
    "prompt_html",
    "visible_fork_count",
    "collection_prompts",
]
