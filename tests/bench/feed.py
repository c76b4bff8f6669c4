"""Feed: page time and similar-question lookup at 10,000 posts and at 1,000,000, side by side in one run.

Posts are inserted with executemany in batches (the database's own triggers keep search current).
BENCH_FEED_LARGE overrides the large size (default 1,000,000 × BENCH_SCALE) when a run must be shorter.
"""

from __future__ import annotations

import os
import random
import sys
import time
from datetime import UTC, datetime, timedelta

from django.db import connection, transaction
from django.test import Client

from ripple.feed import actions
from ripple.feed.models import Post
from ripple.people.models import Department, User
from tests.bench.harness import Report, median_seconds

SCALE = float(os.environ.get("BENCH_SCALE", "1"))
SMALL = max(int(10_000 * SCALE), 100)
LARGE = int(os.environ.get("BENCH_FEED_LARGE", "0")) or max(int(1_000_000 * SCALE), 1_000)
BATCH = 5_000

WORDS = [
    "summarise",
    "contract",
    "invoice",
    "excel",
    "pivot",
    "table",
    "forecast",
    "campaign",
    "email",
    "prompt",
    "meeting",
    "notes",
    "customer",
    "ticket",
    "onboarding",
    "policy",
    "translation",
    "slides",
    "report",
    "sql",
    "query",
    "python",
    "test",
    "review",
    "budget",
    "variance",
    "interview",
    "candidate",
    "research",
    "persona",
    "roadmap",
    "vendor",
    "procurement",
    "security",
    "phishing",
    "incident",
    "runbook",
    "release",
    "notes",
    "copy",
    "headline",
    "landing",
    "page",
    "seo",
    "social",
    "post",
    "webinar",
    "training",
    "quiz",
    "checklist",
    "macro",
    "tone",
    "refund",
    "escalation",
    "knowledge",
    "base",
    "article",
    "formula",
    "rounding",
    "dashboard",
    "automation",
    "script",
    "workflow",
]
KINDS = ["win", "tip", "question", "ai_fail", "demo"]
COLUMNS = (
    "kind, title, body, body_html, tool, minutes_saved, fail_asked, fail_wrong, fail_noticed, fail_lesson, "
    "author_id, anonymous, department_id, prompt_ids, state, locked, reply_count, reaction_count, "
    "people_count, hot_score, created_at, updated_at, last_activity_at"
)


def _when(value: datetime) -> object:
    # SQLite stores naive UTC text; PostgreSQL takes aware datetimes.
    if connection.vendor == "sqlite":
        return value.astimezone(UTC).replace(tzinfo=None).isoformat(sep=" ")
    return value


def _rows(start: int, count: int, authors: list[int], departments: list[int], rng: random.Random):
    base = datetime(2026, 1, 1, tzinfo=UTC)
    for i in range(start, start + count):
        title_words = rng.sample(WORDS, 6)
        body_words = rng.sample(WORDS, 20)
        kind = KINDS[i % len(KINDS)]
        at = base + timedelta(seconds=i * 7)
        body = " ".join(body_words)
        yield (
            kind,
            " ".join(title_words).capitalize() + "?",
            body,
            f"<p>{body}</p>",
            "",
            i % 90,
            "",
            "",
            "",
            "",
            authors[i % len(authors)],
            kind == "question" and i % 7 == 0,
            departments[i % len(departments)],
            "[]",
            "live",
            False,
            i % 5,
            i % 9,
            1 + i % 4,
            at.timestamp() / 3600.0 + 12.0,
            _when(at),
            _when(at),
            _when(at),
        )


def _insert(start: int, count: int, authors: list[int], departments: list[int]) -> float:
    rng = random.Random(start)
    placeholders = ", ".join(["%s"] * len(COLUMNS.split(",")))
    sql = f"INSERT INTO feed_post ({COLUMNS}) VALUES ({placeholders})"  # noqa: S608 - constant SQL
    began = time.perf_counter()
    done = 0
    rows = _rows(start, count, authors, departments, rng)
    while done < count:
        batch = [next(rows) for _ in range(min(BATCH, count - done))]
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.executemany(sql, batch)
        done += len(batch)
        if done % 50_000 == 0:
            print(f"  feed bench: {start + done:,} posts", file=sys.stderr)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE feed_post")
    else:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return time.perf_counter() - began


def run(report: Report) -> None:
    report.section("feed")
    departments = [Department.objects.create(name=f"Feed bench dept {i}") for i in range(9)]
    people = [
        User.objects.create_user(
            f"feedbench{i}@example.org", f"Feed Bench {i}", department=departments[i % 9]
        )
        for i in range(50)
    ]
    viewer = people[0]
    author_ids, dept_ids = [p.pk for p in people], [d.pk for d in departments]
    client = Client()
    client.force_login(viewer)
    # A handful of real posts through the action (replies, reactions, topics) on top of the bulk rows.
    insert_small = _insert(0, SMALL, author_ids, dept_ids)
    for i in range(20):
        post = actions.post_create(
            actor=people[i],
            kind="question",
            title=f"Real question {i} about pivot tables",
            body="How do I summarise pivot tables?",
            topics="excel, pivot",
        )
        actions.reply_create(actor=people[i + 1], post=post, body="Try this")
        actions.reaction_set(actor=people[i + 2], post=post, emoji="tried")

    def feed() -> None:
        assert client.get("/feed/").status_code == 200

    def feed_hot() -> None:
        assert client.get("/feed/?tab=hot").status_code == 200

    def feed_kind() -> None:
        assert client.get("/feed/?kind=question").status_code == 200

    def similar() -> None:
        assert client.get("/feed/similar/", {"title": "summarise the contract invoice"}).status_code == 200

    measures = {
        "feed page (newest)": feed,
        "feed page (hot)": feed_hot,
        "feed page (questions)": feed_kind,
        "similar questions": similar,
    }
    small_times = {label: median_seconds(fn, repeat=25) for label, fn in measures.items()}
    insert_large = _insert(SMALL, LARGE - SMALL, author_ids, dept_ids)
    large_times = {label: median_seconds(fn, repeat=25) for label, fn in measures.items()}
    total = Post.objects.count()
    report.rate(f"bulk insert (executemany, search triggers on), first {SMALL:,}", SMALL / insert_small)
    report.rate(f"bulk insert, next {LARGE - SMALL:,}", (LARGE - SMALL) / insert_large)
    for label in measures:
        report.time(f"{label}, {SMALL:,} posts", small_times[label])
        report.time(f"{label}, {total:,} posts", large_times[label])
        goal = "≤ 1.3" if label.startswith("feed") else "(reported)"
        report.ratio(f"{label}: {total:,} ÷ {SMALL:,}", large_times[label] / small_times[label], goal)
