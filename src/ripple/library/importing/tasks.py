"""Background imports (django-tasks; `ripple worker` runs them, the tests the immediate backend).
Thin: the work is actions.job_run, idempotent and safe to retry."""

from __future__ import annotations

import logging

from django_tasks import task

from ripple.library.importing import actions

log = logging.getLogger(__name__)


@task()
def run_import(job_id: str) -> str:
    """Import one queued job's file; its status, progress and result are on the ImportJob row."""
    try:
        return actions.job_run(job_id=job_id)
    except Exception:
        log.exception("import job %s broke", job_id)
        actions.job_fail(
            job_id=job_id, message="The import stopped with an unexpected error; nothing was imported."
        )
        raise
