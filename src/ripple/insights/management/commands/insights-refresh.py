"""`ripple insights-refresh`: rebuild insights' rollups now (or `--background` through `ripple worker`).
Schedule it hourly (cron) so the dashboards stay fresh."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from ripple.insights import actions, tasks


class Command(BaseCommand):
    help = "Rebuild the insights rollup tables from the learning-event ledger (run hourly)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--background", action="store_true", help="queue it for `ripple worker`")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["background"]:
            tasks.refresh_rollups.enqueue()
            self.stdout.write("Insights refresh queued.")
            return
        done = actions.refresh()
        self.stdout.write(f"Insights refreshed: {done.events} events in {done.seconds:.2f} s.")
