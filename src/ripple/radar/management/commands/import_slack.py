"""`ripple import-slack FILE.zip [--json] [--skip-bad-files] [--include-private NAME,...]
[--include-bots]`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ripple.core import uploads
from ripple.radar import actions


class Command(BaseCommand):
    help = (
        "Import a Slack workspace export (the zip of users.json, channels.json and one folder per channel). "
        "Public channels only unless --include-private names some. Idempotent: a re-import adds nothing; "
        "a newer export adds only what is new. All or nothing unless --skip-bad-files."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")
        parser.add_argument("--json", action="store_true", help="Print what was added and skipped as JSON")
        parser.add_argument(
            "--skip-bad-files", action="store_true", help="Import the readable day files, list the others"
        )
        parser.add_argument(
            "--include-private",
            default="",
            metavar="NAME,...",
            help="Private channels (from groups.json) to import too; DMs are never read",
        )
        parser.add_argument(
            "--include-bots", action="store_true", help="Keep bot messages (skipped by default)"
        )

    def handle(self, *args: Any, **opts: Any) -> None:
        path = Path(opts["file"])
        if not path.is_file():
            raise CommandError(f"{path} is not a file.")
        private = [n for n in opts["include_private"].split(",") if n.strip()]
        try:
            with path.open("rb") as stream:
                outcome = actions.import_export(
                    stream=stream,
                    name=path.name,
                    skip_bad_files=opts["skip_bad_files"],
                    include_private=private,
                    include_bots=opts["include_bots"],
                )
        except uploads.UploadError as exc:
            raise CommandError(f"{path.name}: {exc}") from exc
        report = outcome.as_dict()
        if opts["json"]:
            self.stdout.write(json.dumps(report, indent=2, ensure_ascii=False))
            return
        added = report["added"]
        self.stdout.write(
            f"Added {added['messages']:,} message(s), {added['channels']} channel(s), {added['threads']} "
            f"thread(s); {added['people_matched']} people matched by email, {added['chat_identities']} "
            f"chat identit(ies) new; {added['learning_events']} learning event(s), "
            f"{added['harvest_candidates']} harvest candidate(s)."
        )
        updated = report["updated"]
        if updated["edited_messages"] or updated["deleted_messages"]:
            self.stdout.write(
                f"Updated {updated['edited_messages']} edited and removed "
                f"{updated['deleted_messages']} deleted message(s)."
            )
        for reason, count in report["skipped"].items():
            self.stdout.write(f"skipped {count:,} {reason}")
        for line in report["skipped_files"]:
            self.stdout.write(f"skipped file: {line}")
        if report["unknown_user_ids"]:
            self.stdout.write(
                f"{report['unknown_user_ids']} user id(s) not in users.json (kept as unknown people)"
            )
