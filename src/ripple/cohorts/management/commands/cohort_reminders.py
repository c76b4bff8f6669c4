"""`ripple cohort-reminders`: queue the cohorts' due automated messages (check-in reminders on each
cohort's reminder day, the before and after surveys). Run it hourly from cron; the work happens in a
background task (`ripple worker`), or here with --now."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from ripple.cohorts import tasks


class Command(BaseCommand):
    help = "Queue the cohorts' due reminders and survey messages (run hourly)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--now", action="store_true", help="run in this process instead of queueing")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["now"]:
            sent = tasks.send_messages.call()
            self.stdout.write(f"{sent} cohort messages sent.")
            return
        tasks.send_messages.enqueue()
        self.stdout.write("Cohort messages queued.")
