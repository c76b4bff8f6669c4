"""`ripple export-prompts --format csv|json|markdown|open-webui|prompts-chat [-o FILE] [--as EMAIL]`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ripple.library import exporting
from ripple.people.models import User


class Command(BaseCommand):
    help = (
        "Export prompts as CSV, JSON (full fidelity, re-importable), a zip of Markdown files, Open WebUI's "
        "prompt import JSON (open-webui) or prompts.chat's CSV (prompts-chat). "
        "With --as EMAIL: what that person can see; without: the prompts shared with everyone."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--format", choices=exporting.FORMATS, default="json")
        parser.add_argument("-o", "--output", help="File to write (default: standard output; a zip needs -o)")
        parser.add_argument("--as", dest="viewer", help="Export what this person (email) can see")
        parser.add_argument("--mine", action="store_true", help="With --as: only that person's own prompts")

    def handle(self, *args: Any, **opts: Any) -> None:
        viewer = None
        if opts["viewer"]:
            viewer = User.objects.filter(email=opts["viewer"].strip().lower()).first()
            if viewer is None:
                raise CommandError(f"No person with email {opts['viewer']}.")
        elif opts["mine"]:
            raise CommandError("--mine needs --as EMAIL.")
        prompts = exporting.exportable_prompts(viewer, mine=opts["mine"])
        fmt = opts["format"]
        if not opts["output"] or opts["output"] == "-":
            if fmt == "markdown":
                raise CommandError("A Markdown export is a zip: give a file with -o.")
            parts = exporting.iter_text(prompts, fmt)
            for part in parts:
                self.stdout.write(part, ending="")
            return
        target = Path(opts["output"])
        if not target.parent.is_dir():
            raise CommandError(f"{target.parent} is not a folder.")
        with target.open("wb") as out:
            exporting.write(prompts, fmt, out)
        self.stderr.write(f"Exported {prompts.count()} prompt(s) to {target}.")
