"""The building blocks every app's `api.py` and `schemas.py` use, so the whole API has one shape.

- `In`: the base of every input schema (bodies and query strings). Every text in it, at any depth,
  is refused (422 naming the field) when it holds a NUL character (PostgreSQL cannot store one) or a
  lone surrogate (not Unicode; it cannot be encoded); every integer is refused outside the
  database's 64-bit signed range; a body that is not a JSON object is refused.
- `Id`, `Text`: the same rules for parameters that are not in a schema (path parameters).
- `optional()` / `null_clears()`: what a field left out or sent as `null` means (see docs/api.md).
- `Page[T]`: the one list shape, `{"items": [...], "next": cursor-or-null}`; `clamp()` bounds `?limit=`.
- `ErrorOut` and `errors()`: the one error shape, declared for every status an operation answers.

Core knows no app: the request type for a signed-in person (`AuthedRequest`) and the one
`PersonRef` live in `ripple.people`, which every content app may import.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Annotated, Any, Generic, TypeVar

from ninja import Field, Schema
from pydantic import AfterValidator, BaseModel, ModelWrapValidatorHandler, model_validator
from pydantic import field_validator as _field_validator

T = TypeVar("T")

INT_MIN = -(2**63)
INT_MAX = 2**63 - 1
"""The database's integer range (BigAutoField ids; SQLite's and PostgreSQL's bigint)."""

Id = Annotated[int, Field(ge=INT_MIN, le=INT_MAX)]
"""An id or other integer parameter outside an `In` schema (path parameters): the same range rule."""


def text_problem(value: str) -> str | None:
    """Why `value` cannot be stored as text, or None when it can."""
    if "\x00" in value:
        return "Text may not contain a NUL character (\\x00)."
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return "Text may not contain a lone surrogate (it is not valid Unicode)."
    return None


def _storable_text(value: str) -> str:
    problem = text_problem(value)
    if problem:
        raise ValueError(problem)
    return value


Text = Annotated[str, AfterValidator(_storable_text)]
"""A text parameter outside an `In` schema (path parameters): the same NUL and surrogate rule."""


def _problem(value: Any) -> str | None:
    """The first reason some part of `value` cannot reach the database, or None."""
    if isinstance(value, str):
        return text_problem(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return (
            None if INT_MIN <= value <= INT_MAX else "The number is out of range (a 64-bit signed integer)."
        )
    if isinstance(value, list | tuple | set | frozenset):
        for number, part in enumerate(value, start=1):
            problem = _problem(part)
            if problem:
                return f"Item {number}: {problem}"
        return None
    if isinstance(value, Mapping):
        parts = [*value.keys(), *value.values()]
    elif isinstance(value, BaseModel):
        parts = [getattr(value, name) for name in type(value).model_fields]
    else:
        return None
    return next((problem for problem in map(_problem, parts) if problem), None)


class In(Schema):
    """The base of every API input schema (see the module docstring)."""

    @model_validator(mode="wrap")
    @classmethod
    def _run_root_validator(cls, values: Any, handler: ModelWrapValidatorHandler[Any], info: Any) -> Any:
        # Replaces ninja's wrapper (same name), which reads any input through attribute access and so
        # took a JSON array for an empty object. Inputs are mappings (JSON objects, query strings).
        if not isinstance(values, Mapping | BaseModel):
            raise ValueError("Send a JSON object with the fields of this request.")
        return handler(values)

    @_field_validator("*", mode="after")
    @classmethod
    def _storable(cls, value: Any) -> Any:
        problem = _problem(value)
        if problem:
            raise ValueError(problem)
        return value


def _no_default(schema: dict[str, Any]) -> None:
    schema.pop("default", None)


def optional() -> Any:
    """A field that may be left out (PATCH: left out = unchanged) but is not nullable: `null` is a 422."""
    return Field(default=None, json_schema_extra=_no_default)


def null_clears(empty: Callable[[], Any]) -> AfterValidator:
    """For a nullable field that may be empty: `null` means "clear it" and arrives as `empty()`."""
    return AfterValidator(lambda value: empty() if value is None else value)


class Page(Schema, Generic[T]):
    """A page of a list: `next` is passed back as `?cursor=` for the following page (null: the last)."""

    items: list[T]
    next: str | None


LIMIT_MAX = 100


def clamp(limit: int, *, upper: int = LIMIT_MAX) -> int:
    """A requested page size, kept between 1 and `upper` (asking for more is not an error)."""
    return max(1, min(limit, upper))


class ErrorOut(Schema):
    """Every error: a sentence, and for invalid input the messages per field (`__all__`: the whole)."""

    detail: str
    errors: dict[str, list[str]] | None = None


ERROR_STATUSES = {
    400: "Malformed request (unreadable body or cursor)",
    401: "No valid token or session",
    403: "Not allowed",
    404: "Not found, or not visible to you",
    409: "Conflicts with the current state",
    413: "Too large",
    422: "Invalid input, with messages per field",
    429: "Too many requests; retry after the Retry-After header",
}
ALWAYS = (400, 401, 422, 429)
"""Any request can be malformed, unauthenticated, invalid or over its rate limit."""


def errors(*statuses: int) -> dict[int, type[ErrorOut]]:
    """The error responses of an operation: 400, 401, 422 and 429 always, plus `statuses`."""
    unknown = set(statuses) - set(ERROR_STATUSES)
    if unknown:
        raise ValueError(f"Undocumented error statuses: {sorted(unknown)}")
    return dict.fromkeys(sorted({*ALWAYS, *statuses}), ErrorOut)
