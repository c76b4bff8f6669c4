"""Background work for challenges. Thin: the work is in actions; idempotent (each reminder once)."""

from __future__ import annotations

from django_tasks import task

from ripple.challenges import actions


@task()
def send_reminders() -> int:
    """Tell entrants with a draft that entries close within a day."""
    return actions.reminders_send_due()
