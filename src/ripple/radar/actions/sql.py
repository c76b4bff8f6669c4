"""The import's hot paths as plain SQL (executemany), on SQLite and PostgreSQL alike: Django's
bulk_create and bulk_update build an expression per row and value, which made them most of an
import's time. Table and column names come from the models; values are always parameters."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from django.db import connection

from ripple.radar.models import Message

TABLE = Message._meta.db_table
COLUMNS = (
    "channel_id", "ts", "posted_at", "author_id", "text", "thread_ts", "parent_id", "is_reply", "reply_count",
    "reactions", "has_code", "harvestable", "edited", "score", "signals", "is_ai", "thread_score",
    "thread_signals", "in_ai", "learned", "harvest_checked", "imported_by_id",
)  # fmt: skip


def _json() -> str:
    return "%s::jsonb" if connection.vendor == "postgresql" else "%s"


def insert_messages(rows: Sequence[dict[str, Any]]) -> None:
    if not rows:
        return
    placeholders = ", ".join(_json() if c in ("signals", "thread_signals") else "%s" for c in COLUMNS)
    sql = f"INSERT INTO {TABLE} ({', '.join(COLUMNS)}) VALUES ({placeholders})"  # noqa: S608 - model names
    adapt = connection.ops.adapt_datetimefield_value
    job_key = Message._meta.get_field("imported_by").target_field
    jobs: dict[Any, Any] = {}  # one import's rows share their job: its key is prepared once
    params = []
    for row in rows:
        values = dict(row)
        values["posted_at"] = adapt(values["posted_at"])
        job = values["imported_by_id"]
        if job not in jobs:
            jobs[job] = job_key.get_db_prep_value(job, connection)
        values["imported_by_id"] = jobs[job]
        values["signals"] = json.dumps(values["signals"]) if values["signals"] else "[]"
        values["thread_signals"] = json.dumps(values["thread_signals"]) if values["thread_signals"] else "[]"
        params.append([values[c] for c in COLUMNS])
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


def update_threads(rows: Sequence[tuple[float, list[str], bool, int]]) -> None:
    """(thread_score, thread_signals, in_ai, id) for thread roots."""
    if not rows:
        return
    sql = f"UPDATE {TABLE} SET thread_score = %s, thread_signals = {_json()}, in_ai = %s WHERE id = %s"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.executemany(sql, [(score, json.dumps(signals), ai, pk) for score, signals, ai, pk in rows])


def settle_replies(channel_id: int, threshold: float) -> None:
    """Replies count as AI conversation when they are, or their thread is."""
    sql = (
        f"UPDATE {TABLE} SET in_ai = CASE WHEN is_ai THEN %s WHEN EXISTS (SELECT 1 FROM {TABLE} p "  # noqa: S608
        f"WHERE p.id = {TABLE}.parent_id AND p.thread_score >= %s) THEN %s ELSE %s END "
        "WHERE channel_id = %s AND parent_id IS NOT NULL"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [True, threshold, True, False, channel_id])


MARK_CHUNK = 500  # ids per UPDATE (well under SQLite's limit on parameters)


def mark(ids: Sequence[int], column: str) -> None:
    """Set a flag (learned, harvest_checked) on messages, by id."""
    assert column in ("learned", "harvest_checked")  # noqa: S101 - never user input
    with connection.cursor() as cursor:
        for start in range(0, len(ids), MARK_CHUNK):  # one statement per chunk, not one per row
            chunk = list(ids[start : start + MARK_CHUNK])
            marks = ", ".join(["%s"] * len(chunk))
            cursor.execute(f"UPDATE {TABLE} SET {column} = %s WHERE id IN ({marks})", [True, *chunk])  # noqa: S608


def existing(channel_id: int, stamps: Sequence[str]) -> dict[str, str]:
    """ts → text of the channel's messages among `stamps` (one range query: a day file's stamps are close)."""
    if not stamps:
        return {}
    wanted = set(stamps)
    sql = f"SELECT ts, text FROM {TABLE} WHERE channel_id = %s AND ts >= %s AND ts <= %s"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, [channel_id, min(stamps), max(stamps)])
        return {ts: text for ts, text in cursor.fetchall() if ts in wanted}
