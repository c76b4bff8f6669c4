"""The library's pages. Thin: parse, check access, call an action or a selector, render.

One module per topic; every view is importable from `ripple.library.views` (urls.py uses that).
"""

from ripple.library.views.collections import (
    collection,
    collection_add,
    collection_edit,
    collection_new,
    collection_remove,
    collections,
)
from ripple.library.views.prompts import (
    index,
    person,
    pick,
    prompt,
    prompt_delete,
    prompt_edit,
    prompt_favourite,
    prompt_fork,
    prompt_history,
    prompt_lineage,
    prompt_new,
    prompt_rate,
    prompt_restore,
    prompt_reuse,
)
from ripple.library.views.suggestions import suggestion, suggestion_new

__all__ = [
    "pick",
    "index",
    "prompt_new",
    "prompt",
    "person",
    "prompt_delete",
    "prompt_edit",
    "prompt_fork",
    "prompt_reuse",
    "prompt_rate",
    "prompt_favourite",
    "prompt_history",
    "prompt_restore",
    "prompt_lineage",
    "suggestion_new",
    "suggestion",
    "collections",
    "collection_new",
    "collection",
    "collection_edit",
    "collection_add",
    "collection_remove",
]
