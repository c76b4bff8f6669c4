"""The writes of an import: prompts in batches in one transaction, and the jobs that hold big imports.

`import_rows` creates every valid, new row as a prompt and its first version, a batch of BATCH rows
at a time (two statements per batch, no per-row query, bulk.py: on PostgreSQL a binary COPY of the
prompts with ids taken from their sequence up front, on SQLite a multi-row INSERT; then one
INSERT … SELECT of the versions), inside one transaction:
all-or-nothing unless `skip_invalid`. The search indexes are kept by database triggers, so bulk
inserts are searchable at once; on PostgreSQL an import of HELPER_ROWS or more computes most of its
search vectors on a second connection meanwhile (vectors.py), in batches of like weight, and writes
them with the rows. An import moves no counter and records no ledger event (a new prompt has no
reuses yet), exactly as `prompt_create`.

An `ImportJob` holds an uploaded file in the database: staged for the preview (`job_stage`), then
either imported at once (`import_job_now`) or queued for the worker (`job_queue` → tasks.run_import).
`job_run` is the worker's body: idempotent, so a retried job never imports twice. A worker killed
mid-import leaves its job "running" with no heartbeat: `job_recover_stale` marks such a job failed
(saying so) after `stale_after()`, keeping its file, and `job_retry` queues it again.
"""

from __future__ import annotations

import io
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import IO, Any

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from ripple.core import uploads
from ripple.library.importing import bulk, parsers
from ripple.library.importing.rows import PromptRow
from ripple.library.importing.selectors import check_rows
from ripple.library.importing.vectors import VectorHelper
from ripple.library.importing.vectors import split as vectors_split
from ripple.library.models import PROMPT_SEARCH, ImportJob, ImportStatus, Prompt, Visibility
from ripple.people.models import Department, User

BATCH = 500
# PostgreSQL: from this many rows the search vectors are computed on a second connection (vectors.py),
# the rows cut into this many batches of like weight, for the two connections to share the work evenly.
HELPER_ROWS, HELPER_PARTS = 200, 12
# Imports with more rows than this run in the background (web, API; the CLI with --background).
BACKGROUND_ROWS = 2_000
KEEP = timedelta(days=1)  # staged uploads nobody confirmed, and finished jobs' records, after this
STALE_MESSAGE = (
    "The import stopped: the worker running it went away (no sign of progress for {minutes} minutes). "
    "Nothing was imported; retry it."
)


def stale_after() -> timedelta:
    """How long a running job may show no sign of life before it counts as abandoned
    (RIPPLE_IMPORT_STALE_MINUTES, 10 by default: far above the heartbeat gap of a live import)."""
    return timedelta(minutes=float(getattr(settings, "RIPPLE_IMPORT_STALE_MINUTES", 10)))


@dataclass
class ImportResult:
    """What an import did (or, when nothing was written, would have done)."""

    created: list[Prompt] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # exact duplicates, one line each
    errors: list[str] = field(default_factory=list)  # rows with problems, one line each
    written: bool = False

    def summary(self) -> dict[str, Any]:
        return {"created": len(self.created), "skipped": len(self.skipped), "errors": self.errors}


def _content(row: PromptRow) -> dict[str, Any]:
    return {
        "title": row.title,
        "body": row.body,
        "purpose": row.purpose,
        "tools": row.tools,
        "tags": row.tags,
        "examples": row.examples,
        "check_output": row.check_output,
    }


