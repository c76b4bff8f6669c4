"""Reads for an import: what the database says about parsed rows (departments, duplicates), and jobs."""

from __future__ import annotations

from collections.abc import Iterator

from django.core.exceptions import ValidationError
from django.http import Http404

from ripple.library.access import visible_prompts
from ripple.library.importing.rows import PromptRow
from ripple.library.models import ImportJob, ImportStatus, Visibility
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


def import_job(*, viewer: User, job_id: object, staged: bool | None = None) -> ImportJob:
    """`viewer`'s own import job (404 for anyone else's, an unknown id or an expired upload); with
    `staged=True` only one still waiting for confirmation, with `staged=False` only one handed over."""
    jobs = ImportJob.objects.filter(owner=viewer).defer("data")
    if staged is True:
        jobs = jobs.filter(status=ImportStatus.STAGED)
    elif staged is False:
        jobs = jobs.exclude(status=ImportStatus.STAGED)
    try:
        job = jobs.filter(pk=str(job_id)).first()
    except (ValueError, TypeError, ValidationError):
        job = None
    if job is None:
        raise Http404("That import is not there any more; choose the file again.")
    return job


def staged_file(*, viewer: User, job_id: object) -> ImportJob:
    """A staged upload with its bytes, for the preview and the confirm."""
    job = import_job(viewer=viewer, job_id=job_id, staged=True)
    job.refresh_from_db(fields=["data"])
    return job
