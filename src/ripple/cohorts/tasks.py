"""Background work for cohorts. Thin: the work is in actions; each message is remembered once sent."""

from __future__ import annotations

from django_tasks import task

from ripple.cohorts import actions


@task()
def send_messages() -> int:
    """Send the cohorts' automated messages that are due (surveys, check-in reminders)."""
    return actions.send_due()
