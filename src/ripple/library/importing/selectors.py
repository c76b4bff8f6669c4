"""Reads for an import: what the database says about parsed rows (departments, duplicates)."""

from __future__ import annotations

from collections.abc import Iterator

from ripple.library.access import visible_prompts
from ripple.library.importing.rows import PromptRow
from ripple.library.models import Visibility
from ripple.people.models import Department, User


def _chunks(items: list[str], size: int = 500) -> Iterator[list[str]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def check_rows(*, actor: User, rows: list[PromptRow]) -> list[PromptRow]:
    """Mark departments that do not exist and exact duplicates (same title and body as a prompt
    `actor` can see, or as an earlier row). Reads only; returns `rows`."""
    names = sorted({r.department.casefold() for r in rows if r.department})
    departments = {d.name.casefold(): d for d in Department.objects.all()} if names else {}
    titles = sorted({r.title for r in rows if r.title and r.body})
    existing: set[tuple[str, str]] = set()
    for chunk in _chunks(titles):
        existing.update(visible_prompts(actor).filter(title__in=chunk).values_list("title", "body"))
    seen: dict[tuple[str, str], str] = {}
    for row in rows:
        row.duplicate_of = ""
        if row.department:
            department = departments.get(row.department.casefold())
            if department is None:
                message = f"no department is called “{row.department}”"
                if message not in row.errors:
                    row.errors.append(message)
            else:
                row.department_id = department.pk
        if row.visibility == Visibility.DEPARTMENT and not (row.department_id or actor.department_id):
            message = "visibility “department” needs a department"
            if message not in row.errors:
                row.errors.append(message)
        if row.errors:
            continue
        if row.key in existing:
            row.duplicate_of = "an existing prompt"
        elif row.key in seen:
            row.duplicate_of = seen[row.key]
        else:
            seen[row.key] = row.where
    return rows
