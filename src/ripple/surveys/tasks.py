"""Background work for surveys (django-tasks). Thin: the work is in actions; every task is idempotent."""

from __future__ import annotations

from django_tasks import task

from ripple.surveys import actions


@task()
def announce_round(round_id: int) -> int:
    """Tell the audience a round is open (once)."""
    return actions.announce_round(round_id=round_id)


@task()
def remind_round(round_id: int) -> int:
    """Remind people who have not answered (once per round)."""
    return actions.remind_round(round_id=round_id)


@task()
def survey_sweep() -> dict[str, int]:
    """Run from a schedule (every 15 minutes): announce opened rounds, send reminders, seal closed ones."""
    return actions.sweep()