@transaction.atomic
def import_rows(
    *,
    actor: User,
    rows: list[PromptRow],
    skip_invalid: bool = False,
    owners: Iterable[User] | None = None,
    dates: Iterable[datetime] | None = None,
    progress: Callable[[int], None] | None = None,
) -> ImportResult:
    """Create a prompt (version 1) for every valid row that is not an exact duplicate, in one
    transaction. All-or-nothing: any row with a problem means nothing is written, unless
    `skip_invalid`. `owners`/`dates` (the demo) give each created prompt its owner and creation time.
    Rows must come from `parse` (their content is already checked with prompt_create's rules)."""
    check_rows(actor=actor, rows=rows)
    owner_iter = iter(owners) if owners is not None else None
    date_iter = iter(dates) if dates is not None else None
    now = timezone.now()
    wanted = {r.department_id for r in rows if r.department_id and not r.errors}
    departments = {d.pk: d for d in Department.objects.filter(pk__in=wanted)} if wanted else {}
    planned: list[tuple[dict[str, Any], PromptRow]] = []
    for row in rows:
        if row.errors or row.duplicate_of:
            continue
        owner = next(owner_iter) if owner_iter is not None else actor
        at = next(date_iter) if date_iter is not None else now
        department = departments.get(row.department_id) if row.department_id else None
        if row.visibility == Visibility.DEPARTMENT and department is None:
            department = owner.department
            if department is None:
                row.errors.append("visibility “department” needs a department")
                continue
        prompt = {
            **bulk.PROMPT_DEFAULTS,
            **_content(row),
            "owner_id": owner.pk,
            "department_id": department.pk if department is not None else None,
            "visibility": row.visibility,
            "origin_url": row.origin_url,
            "origin_label": row.origin_label,
            "created_at": at,
            "updated_at": at,
            "tags_text": " ".join(row.tags),
        }
        planned.append((prompt, row))
    result = ImportResult(
        errors=[r.error_line() for r in rows if r.errors],
        skipped=[r.duplicate_line() for r in rows if r.duplicate_of and not r.errors],
    )
    if result.errors and not skip_invalid:
        return result
    # PostgreSQL: every id the import needs in one query, so each batch is one COPY (no RETURNING); a
    # big import's search vectors are computed beside it on a second connection (vectors.py).
    postgres = connection.vendor == "postgresql"
    helper = postgres and len(planned) >= HELPER_ROWS
    records_all = [record for record, _row in planned]
    batches = (
        vectors_split(records_all, PROMPT_SEARCH, parts=HELPER_PARTS, most=BATCH)
        if helper
        else [records_all[s : s + BATCH] for s in range(0, len(records_all), BATCH)]
    )
    offsets = [0]
    for batch in batches:
        offsets.append(offsets[-1] + len(batch))
    new_ids = bulk.reserve_ids(Prompt, len(planned)) if postgres else None
    created: dict[int, list[Prompt]] = {}
    with VectorHelper(batches, PROMPT_SEARCH, helper=helper) as vectors:
        while (taken := vectors.take()) is not None:
            i, batch_vectors = taken
            records = batches[i]
            reserved = new_ids[offsets[i] : offsets[i + 1]] if new_ids is not None else None
            began = time.perf_counter()
            ids = bulk.insert(Prompt, records, returning=True, ids=reserved, vectors=batch_vectors)
            bulk.copy_first_versions(ids)
            vectors.wrote(i, time.perf_counter() - began, with_vectors=batch_vectors is not None)
            alias = connection.alias
            created[i] = [bulk.as_read(pk, record, alias) for record, pk in zip(records, ids, strict=True)]
            if progress is not None:
                progress(sum(map(len, created.values())))
    result.created = [prompt for i in range(len(batches)) for prompt in created[i]]
    result.written = True
    return result


# --- jobs ------------------------------------------------------------------------------------------


def _sweep() -> None:
    """Forget staged uploads nobody confirmed, and finished jobs, after a day; fail abandoned jobs."""
    job_recover_stale()
    ImportJob.objects.filter(created_at__lt=timezone.now() - KEEP).exclude(
        status__in=(ImportStatus.QUEUED, ImportStatus.RUNNING)
    ).delete()


@transaction.atomic
def job_stage(*, actor: User, stream: IO[bytes], name: str, fmt: str) -> ImportJob:
    """Keep an upload (at most parsers.MAX_FILE_BYTES) in the database until it is confirmed."""
    data = uploads.read_capped(stream, parsers.MAX_FILE_BYTES)
    _sweep()
    return ImportJob.objects.create(owner=actor, name=name[:200], format=fmt, data=data, size=len(data))


def job_rows(job: ImportJob, progress: Callable[[int], None] | None = None) -> list[PromptRow]:
    """The job's file read into rows (ImportFileError when the file as a whole cannot be read)."""
    return parsers.parse(io.BytesIO(bytes(job.data)), job.format, name=job.name, progress=progress)


@transaction.atomic
def job_queue(*, actor: User, job: ImportJob, skip_invalid: bool, rows_total: int = 0) -> ImportJob:
    """Hand a staged import to the worker; the task is enqueued in this transaction (the database
    backend stores it with the job, so a worker sees both or neither)."""
    from ripple.library.importing import tasks

    updated = ImportJob.objects.filter(pk=job.pk, owner=actor, status=ImportStatus.STAGED).update(
        status=ImportStatus.QUEUED, skip_invalid=skip_invalid, rows_total=rows_total
    )
    if updated:
        tasks.run_import.enqueue(str(job.pk))
    job.refresh_from_db()
    return job


@transaction.atomic
def job_discard(*, actor: User, job: ImportJob) -> None:
    """Throw a staged upload away (cancelled, or imported at once)."""
    ImportJob.objects.filter(pk=job.pk, owner=actor).exclude(
        status__in=(ImportStatus.QUEUED, ImportStatus.RUNNING)
    ).delete()


