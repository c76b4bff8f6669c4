"""Prompt import: rows per second for the real prompts-chat.csv (1,529 rows), parse and full import."""

from __future__ import annotations

import time

from ripple.library import importing
from ripple.library.models import Prompt
from tests.bench.harness import Report, median_seconds
from tests.factories import UserFactory


def _parse() -> list[importing.PromptRow]:
    with importing.PROMPTS_CHAT_CSV.open("rb") as stream:
        return importing.parse(stream, "csv")


def run(report: Report) -> None:
    report.section("prompt import (prompts-chat.csv)")
    rows = _parse()
    count = len(rows)
    report.rate(f"parse and check, {count:,} rows", count / median_seconds(_parse, repeat=5, warmup=1))
    importer = UserFactory(email="bench-importer@example.org")
    before = Prompt.objects.count()
    start = time.perf_counter()
    result = importing.import_rows(actor=importer, rows=_parse())
    elapsed = time.perf_counter() - start
    assert len(result.created) == 1513 and len(result.skipped) == 16, result.summary()
    report.rate(f"import, {len(result.created):,} created + {len(result.skipped)} skipped", count / elapsed)
    start = time.perf_counter()
    again = importing.import_rows(actor=importer, rows=_parse())
    elapsed = time.perf_counter() - start
    assert not again.created
    report.rate(f"re-import, all {count:,} skipped as duplicates", count / elapsed)
    Prompt.objects.filter(pk__in=[p.pk for p in result.created]).delete()
    assert Prompt.objects.count() == before
