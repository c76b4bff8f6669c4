"""Validation shared by the library's writes: tools, tags, examples, content, visibility, versions."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models

from ripple.library.models import (
    BODY_MAX,
    CHECK_MAX,
    PURPOSE_MAX,
    TITLE_MAX,
    Prompt,
    PromptVersion,
    Tool,
    Visibility,
)
from ripple.library.variables import parse_variables
from ripple.people.models import Department, User

TAGS_MAX, TAG_LEN = 12, 40
EXAMPLES_MAX, EXAMPLE_FIELD_MAX = 20, 20_000
EXAMPLE_KEYS = ("input", "output", "changes")
CONTENT_FIELDS = ("title", "body", "purpose", "tools", "tags", "examples", "check_output")
KEEP = "keep"  # prompt_update(department=KEEP): leave the department as it is


def lock_counters(model: type[models.Model], pk: int) -> None:
    """Lock the row whose counters this transaction is about to change, before counting anything.

    Concurrent writers then take turns and each counts the rows committed before it (PostgreSQL, READ
    COMMITTED: every statement after the lock sees them). `no_key` (FOR NO KEY UPDATE) does not wait for
    or block the key-share locks that inserting a child row takes, so it cannot deadlock with them.
    SQLite ignores it: its IMMEDIATE transactions already hold the database's write lock.
    """
    list(model._default_manager.select_for_update(no_key=True).filter(pk=pk).values_list("pk"))


_TOOL_ALIASES = {
    "chatgpt": Tool.CHATGPT,
    "chat gpt": Tool.CHATGPT,
    "gpt": Tool.CHATGPT,
    "openai": Tool.CHATGPT,
    "copilot": Tool.COPILOT,
    "microsoft copilot": Tool.COPILOT,
    "m365 copilot": Tool.COPILOT,
    "microsoft 365 copilot": Tool.COPILOT,
    "claude": Tool.CLAUDE,
    "gemini": Tool.GEMINI,
    "any": Tool.ANY,
    "any ai tool": Tool.ANY,
}


# --- validation --------------------------------------------------------------------------------


def normalise_tools(tools: Iterable[str] | str) -> list[str]:
    """Tool names in their canonical spelling ("copilot" → "Microsoft Copilot"); ValueError for unknown."""
    if isinstance(tools, str):
        tools = [t for t in tools.split(",")]
    out: list[str] = []
    for raw in tools:
        name = " ".join(str(raw).split()).casefold()
        if not name:
            continue
        tool = _TOOL_ALIASES.get(name)
        if tool is None:
            choices = ", ".join(Tool.values)
            raise ValueError(f"“{str(raw).strip()}” is not a tool Ripple knows; choose from {choices}.")
        if tool.value not in out:
            out.append(tool.value)
    return out


def normalise_tags(tags: Iterable[str] | str) -> list[str]:
    """Tags trimmed, without a leading #, de-duplicated ignoring case; ValueError if too many or too long."""
    if isinstance(tags, str):
        tags = tags.split(",")
    out: list[str] = []
    seen: set[str] = set()
    for raw in tags:
        tag = " ".join(str(raw).split()).lstrip("#").strip()
        if not tag or tag.casefold() in seen:
            continue
        if len(tag) > TAG_LEN:
            raise ValueError(f"The tag “{tag[:20]}…” is longer than {TAG_LEN} characters.")
        seen.add(tag.casefold())
        out.append(tag)
    if len(out) > TAGS_MAX:
        raise ValueError(f"Use at most {TAGS_MAX} tags.")
    return out


