"""`ripple send-reminders`: queue show-and-tell reminders and roll each series' sessions forward.
Run it hourly from cron (or any scheduler); the work happens in background tasks (`ripple worker`)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from ripple.showcase import tasks


class Command(BaseCommand):
    help = "Queue due show-and-tell reminders and generate upcoming sessions (run hourly)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--now", action="store_true", help="run in this process instead of queueing")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["now"]:
            created = tasks.extend_series.call()
            sent = tasks.send_reminders.call()
            self.stdout.write(f"{created} sessions generated, {sent} reminders sent.")
            return
        tasks.extend_series.enqueue()
        tasks.send_reminders.enqueue()
        self.stdout.write("Show-and-tell reminders queued.")
