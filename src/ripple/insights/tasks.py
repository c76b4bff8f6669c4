"""Background work for insights: rebuild the rollups (idempotent: a full rebuild each time)."""

from __future__ import annotations

from django_tasks import task

from ripple.insights import actions


@task()
def refresh_rollups() -> int:
    """Rebuild the rollup tables from the ledger; answers how many events were read."""
    return actions.refresh().events
