"""Writing prompts: create, edit (a new version), restore an old version, delete (soft)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from ripple.library import access
from ripple.library.actions.content import (
    CONTENT_FIELDS,
    KEEP,
    _clean_origin,
    _clean_visibility,
    _resolve_department,
    _set_content,
    _snapshot,
    clean_content,
)
from ripple.library.models import (
    Prompt,
    PromptVersion,
    Visibility,
)
from ripple.people.models import Department, User
from ripple.spaces import access as space_access
from ripple.spaces.models import Space

# --- prompts -----------------------------------------------------------------------------------


@transaction.atomic
def prompt_create(
    *,
    actor: User,
    title: str,
    body: str,
    purpose: str = "",
    tools: Iterable[str] = (),
    department: Department | int | None = None,
    tags: Iterable[str] = (),
    examples: Iterable[Mapping[str, Any]] = (),
    check_output: str = "",
    visibility: str = Visibility.EVERYONE,
    origin_url: str = "",
    origin_label: str = "",
    note: str = "",
    space: Space | None = None,
    at: datetime | None = None,
) -> Prompt:
    """Share a new prompt owned by `actor` (version 1). `at` backdates it (imports, the demo). In a
    `space` (a cohort's or community's) only its members may add one, and only its readers see it."""
    space_access.require_can_post(actor, space)
    at = at or timezone.now()
    data = clean_content(
        title=title, body=body, purpose=purpose, tools=tools, tags=tags, examples=examples,
        check_output=check_output,
    )  # fmt: skip
    url, label = _clean_origin(origin_url, origin_label)
    dept = _clean_visibility(visibility, _resolve_department(department), actor)
    prompt = Prompt(
        owner=actor,
        department=dept,
        visibility=visibility,
        origin_url=url,
        origin_label=label,
        space=space,
        version=1,
        created_at=at,
        updated_at=at,
    )
    _set_content(prompt, data)
    prompt.save()
    _snapshot(prompt, author=actor, note=note or "First version", at=at)
    return prompt


@transaction.atomic
def prompt_update(
    *,
    actor: User,
    prompt: Prompt,
    note: str = "",
    visibility: str | None = None,
    department: Department | int | None | str = KEEP,
    at: datetime | None = None,
    **content: Any,
) -> Prompt:
    """Change a prompt; a change of content makes a new version (sharing settings do not).

    `visibility=None` and `department=KEEP` leave those as they are; `department=None` clears it.
    """
    access.require_can_edit(actor, prompt)
    unknown = set(content) - set(CONTENT_FIELDS)
    if unknown:
        raise TypeError(f"Unknown prompt fields: {', '.join(sorted(unknown))}")
    at = at or timezone.now()
    current = {key: getattr(prompt, key) for key in CONTENT_FIELDS}
    data = clean_content(**{**current, **content})
    fields = ["updated_at"]
    if visibility is not None or department != KEEP:
        dept = prompt.department if isinstance(department, str) else _resolve_department(department)
        vis = visibility if visibility is not None else prompt.visibility
        prompt.department = _clean_visibility(vis, dept, prompt.owner)
        prompt.visibility = vis
        fields += ["visibility", "department"]
    changed = data != current
    if changed:
        _set_content(prompt, data)
        prompt.version = F("version") + 1
        fields += [*CONTENT_FIELDS, "tags_text", "version"]
    if not changed and len(fields) == 1:
        return prompt
    prompt.updated_at = at
    prompt.save(update_fields=fields)
    prompt.refresh_from_db(fields=["version"])
    if changed:
        _snapshot(prompt, author=actor, note=note, at=at)
    return prompt


@transaction.atomic
def prompt_restore(*, actor: User, prompt: Prompt, number: int, at: datetime | None = None) -> Prompt:
    """Bring back the content of version `number` as a new version (history is never rewritten)."""
    access.require_can_edit(actor, prompt)
    old = PromptVersion.objects.filter(prompt=prompt, number=number).first()
    if old is None:
        raise ValidationError({"number": f"There is no version {number}."})
    if number == prompt.version:
        raise ValidationError({"number": f"Version {number} is the current version."})
    content = {field: getattr(old, field) for field in CONTENT_FIELDS}
    return prompt_update(actor=actor, prompt=prompt, note=f"Restored version {number}", at=at, **content)


@transaction.atomic
def prompt_delete(*, actor: User, prompt: Prompt) -> Prompt:
    """Delete a prompt (its owner, or an admin). The row stays so forks keep their lineage and reuses
    their history, but no page, search, export or API shows it any more."""
    access.require_can_edit(actor, prompt)
    prompt.deleted_at = timezone.now()
    prompt.save(update_fields=["deleted_at"])
    return prompt
