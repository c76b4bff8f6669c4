"""Every write in the library: prompts and versions, forks, suggestions, reuses, ratings, collections.

Each action checks permission, validates with field-level ValidationErrors, keeps the prompt's
denormalised counters current, records learning events and notifies the people concerned. One module
per topic; everything is importable from `ripple.library.actions`.
"""

from ripple.library.actions.collections import (
    collection_add,
    collection_add_many,
    collection_create,
    collection_remove,
    collection_update,
)
from ripple.library.actions.content import (
    CONTENT_FIELDS,
    EXAMPLE_FIELD_MAX,
    EXAMPLE_KEYS,
    EXAMPLES_MAX,
    KEEP,
    TAG_LEN,
    TAGS_MAX,
    clean_content,
    normalise_examples,
    normalise_tags,
    normalise_tools,
)
from ripple.library.actions.forks import fork_sharing, prompt_fork
from ripple.library.actions.prompts import prompt_create, prompt_delete, prompt_restore, prompt_update
from ripple.library.actions.reuse import favourite_set, rating_set, reuse_record
from ripple.library.actions.suggestions import (
    suggestion_accept,
    suggestion_create,
    suggestion_decline,
)

__all__ = [
    "normalise_tools",
    "normalise_tags",
    "normalise_examples",
    "clean_content",
    "TAGS_MAX",
    "TAG_LEN",
    "EXAMPLES_MAX",
    "EXAMPLE_FIELD_MAX",
    "EXAMPLE_KEYS",
    "CONTENT_FIELDS",
    "KEEP",
    "prompt_create",
    "prompt_update",
    "prompt_restore",
    "prompt_delete",
    "prompt_fork",
    "fork_sharing",
    "reuse_record",
    "rating_set",
    "favourite_set",
    "suggestion_create",
    "suggestion_accept",
    "suggestion_decline",
    "collection_create",
    "collection_update",
    "collection_add",
    "collection_add_many",
    "collection_remove",
]
