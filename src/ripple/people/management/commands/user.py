"""`ripple user add EMAIL --name NAME [...]`: create a person from the shell."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from ripple.people import actions
from ripple.people.models import Role


def validation_message(exc: ValidationError) -> str:
    if hasattr(exc, "error_dict"):
        return "; ".join(f"{field}: {' '.join(msgs)}" for field, msgs in exc.message_dict.items())
    return " ".join(exc.messages)


class Command(BaseCommand):
    help = "Manage people: `ripple user add EMAIL --name NAME`."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        add = sub.add_parser("add", help="Add a person (creates the department or team if needed)")
        add.add_argument("email")
        add.add_argument("--name", required=True)
        add.add_argument("--department", default="")
        add.add_argument("--team", default="")
        add.add_argument("--title", default="")
        add.add_argument("--role", default=Role.MEMBER, choices=Role.values)
        add.add_argument(
            "--password", default=None, help="Without one, the person signs in after a password reset"
        )
        add.add_argument("--time-zone", default="UTC")

    def handle(self, *args: Any, **opts: Any) -> None:
        try:
            user = actions.user_create(
                email=opts["email"],
                name=opts["name"],
                password=opts["password"],
                department_name=opts["department"],
                team_name=opts["team"],
                title=opts["title"],
                role=opts["role"],
                time_zone=opts["time_zone"],
            )
        except ValidationError as exc:
            raise CommandError(validation_message(exc)) from exc
        where = f" in {user.department}" if user.department else ""
        self.stdout.write(f"Added {user.name} <{user.email}> as {user.role}{where} (id {user.pk}).")