def _set(job_id: Any, **values: Any) -> None:
    ImportJob.objects.filter(pk=job_id).update(**values)


def job_run(*, job_id: str) -> str:
    """Run a queued import (the worker's task). Claims the job, reads the file (progress: rows
    read), then writes every prompt and the job's outcome in one transaction, so a crash leaves
    nothing imported and the job can run again; a job already done or failed is left alone."""
    with transaction.atomic():
        job = ImportJob.objects.select_for_update().filter(pk=job_id).first()
        if job is None or job.finished:
            return job.status if job is not None else "missing"
        job.status, job.started_at = ImportStatus.RUNNING, timezone.now()
        job.heartbeat_at = job.started_at
        job.save(update_fields=["status", "started_at", "heartbeat_at"])
    try:
        rows = job_rows(job, progress=lambda n: _set(job.pk, rows_total=n, heartbeat_at=timezone.now()))
    except uploads.UploadError as exc:
        _finish(job, status=ImportStatus.FAILED, result={"errors": [str(exc)], "detail": str(exc)})
        return ImportStatus.FAILED
    _set(job.pk, rows_total=len(rows), heartbeat_at=timezone.now())
    with transaction.atomic():
        locked = ImportJob.objects.select_for_update().get(pk=job.pk)
        # Another run got here first, or this run was given up for dead (and maybe retried) meanwhile.
        if locked.finished or locked.started_at != job.started_at:
            return locked.status
        result = import_rows(actor=job.owner, rows=rows, skip_invalid=job.skip_invalid)
        summary = {"errors": result.errors, "skipped_rows": result.skipped, "detail": describe(result)}
        status = ImportStatus.DONE if result.written else ImportStatus.FAILED
        _finish(
            locked, status=status, result=summary, created=len(result.created), skipped=len(result.skipped)
        )
    return status


def _finish(
    job: ImportJob, *, status: str, result: dict[str, Any], created: int = 0, skipped: int = 0
) -> None:
    _set(
        job.pk,
        status=status,
        result=result,
        rows_written=created,
        skipped=skipped,
        data=b"",
        finished_at=timezone.now(),
    )


def job_fail(*, job_id: str, message: str) -> None:
    """Record that a job broke (an unexpected error in the worker); nothing of it was written."""
    _set(job_id, status=ImportStatus.FAILED, result={"errors": [message], "detail": message}, data=b"")


def job_recover_stale(*, job_id: Any = None) -> int:
    """Fail every running job (or just `job_id`) whose worker shows no sign of life for stale_after():
    killed mid-import, its write was rolled back, so nothing of it is in the database. The file is
    kept so `job_retry` can queue it again. On PostgreSQL a job whose row a live worker holds locked
    (it is writing) is skipped. Returns how many jobs were failed."""
    limit = stale_after()
    cutoff = timezone.now() - limit
    message = STALE_MESSAGE.format(minutes=f"{limit.total_seconds() / 60:g}")
    jobs = ImportJob.objects.filter(status=ImportStatus.RUNNING)
    if job_id is not None:
        jobs = jobs.filter(pk=job_id)
    with transaction.atomic():
        stale = list(
            jobs.select_for_update(skip_locked=connection.features.has_select_for_update_skip_locked)
            .filter(Q(heartbeat_at__lt=cutoff) | Q(heartbeat_at__isnull=True, started_at__lt=cutoff))
            .values_list("pk", flat=True)
        )
        if stale:
            ImportJob.objects.filter(pk__in=stale).update(
                status=ImportStatus.FAILED,
                result={"errors": [message], "detail": message, "retry": True},
                finished_at=timezone.now(),
            )
    return len(stale)


@transaction.atomic
def job_retry(*, actor: User, job: ImportJob) -> ImportJob:
    """Queue again an import given up for dead (job_recover_stale). Nothing of its first run was
    written and job_run writes in one transaction with the job's outcome, so it imports once."""
    from ripple.library.importing import tasks

    updated = (
        ImportJob.objects.filter(pk=job.pk, owner=actor, status=ImportStatus.FAILED, result__retry=True)
        .exclude(data=b"")
        .update(status=ImportStatus.QUEUED, result={}, started_at=None, heartbeat_at=None, finished_at=None)
    )
    if updated:
        tasks.run_import.enqueue(str(job.pk))
    job.refresh_from_db()
    return job


def describe(result: ImportResult) -> str:
    if not result.written:
        return (
            f"{len(result.errors)} row(s) have problems; nothing was imported. "
            "Fix them, or import again skipping the rows with problems."
        )
    text = f"Imported {len(result.created)} prompt(s); skipped {len(result.skipped)} exact duplicate(s)"
    if result.errors:
        text += f" and {len(result.errors)} row(s) with problems"
    return text + "."
