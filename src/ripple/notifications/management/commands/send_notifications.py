"""`ripple send-notifications --digest | --emails`: queue the weekly digest or sweep unsent notification
emails. Run from cron (or any scheduler): the work itself happens in background tasks (`ripple worker`)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ripple.notifications import tasks


class Command(BaseCommand):
    help = "Queue the weekly digest emails (--digest) or email notifications not sent yet (--emails)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--digest", action="store_true", help="queue one weekly digest per active member")
        parser.add_argument("--emails", action="store_true", help="queue emails for unsent notifications")

    def handle(self, *args: Any, **options: Any) -> None:
        if not (options["digest"] or options["emails"]):
            raise CommandError("Say what to send: --digest, --emails or both.")
        if options["digest"]:
            tasks.send_weekly_digests.enqueue()
            self.stdout.write("Weekly digests queued.")
        if options["emails"]:
            tasks.send_pending_notification_emails.enqueue()
            self.stdout.write("Notification emails queued.")