def normalise_examples(examples: Iterable[Mapping[str, Any]]) -> list[dict[str, str]]:
    """Worked examples as [{"input", "output", "changes"}]; ValueError says which example is wrong."""
    out: list[dict[str, str]] = []
    for n, example in enumerate(examples or (), start=1):
        if not isinstance(example, Mapping):
            raise ValueError(f"Example {n} must have input, output and (optionally) changes.")
        unknown = set(example) - set(EXAMPLE_KEYS)
        if unknown:
            raise ValueError(f"Example {n} has unknown parts: {', '.join(sorted(map(str, unknown)))}.")
        clean = {key: str(example.get(key) or "").strip() for key in EXAMPLE_KEYS}
        if not clean["input"] and not clean["output"]:
            if not clean["changes"]:
                continue  # an empty row in a form
            raise ValueError(f"Example {n} needs an input or an output.")
        for key, value in clean.items():
            if len(value) > EXAMPLE_FIELD_MAX:
                raise ValueError(f"Example {n}: the {key} is longer than {EXAMPLE_FIELD_MAX:,} characters.")
        out.append(clean)
    if len(out) > EXAMPLES_MAX:
        raise ValueError(f"Use at most {EXAMPLES_MAX} examples.")
    return out


def _text(errors: dict[str, list[str]], field: str, value: Any, limit: int, *, required: bool = False) -> str:
    text = str(value or "").replace("\r\n", "\n").strip()
    if required and not text:
        errors.setdefault(field, []).append("This field is required.")
    if len(text) > limit:
        errors.setdefault(field, []).append(f"Keep it under {limit:,} characters (it has {len(text):,}).")
    return text


def clean_content(
    *,
    title: Any,
    body: Any,
    purpose: Any = "",
    tools: Any = (),
    tags: Any = (),
    examples: Any = (),
    check_output: Any = "",
) -> dict[str, Any]:
    """The prompt's content fields, normalised; raises one ValidationError with every field's problems."""
    errors: dict[str, list[str]] = {}
    data: dict[str, Any] = {
        "title": " ".join(_text(errors, "title", title, TITLE_MAX, required=True).split()),
        "body": _text(errors, "body", body, BODY_MAX, required=True),
        "purpose": _text(errors, "purpose", purpose, PURPOSE_MAX),
        "check_output": _text(errors, "check_output", check_output, CHECK_MAX),
    }
    if "body" not in errors:
        try:
            parse_variables(data["body"])
        except ValidationError as exc:
            errors.setdefault("body", []).extend(exc.messages)
    for field, normalise, value in (
        ("tools", normalise_tools, tools),
        ("tags", normalise_tags, tags),
        ("examples", normalise_examples, examples),
    ):
        try:
            data[field] = normalise(value)
        except ValueError as exc:
            errors.setdefault(field, []).append(str(exc))
    if errors:
        raise ValidationError(errors)
    return data


def _clean_origin(origin_url: str, origin_label: str) -> tuple[str, str]:
    url, label = (origin_url or "").strip(), " ".join((origin_label or "").split())
    errors: dict[str, str] = {}
    if url and not (
        url.startswith(("https://", "http://")) or (url.startswith("/") and not url.startswith("//"))
    ):
        errors["origin_url"] = "Give a web address (https://…) or a Ripple path (/feed/…)."
    if len(url) > 500:
        errors["origin_url"] = "Keep the address under 500 characters."
    if len(label) > 200:
        errors["origin_label"] = "Keep the label under 200 characters."
    if errors:
        raise ValidationError(errors)
    return url, label


def _resolve_department(department: Department | int | None) -> Department | None:
    if department is None or isinstance(department, Department):
        return department
    found = Department.objects.filter(pk=department).first()
    if found is None:
        raise ValidationError({"department": "That department does not exist."})
    return found


def _clean_visibility(visibility: str, department: Department | None, actor: User) -> Department | None:
    if visibility not in Visibility.values:
        raise ValidationError({"visibility": "Choose everyone, department or private."})
    if visibility == Visibility.DEPARTMENT and department is None:
        department = actor.department
        if department is None:
            raise ValidationError({"visibility": "Choose a department first: only its members will see it."})
    return department


def _set_content(prompt: Prompt, data: Mapping[str, Any]) -> None:
    for key in CONTENT_FIELDS:
        setattr(prompt, key, data[key])
    prompt.tags_text = " ".join(prompt.tag_list)


def _snapshot(prompt: Prompt, *, author: User, note: str, at: datetime) -> PromptVersion:
    return PromptVersion.objects.create(
        prompt=prompt,
        number=prompt.version,
        author=author,
        note=note[:300],
        created_at=at,
        **{key: getattr(prompt, key) for key in CONTENT_FIELDS},
    )
