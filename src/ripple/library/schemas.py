"""The library's API shapes. `PromptOut` is the one JSON form of a prompt (API, exports, MCP)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from ninja import Field, Schema

from ripple.core.api import Id, In, null_clears, optional
from ripple.library import access, selectors
from ripple.library.models import Collection, Prompt
from ripple.library.variables import stored_variables
from ripple.people.schemas import PersonRef


class DepartmentRef(Schema):
    id: int
    name: str


class VariableOut(Schema):
    name: str
    default: str
    choices: list[str]


class ExampleOut(Schema):
    input: str = ""
    output: str = ""
    changes: str = ""


class ExampleIn(In):
    input: str = ""
    output: str = ""
    changes: str = ""


class ForkRef(Schema):
    id: int
    title: str
    url: str


class PromptSummaryOut(Schema):
    """A prompt in a list or search result (no body, examples or variables)."""

    id: int
    url: str
    title: str
    purpose: str
    tools: list[str]
    tags: list[str]
    visibility: str
    owner: PersonRef
    department: DepartmentRef | None
    version: int
    reuse_count: int
    minutes_saved_total: int
    rating_avg: float | None
    rating_count: int
    has_check_output: bool
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_url(obj: Prompt) -> str:
        return obj.get_absolute_url()

    @staticmethod
    def resolve_tags(obj: Prompt) -> list[str]:
        return obj.tag_list

    @staticmethod
    def resolve_tools(obj: Prompt) -> list[str]:
        return obj.tool_list


class PromptOut(PromptSummaryOut):
    """A whole prompt."""

    body: str
    variables: list[VariableOut]
    examples: list[ExampleOut]
    check_output: str
    forked_from: ForkRef | None
    origin_url: str
    origin_label: str
    reuser_count: int
    department_count: int
    fork_count: int

    @staticmethod
    def resolve_variables(obj: Prompt) -> list[dict[str, object]]:
        return [
            {"name": v.name, "default": v.default, "choices": list(v.choices)}
            for v in stored_variables(obj.body)
        ]

    @staticmethod
    def resolve_examples(obj: Prompt) -> list[dict[str, str]]:
        return obj.example_list

    @staticmethod
    def resolve_forked_from(obj: Prompt, context: dict[str, Any] | None) -> dict[str, object] | None:
        parent, viewer = obj.forked_from, _viewer(context)
        if parent is None or viewer is None or not access.can_view(viewer, parent):
            return None  # a fork may be shared wider than its parent; without a viewer, say nothing
        return {"id": parent.pk, "title": parent.title, "url": parent.get_absolute_url()}

    @staticmethod
    def resolve_fork_count(obj: Prompt, context: dict[str, Any] | None) -> int:
        viewer = _viewer(context)
        return 0 if viewer is None else selectors.visible_fork_count(viewer=viewer, prompt=obj)


def _viewer(context: dict[str, Any] | None) -> Any:
    """The person a response is for (ninja passes the request in the serialisation context)."""
    request = (context or {}).get("request")
    return getattr(request, "user", None)


class PromptIn(In):
    """A new prompt."""

    title: str = Field(..., max_length=200)
    body: str
    purpose: str = ""
    tools: list[str] = []
    department_id: Id | None = None
    tags: list[str] = []
    examples: list[ExampleIn] = []
    check_output: str = ""
    visibility: str = "everyone"
    note: str = ""


class PromptPatch(In):
    """The fields to change: a field left out is kept; `null` clears one that may be empty (tools, tags,
    examples, purpose, check_output, department_id); title, body and visibility are not nullable."""

    title: str = optional()
    body: str = optional()
    purpose: Annotated[str | None, null_clears(str)] = None
    tools: Annotated[list[str] | None, null_clears(list)] = None
    tags: Annotated[list[str] | None, null_clears(list)] = None
    examples: Annotated[list[ExampleIn] | None, null_clears(list)] = None
    check_output: Annotated[str | None, null_clears(str)] = None
    visibility: str = optional()
    department_id: Id | None = None
    note: Annotated[str | None, null_clears(str)] = ""


class PromptQuery(In):
    q: str = ""
    search: str = ""
    tool: str = ""
    tag: str = ""
    department: Id | None = None
    mine: bool = False
    favourites: bool = False
    has_check: bool = False
    sort: str = "ours"
    cursor: str | None = None
    limit: int = 24


class SearchHit(PromptSummaryOut):
    """A prompt in a list; from a search, with a highlighted `snippet` (empty in plain lists)."""

    snippet: str = ""


class VersionOut(Schema):
    number: int
    title: str
    body: str
    purpose: str
    check_output: str
    note: str
    author: PersonRef | None
    created_at: datetime


class ReuseIn(In):
    minutes_saved: int = 0
    note: str = ""
    variables: dict[str, str] = {}


class ReuseOut(Schema):
    id: int
    prompt_id: int
    version: int
    minutes_saved: int
    note: str
    variables: dict[str, str]
    created_at: datetime


class RatingIn(In):
    stars: int
    comment: str = ""


class RatingOut(Schema):
    stars: int
    comment: str
    rating_avg: float | None
    rating_count: int


class ForkIn(In):
    """`title`: the fork's title (left out or null: the original's)."""

    title: str | None = None


class SuggestionIn(In):
    """A suggested edit; a field left out or null is the prompt's current one (the body is required)."""

    title: str | None = None
    body: str
    purpose: str | None = None
    check_output: str | None = None
    note: str = ""


class ResponseIn(In):
    """The owner's answer to a suggestion (optional when accepting)."""

    response: str = ""


class SuggestionOut(Schema):
    id: int
    prompt_id: int
    author: PersonRef
    base_version: int
    title: str
    body: str
    purpose: str
    check_output: str
    note: str
    status: str
    response: str
    resulting_version: int | None
    created_at: datetime


class CollectionOut(Schema):
    id: int
    url: str
    title: str
    description: str
    visibility: str
    owner: PersonRef
    prompt_count: int

    @staticmethod
    def resolve_url(obj: Collection) -> str:
        return obj.get_absolute_url()

    @staticmethod
    def resolve_prompt_count(obj: Collection) -> int:
        return int(getattr(obj, "visible_prompt_count", 0))


class CollectionIn(In):
    title: str
    description: str = ""
    visibility: str = "everyone"
    department_id: Id | None = None
    prompt_ids: list[int] = []


class CollectionQuery(In):
    mine: bool = False
    cursor: str | None = None
    limit: int = 24
