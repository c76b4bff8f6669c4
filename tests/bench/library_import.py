"""Prompt import: rows per second for the real prompts-chat.csv (1,529 rows) — merely parsing it, and the
whole import (parse, duplicate check, batched write) — side by side, and their ratio (goal ≥ 25 %)."""

from __future__ import annotations

import time
from statistics import median

from ripple.library import importing
from ripple.library.models import Prompt, PromptVersion
from tests.bench.harness import Report
from tests.factories import UserFactory

# First, on an empty library: the demo organization that `pages` builds holds some of the same real
# prompts, which would turn part of this import into duplicates (it leaves the library as it found it).
ORDER = -10


def _parse() -> list[importing.PromptRow]:
    with importing.PROMPTS_CHAT_CSV.open("rb") as stream:
        return importing.parse(stream, "csv")


def _clean(created: list[Prompt]) -> None:
    ids = [p.pk for p in created]
    PromptVersion.objects.filter(prompt_id__in=ids).delete()
    Prompt.objects.filter(pk__in=ids).delete()


def _near(report: Report, importer, count: int) -> None:
    """The preview's near-duplicate check when every row of the file was edited a little (a sentence
    added): one scan of the titles, one ranked query per distinct close title (capped), one for bodies."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from ripple.library.importing import selectors

    rows = _parse()
    for row in rows:
        row.body += " Keep it short."
    start = time.perf_counter()
    with CaptureQueriesContext(connection) as ctx:
        selectors.check_rows(actor=importer, rows=rows, near=True)
    elapsed = time.perf_counter() - start
    flagged = sum(1 for r in rows if r.near_duplicate_of)
    report.rate(f"preview check with near-duplicates ({flagged:,} of {count:,} flagged)", count / elapsed)
    report.rows.append(
        ("  queries for that check", str(len(ctx.captured_queries)), f"(≤ {selectors.NEAR_RANKED} ranked)")
    )


def run(report: Report) -> None:
    report.section("prompt import (prompts-chat.csv)")
    count = len(_parse())
    importer = UserFactory(email="bench-importer@example.org")
    before = Prompt.objects.count()
    # Parse and import measured in turn, five times each, so both see the same machine (2 shared cores).
    parse_times, import_times = [], []
    for _ in range(5):
        start = time.perf_counter()
        _parse()
        parse_times.append(time.perf_counter() - start)
        start = time.perf_counter()
        result = importing.import_rows(actor=importer, rows=_parse())
        import_times.append(time.perf_counter() - start)
        assert len(result.created) == 1513 and len(result.skipped) == 16, result.summary()
        _clean(result.created)
    parse_rate, import_rate = count / median(parse_times), count / median(import_times)
    report.rate(f"parse only, {count:,} rows", parse_rate)
    report.rate(f"import (parse + check + write), {len(result.created):,} created + 16 skipped", import_rate)
    report.ratio("import speed ÷ parse speed", import_rate / parse_rate, goal="≥ 0.25 (was ~0.04)")
    result = importing.import_rows(actor=importer, rows=_parse())
    start = time.perf_counter()
    again = importing.import_rows(actor=importer, rows=_parse())
    elapsed = time.perf_counter() - start
    assert not again.created
    report.rate(f"re-import, all {count:,} skipped as duplicates", count / elapsed)
    _near(report, importer, count)
    _clean(result.created)
    assert Prompt.objects.count() == before
