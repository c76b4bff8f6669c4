"""`ripple demo`: migrate, load the demo organization, print the sign-ins and serve (`ripple serve`)."""

from __future__ import annotations

import os
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from ripple.demo import build


class Command(BaseCommand):
    help = "Run Ripple with a realistic demo organization on http://127.0.0.1:$PORT (default 8000)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--people", type=int, default=150)
        parser.add_argument("--scale", type=int, default=1, help="N copies of the organization")
        parser.add_argument("--no-serve", action="store_true", help="Load the data, do not start the server")
        parser.add_argument("--port", default=os.environ.get("PORT", "8000"))
        parser.add_argument("--no-worker", action="store_true", help="Serve without the background worker")

    def handle(self, *args: Any, **opts: Any) -> None:
        if opts["people"] < 2:
            raise CommandError("--people must be at least 2 (the demo admin and member).")
        if not 1 <= opts["scale"] <= 1000:
            raise CommandError("--scale must be between 1 and 1000.")
        if not str(opts["port"]).isdigit():
            raise CommandError(f"PORT must be a number, not {opts['port']!r}.")
        self.stdout.write(f"Ripple data folder: {settings.RIPPLE_HOME}")
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write("Loading the demo organization (first run takes a moment)…")
        build.build(seed=opts["seed"], people=opts["people"], scale=opts["scale"])
        url = f"http://127.0.0.1:{opts['port']}"
        self.stdout.write(self.style.SUCCESS(f"\nRipple demo is ready at {url}\n"))
        for sign_in in build.sign_ins():
            self.stdout.write(f"  {sign_in.role:<7} {sign_in.email}  password: {sign_in.password}")
        self.stdout.write("")
        if not opts["no_serve"]:
            # The same server as production (gunicorn and the background worker): `ripple serve`.
            call_command("serve", bind=f"127.0.0.1:{opts['port']}", no_worker=opts["no_worker"])
