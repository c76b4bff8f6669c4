"""`ripple import-prompts FILE --owner EMAIL [--format csv|json|markdown] [--skip-invalid] [--dry-run]
[--background]`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ripple.library import importing
from ripple.library.importing import actions
from ripple.people.models import User


class Command(BaseCommand):
    help = (
        "Import prompts from a CSV (prompts.chat act,prompt or Ripple columns), JSON (Ripple, Open WebUI, "
        "LibreChat prompt groups, also as JSON lines, Langfuse) or a zip (Markdown files, Fabric patterns); "
        "the tool is recognised from the file. All-or-nothing unless --skip-invalid; exact duplicates "
        "are skipped."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")
        parser.add_argument("--owner", required=True, help="Email of the person who will own the prompts")
        parser.add_argument("--format", choices=importing.FORMATS, help="Default: from the file name")
        parser.add_argument(
            "--skip-invalid", action="store_true", help="Import the valid rows, skip the rows with problems"
        )
        parser.add_argument("--dry-run", action="store_true", help="Check the file; write nothing")
        parser.add_argument(
            "--background",
            action="store_true",
            help="Hand the import to the worker (`ripple worker`) and print the job id to follow it",
        )

    def handle(self, *args: Any, **opts: Any) -> None:
        path = Path(opts["file"])
        if not path.is_file():
            raise CommandError(f"{path} is not a file.")
        owner = User.objects.filter(email=opts["owner"].strip().lower()).first()
        if owner is None:
            raise CommandError(f"No person with email {opts['owner']}.")
        if not owner.is_active:
            raise CommandError(f"{owner.email} is deactivated; reactivate them first.")
        try:
            with path.open("rb") as stream:
                fmt = opts["format"] or importing.detect_format(path.name, stream.read(8))
                stream.seek(0)
                rows = importing.parse(stream, fmt, name=path.name)
        except importing.ImportFileError as exc:
            raise CommandError(f"{path.name}: {exc}") from exc
        if opts["background"] and not opts["dry_run"]:
            with path.open("rb") as stream:
                job = actions.job_stage(actor=owner, stream=stream, name=path.name, fmt=fmt)
            job = actions.job_queue(
                actor=owner, job=job, skip_invalid=opts["skip_invalid"], rows_total=len(rows)
            )
            self.stdout.write(
                f"Queued import job {job.pk} ({len(rows)} row(s)): status {job.status}. "
                f"Follow it at /library/import/jobs/{job.pk}/ or GET /api/v1/prompts/imports/{job.pk}."
            )
            return
        if opts["dry_run"]:
            rows = importing.check_rows(actor=owner, rows=rows)
            result = importing.ImportResult(
                errors=[r.error_line() for r in rows if r.errors],
                skipped=[r.duplicate_line() for r in rows if r.duplicate_of],
            )
            new = sum(1 for r in rows if not r.errors and not r.duplicate_of)
        else:
            result = importing.import_rows(actor=owner, rows=rows, skip_invalid=opts["skip_invalid"])
            new = len(result.created)
        for line in result.skipped:
            self.stderr.write(f"skipped {line}")
        for line in result.errors:
            self.stderr.write(line)
        if result.errors and not opts["skip_invalid"]:
            raise CommandError(
                f"{len(result.errors)} row(s) with problems; nothing was imported. "
                "Fix them or pass --skip-invalid."
            )
        verb = "Would import" if opts["dry_run"] else "Imported"
        summary = f"{verb} {new} prompt(s); skipped {len(result.skipped)} exact duplicate(s)"
        if result.errors:
            summary += f" and {len(result.errors)} row(s) with problems"
        self.stdout.write(summary + ".")
