"""The library's API shapes. `PromptOut` is the one JSON form of a prompt (API, exports, MCP)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ninja import Field, Schema

from ripple.library import access, selectors
from ripple.library.models import Prompt
from ripple.library.variables import stored_variables


class PersonRef(Schema):
    id: int
    name: str
    department: str | None = None


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


class ForkRef(Schema):
    id: int
    title: str
    url: str


def person_ref(user: object) -> dict[str, object] | None:
    if user is None:
        return None
    department = getattr(user, "department", None)
    return {"id": user.pk, "name": user.name, "department": department.name if department else None}  # type: ignore[attr-defined]


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
    def resolve_owner(obj: Prompt) -> dict[str, object] | None:
        return person_ref(obj.owner)

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


class PromptIn(Schema):
    """A new prompt, or (for PATCH) the fields to change."""

    title: str = Field(..., max_length=200)
    body: str
    purpose: str = ""
    tools: list[str] = []
    department_id: int | None = None
    tags: list[str] = []
    examples: list[ExampleOut] = []
    check_output: str = ""
    visibility: str = "everyone"
    note: str = ""


class PromptPatch(Schema):
    title: str | None = None
    body: str | None = None
    purpose: str | None = None
    tools: list[str] | None = None
    tags: list[str] | None = None
    examples: list[ExampleOut] | None = None
    check_output: str | None = None
    visibility: str | None = None
    department_id: int | None = None
    note: str = ""


class PromptPage(Schema):
    items: list[PromptSummaryOut]
    next: str | None


class SearchHit(PromptSummaryOut):
    snippet: str = ""


class SearchPage(Schema):
    items: list[SearchHit]
    next: str | None


class VersionOut(Schema):
    number: int
    title: str
    body: str
    purpose: str
    check_output: str
    note: str
    author: PersonRef | None
    created_at: datetime

    @staticmethod
    def resolve_author(obj: object) -> dict[str, object] | None:
        return person_ref(getattr(obj, "author", None))


class ReuseIn(Schema):
    minutes_saved: int = 0
    note: str = ""


class ReuseOut(Schema):
    id: int
    prompt_id: int
    version: int
    minutes_saved: int
    note: str
    created_at: datetime


class RatingIn(Schema):
    stars: int
    comment: str = ""


class ForkIn(Schema):
    title: str | None = None


class SuggestionIn(Schema):
    title: str | None = None
    body: str
    purpose: str | None = None
    check_output: str | None = None
    note: str = ""


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

    @staticmethod
    def resolve_author(obj: object) -> dict[str, object] | None:
        return person_ref(getattr(obj, "author", None))
