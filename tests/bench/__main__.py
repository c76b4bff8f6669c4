"""`make bench`: build data at two sizes in a scratch database and print ratios measured in one run,
then write the same table (with the machine and the date) to docs/performance.md.

Modules are found by convention: every `tests/bench/<name>.py` (but `harness`) that defines
`run(report: harness.Report) -> None` is a benchmark; it adds its rows to the one report (sections,
times, ratios measured side by side in the same run). An optional module-level `ORDER` (default 50)
sets when it runs: `pages` (0) measures the demo organization before the others add bulk rows.
A new feature adds its module (e.g. `tests/bench/radar.py`) and nothing else.

BENCH_DATABASE_URL=postgres://... runs against PostgreSQL (a scratch database is created and dropped);
by default a SQLite file in a temporary folder is used. BENCH_SCALE=0.1 shrinks every size for a quick
look; BENCH_ONLY=pages,feed runs only those modules; BENCH_NOTE="…" adds a line to the written file's
introduction (e.g. that the machine was shared).
`python -m tests.bench --profile /feed/` prints a pyinstrument profile of one page at demo size.
"""

from __future__ import annotations

import datetime
import importlib
import os
import pathlib
import platform
import sys
import tempfile
import traceback

HERE = pathlib.Path(__file__).resolve().parent
SKIP = {"__init__", "__main__", "harness"}
KNOWN_ORDER = {"pages": 0, "people": 10, "library": 20, "feed": 30, "library_import": -10}


def modules() -> list[str]:
    """Every benchmark module, in run order (ORDER, then name); importing one needs Django set up."""
    found = []
    for path in sorted(HERE.glob("*.py")):
        if path.stem in SKIP:
            continue
        module = importlib.import_module(f"tests.bench.{path.stem}")
        if callable(getattr(module, "run", None)):
            found.append((getattr(module, "ORDER", KNOWN_ORDER.get(path.stem, 50)), path.stem))
    return [f"tests.bench.{name}" for _order, name in sorted(found)]


def machine() -> str:
    from django.db import connection

    cpu = platform.processor() or platform.machine()
    try:
        for line in pathlib.Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{platform.system()} {platform.release()}, {cpu}, {os.cpu_count()} CPUs, Python "
        f"{platform.python_version()}, {connection.vendor}, BENCH_SCALE={os.environ.get('BENCH_SCALE', '1')}"
    )


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
        failed: list[str] = []
        only = {f"tests.bench.{n.strip()}" for n in os.environ.get("BENCH_ONLY", "").split(",") if n.strip()}
        for name in modules():
            if only and name not in only:
                continue
            print(f"bench: {name}", file=sys.stderr)
            try:
                importlib.import_module(name).run(report)
            except Exception as exc:  # one module's failure keeps the others' rows (and is shown)
                traceback.print_exc()
                failed.append(name)
                report.section(f"{name} FAILED")
                report.rows.append((f"{type(exc).__name__}: {str(exc)[:200]}", "", ""))
        where = machine()
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    when = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    print(f"{where}\n{when}\n{report.render()}")
    if not only and os.environ.get("BENCH_WRITE", "1") != "0":
        (HERE.parent.parent / "docs" / "performance.md").write_text(
            report.markdown(where, when, os.environ.get("BENCH_NOTE", ""))
        )
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
