"""`ripple survey_sweep`: announce rounds that opened, send due reminders (once), seal closed rounds."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from ripple.surveys import actions


class Command(BaseCommand):
    help = (
        "Announce opened survey rounds, remind non-respondents once, seal closed rounds (run every 15 min)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        done = actions.sweep()
        self.stdout.write(
            f"announced {done['announced']} · reminded {done['reminded']} · sealed {done['sealed']}"
        )
