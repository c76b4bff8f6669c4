"""Background work for show-and-tell. Thin: the work is in actions; idempotent and safe to retry
(each reminder is remembered once sent)."""

from __future__ import annotations

from django_tasks import task

from ripple.showcase import actions


@task()
def send_reminders() -> int:
    """Send the reminders that are due (presenters, people coming, hosts with empty slots)."""
    return actions.reminders_send_due()


@task()
def extend_series() -> int:
    """Generate sessions for the window ahead of every live series (rules that never end)."""
    return actions.extend_all()
