"""Background imports of Slack exports (django-tasks; `ripple worker`). Thin: the work is
actions.job_run, which is one transaction and safe to retry."""

from __future__ import annotations

import logging

from django_tasks import task

from ripple.radar import actions

log = logging.getLogger(__name__)


@task()
def run_import(job_id: str) -> str:
    try:
        return actions.job_run(job_id=job_id)
    except Exception:
        log.exception("slack import %s broke", job_id)
        actions.job_fail(
            job_id=job_id, message="The import stopped with an unexpected error; nothing was imported."
        )
        raise
