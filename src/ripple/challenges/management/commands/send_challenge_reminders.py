"""`ripple send-challenge-reminders`: remind entrants whose entry is still a draft a day before entries
close. Run it hourly from cron (or any scheduler); the work happens in a background task."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from ripple.challenges import tasks


class Command(BaseCommand):
    help = "Queue the challenge closing reminders that are due (run hourly)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--now", action="store_true", help="run in this process instead of queueing")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["now"]:
            self.stdout.write(f"{tasks.send_reminders.call()} challenge reminders sent.")
            return
        tasks.send_reminders.enqueue()
        self.stdout.write("Challenge reminders queued.")
