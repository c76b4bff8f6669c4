"""The `ripple` command: Django's manage.py with Ripple's own verbs.

ripple demo                  migrate, load the demo organization, serve on 127.0.0.1:$PORT
ripple serve                 gunicorn + the background worker (--bind, --workers, --no-worker)
ripple user add EMAIL ...    ripple token create EMAIL    ripple import-people FILE.csv
ripple import-prompts FILE --owner EMAIL     ripple export-prompts --format json
ripple import-slack EXPORT.zip [--json]      (the conversation radar)
ripple send-notifications --digest|--emails  (weekly digest; catch-up for unsent emails)
ripple worker                run background tasks (only, without the web server)
ripple <any manage.py command>
"""

from __future__ import annotations

import os
import sys

ALIASES = {
    "import-people": "import_people",
    "import-prompts": "import_prompts",
    "export-prompts": "export_prompts",
    "import-slack": "import_slack",
    "worker": "db_worker",
    "send-notifications": "send_notifications",
    "send-reminders": "send_reminders",
    "send-challenge-reminders": "send_challenge_reminders",
    "cohort-reminders": "cohort_reminders",
}


def main(argv: list[str] | None = None) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] in ALIASES:
        args[0] = ALIASES[args[0]]
    if args and args[0] == "demo":
        os.environ.setdefault("RIPPLE_DEMO", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ripple.settings")
    try:
        from django.core.management import execute_from_command_line

        execute_from_command_line(["ripple", *args])
    except KeyboardInterrupt:
        sys.exit(130)
    except SystemExit:
        raise
    except Exception as exc:  # one line, no traceback: the CLI's contract
        if os.environ.get("RIPPLE_TRACEBACK"):
            raise
        message = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        sys.stderr.write(f"ripple: {message}\n")
        sys.exit(1)


if __name__ == "__main__":
    main()
