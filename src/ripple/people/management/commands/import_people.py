"""`ripple import-people FILE.csv [--skip-invalid]`: add people in bulk."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ripple.people import actions
from ripple.people.importing import ImportFileError, parse_people_csv


class Command(BaseCommand):
    help = "Import people from a CSV with columns email,name,department,team,title,manager_email."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")
        parser.add_argument(
            "--skip-invalid", action="store_true", help="Import the valid rows, skip the rest"
        )

    def handle(self, *args: Any, **opts: Any) -> None:
        path = Path(opts["file"])
        if not path.is_file():
            raise CommandError(f"{path} is not a file.")
        try:
            with path.open("rb") as stream:
                rows = parse_people_csv(stream)
        except ImportFileError as exc:
            raise CommandError(f"{path.name}: {exc}") from exc
        result = actions.people_import(rows=rows, skip_invalid=opts["skip_invalid"])
        for error in result.errors:
            self.stderr.write(error)
        if result.errors and not opts["skip_invalid"]:
            raise CommandError(
                f"{len(result.errors)} invalid row(s); nothing was imported. Fix them or pass --skip-invalid."
            )
        skipped = f", skipped {len(result.errors)} invalid row(s)" if result.errors else ""
        self.stdout.write(f"Imported {len(result.created)} people{skipped}.")
