"""Slack import (the conversation radar): a generated export of 200,000 messages × BENCH_SCALE
(BENCH_RADAR_MESSAGES overrides it) imported, side by side with merely reading and parsing the same
zip with orjson (goal: import ≥ 20 % of parse speed; the parse is timed just before and just after the
import, and their mean is the parse speed); and the peak memory of an import at a tenth of
that size and at the full size, each in a fresh subprocess (tracemalloc peak and peak RSS; goal:
ratio ≤ 1.5, memory flat whatever the export's size). When the day files are read in reader
processes (radar/reading.py), their peaks are added to the importer's."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import orjson
from django.db import connection

from ripple.core import uploads
from ripple.demo.radar import generate
from ripple.radar import actions, slack
from ripple.radar.models import Channel, ChatIdentity, HarvestCandidate, Message, SlackImport
from tests.bench.harness import Report

SCALE = float(os.environ.get("BENCH_SCALE", "1"))
MESSAGES = int(os.environ.get("BENCH_RADAR_MESSAGES", str(int(200_000 * SCALE))))
PER_SCALE = 3_280  # messages the generator writes at scale 1 (26 weeks, six channels)
PEOPLE = [(f"Bench Person {n}", f"bench{n}@slack.example") for n in range(600)]


def _export(path: Path, messages: int) -> int:
    """A workspace of `messages`: more channels, not denser days (a real big export has more channels
    and people; each day file here is as big as in the demo's), so memory measures what accumulates
    across the export, not the size of one day file, which is parsed whole by design."""
    copies = max(1, round(messages / PER_SCALE))
    with path.open("wb") as target:
        return generate(
            target, people=PEOPLE, rng=random.Random(13), scale=messages / (PER_SCALE * copies), copies=copies
        )


def _parse(path: Path) -> int:
    """Read the zip through core.uploads and parse every file with orjson: the floor an import can reach."""
    count = 0
    with path.open("rb") as stream:
        for member in uploads.iter_zip(stream, limits=slack.LIMITS):
            data = orjson.loads(member.data)
            if isinstance(data, list):
                count += len(data)
    return count


def _timed_parse(path: Path) -> tuple[int, float]:
    start = time.perf_counter()
    parsed = _parse(path)
    return parsed, time.perf_counter() - start


def _clean() -> None:
    HarvestCandidate.objects.all().delete()
    Message.objects.all().delete()
    Channel.objects.all().delete()
    ChatIdentity.objects.all().delete()
    SlackImport.objects.all().delete()


def _database_url() -> str:
    s = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{s['NAME']}"
    auth = s["USER"] + (f":{s['PASSWORD']}" if s.get("PASSWORD") else "")
    return f"postgres://{auth}@{s['HOST'] or 'localhost'}:{s['PORT'] or 5432}/{s['NAME']}"


CHILD = """
import json, os, resource, sys, tracemalloc
import django
django.setup()
from ripple.radar import actions, reading
from tests.bench.radar import _clean
_clean()
tracemalloc.start()
with open(sys.argv[1], "rb") as stream:
    outcome = actions.import_export(stream=stream, name="bench.zip")
peak = tracemalloc.get_traced_memory()[1]
reader = reading.LAST_READER if outcome.messages else {}  # the reader process's own peaks, when one read
print(json.dumps({"messages": outcome.messages, "traced": peak + reader.get("traced", 0),
                  "rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 + reader.get("rss", 0)}))
"""


def _memory(path: Path) -> dict[str, int]:
    env = {**os.environ, "DATABASE_URL": _database_url(), "DJANGO_SETTINGS_MODULE": "ripple.settings_test"}
    env["PYTHONPATH"] = os.pathsep.join([str(Path(__file__).resolve().parents[2] / "src"), str(Path.cwd())])
    out = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", CHILD, str(path)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=3600,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def run(report: Report) -> None:
    report.section(f"Slack import ({MESSAGES:,} messages)")
    folder = Path(tempfile.mkdtemp(prefix="ripple-radar-bench-"))
    big, small = folder / "big.zip", folder / "small.zip"
    written = _export(big, MESSAGES)
    _export(small, MESSAGES // 10)
    parsed, before = _timed_parse(big)
    _clean()
    start = time.perf_counter()
    with big.open("rb") as stream:
        outcome = actions.import_export(stream=stream, name="bench.zip")
    import_seconds = time.perf_counter() - start
    # The parse again right after: on a shared machine one parse alone can land in a fast or a slow
    # minute (112,000/s and 175,000/s an hour apart); the mean of the two brackets the import's minutes.
    parse_seconds = (before + _timed_parse(big)[1]) / 2
    assert outcome.messages == written, (outcome.messages, written)
    start = time.perf_counter()
    with big.open("rb") as stream:
        again = actions.import_export(stream=stream, name="bench.zip")
    again_seconds = time.perf_counter() - start
    assert again.messages == 0
    report.rate(f"read + parse only (orjson), {parsed:,} entries", parsed / parse_seconds)
    report.rate(
        f"import, {written:,} messages ({big.stat().st_size / uploads.MB:.1f} MB zip)",
        written / import_seconds,
    )
    report.share(
        "import speed ÷ parse speed", (written / import_seconds) / (parsed / parse_seconds), goal="≥ 20 %"
    )
    report.rate("re-import of the same export (0 new)", written / again_seconds)
    connection.close()  # the subprocesses write to the same database
    low, high = _memory(small), _memory(big)
    report.rows.append(
        (f"peak traced memory, {low['messages']:,} messages", f"{low['traced'] / uploads.MB:.1f} MB", "")
    )
    report.rows.append(
        (f"peak traced memory, {high['messages']:,} messages", f"{high['traced'] / uploads.MB:.1f} MB", "")
    )
    report.ratio("traced memory ratio (10× the messages)", high["traced"] / low["traced"], goal="≤ 1.5")
    report.ratio("peak RSS ratio (10× the messages)", high["rss"] / low["rss"], goal="≤ 1.5")
    _clean()
    for path in (big, small):
        path.unlink()
    folder.rmdir()
