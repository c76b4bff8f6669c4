"""`make bench`: build data at two sizes in a scratch database and print ratios measured in one run.

BENCH_DATABASE_URL=postgres://... runs against PostgreSQL (a scratch database is created and dropped);
by default a SQLite file in a temporary folder is used. BENCH_SCALE=0.1 shrinks every size for a quick
look; BENCH_ONLY=pages,feed runs only those modules.
`python -m tests.bench --profile /feed/` prints a pyinstrument profile of one page at demo size.
"""

from __future__ import annotations

import importlib
import os
import sys
import tempfile

# pages first: it measures the demo organization before the other modules add bulk rows.
MODULES = [
    "tests.bench.pages",
    "tests.bench.people",
    "tests.bench.library",
    "tests.bench.feed",
    "tests.bench.library_import",
    "tests.bench.radar",
]


def main() -> int:
    home = tempfile.mkdtemp(prefix="ripple-bench-")
    os.environ["RIPPLE_HOME"] = home
    os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", "")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ripple.settings_test")
    import django

    django.setup()
    from django.core.management import call_command
    from django.test.utils import setup_test_environment

    from tests.bench.harness import Report

    setup_test_environment()
    from django.db import connection

    old_name = connection.settings_dict["NAME"]
    if connection.vendor == "sqlite":  # a real file (WAL), not an in-memory database
        connection.settings_dict["TEST"]["NAME"] = os.path.join(home, "bench.sqlite3")
    test_db = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    print(f"bench database: {connection.vendor} {test_db}", file=sys.stderr)
    report = Report()
    try:
        call_command("migrate", verbosity=0)
        if "--profile" in sys.argv:
            from tests.bench.pages import profile

            profile(sys.argv[sys.argv.index("--profile") + 1])
            return 0
        only = {f"tests.bench.{n.strip()}" for n in os.environ.get("BENCH_ONLY", "").split(",") if n.strip()}
        for name in MODULES:
            if only and name not in only:
                continue
            try:
                module = importlib.import_module(name)
            except ModuleNotFoundError:
                continue
            module.run(report)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    print(report.render())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
