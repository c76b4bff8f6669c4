"""`ripple token create EMAIL [--name N]`: print a new personal API token on the last line."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ripple.people import actions
from ripple.people.models import User


class Command(BaseCommand):
    help = "Manage personal API tokens: `ripple token create EMAIL`."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="Create a token; only the token is printed on the last line")
        create.add_argument("email")
        create.add_argument("--name", default="Command line")

    def handle(self, *args: Any, **opts: Any) -> None:
        user = User.objects.filter(email=opts["email"].strip().lower()).first()
        if user is None:
            raise CommandError(f"No person with email {opts['email']}.")
        if not user.is_active:
            raise CommandError(f"{user.email} is deactivated; reactivate them first.")
        token, raw = actions.token_create(user=user, name=opts["name"])
        self.stderr.write(f"Token “{token.name}” for {user.email} (shown once):")
        self.stdout.write(raw)
