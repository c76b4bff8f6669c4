"""The import's hot paths as plain SQL (executemany), on SQLite and PostgreSQL alike: Django's
bulk_create and bulk_update build an expression per row and value, which made them most of an
import's time. Table and column names come from the models; values are always parameters."""

from __future__ import annotations

import array
import json
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any

import orjson
from django.db import connection

from ripple.radar.models import Channel, HarvestCandidate, Message

TABLE = Message._meta.db_table
CHANNEL_TABLE = Channel._meta.db_table
CANDIDATE_TABLE = HarvestCandidate._meta.db_table
COLUMNS = (
    "channel_id", "ts", "posted_at", "author_id", "text", "thread_ts", "parent_id", "is_reply", "reply_count",
    "reactions", "has_code", "harvestable", "edited", "score", "signals", "is_ai", "thread_score",
    "thread_signals", "in_ai", "learned", "harvest_checked", "imported_by_id",
)  # fmt: skip


def _marks(values: Sequence[Any]) -> str:
    """One placeholder per value, for an IN list."""
    return ", ".join(["%s"] * len(values))


def _json() -> str:
    return "%s::jsonb" if connection.vendor == "postgresql" else "%s"


_SIGNALS: dict[tuple[str, ...], str] = {}  # signal lists as JSON: few distinct ones, each dumped once


def signals_json(signals: Sequence[str]) -> str:
    key = tuple(signals)
    found = _SIGNALS.get(key)
    if found is None:
        found = json.dumps(list(key))
        if len(_SIGNALS) < 10_000:
            _SIGNALS[key] = found
    return found


def stamper() -> Callable[[str], Any]:
    """Slack ts → the database's value for `posted_at`, the connection looked at once (per day file,
    not per row). SQLite stores a naive UTC datetime as its `str()` (what Django's adapt does, without
    its checks per value); PostgreSQL takes the datetime."""
    if connection.vendor == "sqlite" and connection.timezone is UTC:
        return _sqlite_stamp
    adapt = connection.ops.adapt_datetimefield_value
    return lambda ts: adapt(datetime.fromtimestamp(float(ts), tz=UTC))


_HOURS: dict[int, str] = {}  # hours since 1970 → "YYYY-MM-DD HH:" (an export spans a few thousand)


def _sqlite_stamp(ts: str) -> str:
    """`str()` of the naive UTC datetime of a Slack ts, worked out from its digits: for a ts spelled
    as `slack` spells them (10 digits, a dot, 6), the hour's text is looked up and the rest formatted
    (the float a datetime is made from is exact to the microsecond below the year 2106, so the digits
    are the datetime's; tests/radar/test_import_batches.py compares)."""
    if len(ts) != 17 or ts[10] != ".":
        return str(datetime.fromtimestamp(float(ts), UTC))[:-6]  # without "+00:00": naive
    hour, rest = divmod(int(ts[:10]), 3600)
    prefix = _HOURS.get(hour)
    if prefix is None:
        prefix = str(datetime.fromtimestamp(hour * 3600, UTC))[:14]
        if len(_HOURS) < 100_000:
            _HOURS[hour] = prefix
    minute, second = divmod(rest, 60)
    fraction = ts[11:]
    if fraction == "000000":  # a whole second: str() leaves the microseconds out
        return f"{prefix}{minute:02d}:{second:02d}"
    return f"{prefix}{minute:02d}:{second:02d}.{fraction}"


def job_key(job: Any) -> Any:
    """An import's key as the database takes it (a uuid: text on SQLite)."""
    return Message._meta.get_field("imported_by").target_field.get_db_prep_value(job, connection)


# A reply's thread (its first message, in the same channel) looked up as the reply is written: a row
# earlier in the same executemany is already there. A thread written later is linked by the settle.
_PARENT = f"(SELECT p.id FROM {TABLE} p WHERE p.channel_id = %s AND p.ts = %s AND NOT p.is_reply)"  # noqa: S608


def _placeholder(column: str) -> str:
    if column in ("signals", "thread_signals"):
        return _json()
    return _PARENT if column == "parent_id" else "%s"


def insert_messages(rows: Sequence[Sequence[Any]]) -> None:
    """Rows of values in COLUMNS order, posted_at from `stamper()`, signals from `signals_json`, the
    import's key from `job_key`, and for `parent_id` two values: the channel's id and the thread's ts
    ("" for a message that is not a reply): one executemany."""
    if not rows:
        return
    placeholders = ", ".join(_placeholder(c) for c in COLUMNS)
    sql = f"INSERT INTO {TABLE} ({', '.join(COLUMNS)}) VALUES ({placeholders})"  # noqa: S608 - model names
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def _list(value: Any) -> list[str]:
    """A JSON column as read: text on SQLite, already decoded on PostgreSQL (psycopg loads jsonb)."""
    if isinstance(value, list):
        return value
    return orjson.loads(value) if value else []


def thread_rows(
    root_ids: Sequence[int],
) -> tuple[
    list[tuple[int, float, list[str], bool, tuple[float, list[str], bool]]],
    list[tuple[int, float, list[str]]],
]:
    """(id, score, signals, is_ai, (thread_score, thread_signals, in_ai) as stored) of the roots and
    (parent_id, score, signals) of their replies."""
    if not root_ids:
        return [], []
    marks = _marks(root_ids)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id, score, signals, is_ai, thread_score, thread_signals, in_ai FROM {TABLE} "  # noqa: S608
            f"WHERE id IN ({marks})",
            list(root_ids),
        )
        roots = [
            (pk, score, _list(signals), bool(ai), (thread, _list(thread_signals), bool(in_ai)))
            for pk, score, signals, ai, thread, thread_signals, in_ai in cursor.fetchall()
        ]
        cursor.execute(
            f"SELECT parent_id, score, signals FROM {TABLE} WHERE parent_id IN ({marks})",  # noqa: S608
            list(root_ids),
        )
        replies = [(parent, score, _list(signals)) for parent, score, signals in cursor.fetchall()]
    return roots, replies


def update_threads(
    rows: Sequence[tuple[float, list[str], bool, Any]], *, channel_id: int | None = None
) -> None:
    """(thread_score, thread_signals, in_ai, id) for thread roots; with `channel_id`, the last value
    is the root's ts in that channel (its (channel, ts) key) instead of its id."""
    if not rows:
        return
    key, scope = ("channel_id = %s AND ts = %s", (channel_id,)) if channel_id is not None else ("id = %s", ())
    sql = f"UPDATE {TABLE} SET thread_score = %s, thread_signals = {_json()}, in_ai = %s WHERE {key}"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.executemany(
            sql, [(score, signals_json(signals), ai, *scope, pk) for score, signals, ai, pk in rows]
        )


def mark_in_ai_by_ts(channel_id: int, stamps: Sequence[str]) -> None:
    """These messages of one channel count as AI conversation (replies in AI threads)."""
    if not stamps:
        return
    sql = f"UPDATE {TABLE} SET in_ai = %s WHERE channel_id = %s AND ts = %s"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.executemany(sql, [(True, channel_id, ts) for ts in stamps])


CHANNEL_INDEX = "radar_msg_channel_time"  # Message.Meta.indexes: (channel, posted_at)


def _by_channel() -> str:
    """On SQLite, the channel's index for a statement scoped to a channel: with planner statistics
    (ANALYZE, as a live database has) SQLite took the parent_id index for "parent_id IS NULL" (and
    "IS NOT NULL") and the primary key for "id > …", reading the whole table once per channel (the
    import ran 3× slower; with statistics taken while the table was small, a re-import's
    `touched_threads` took 11.7 s of its 14)."""
    return f" INDEXED BY {CHANNEL_INDEX}" if connection.vendor == "sqlite" else ""


def link_replies(channel_ids: Sequence[int]) -> None:
    """Replies of these channels not linked yet (their thread was written after them) get their
    thread's first message."""
    sql = (
        f"UPDATE {TABLE}{_by_channel()} SET parent_id = (SELECT p.id FROM {TABLE} p "  # noqa: S608
        f"WHERE p.channel_id = {TABLE}.channel_id AND p.ts = {TABLE}.thread_ts AND NOT p.is_reply) "
        f"WHERE channel_id IN ({_marks(channel_ids)}) AND is_reply AND parent_id IS NULL"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, list(channel_ids))


def touched_threads(channel_ids: Sequence[int], job: Any) -> array.array[int]:
    """The ids, in order, of the threads of these channels that the import `job` (its `job_key`)
    wrote to: its first messages with replies, and the first messages of its replies (8 bytes each:
    however many there are)."""
    marks, hint = _marks(channel_ids), _by_channel()
    sql = (
        f"SELECT id FROM {TABLE}{hint} WHERE channel_id IN ({marks}) AND NOT is_reply AND "  # noqa: S608
        f"((imported_by_id = %s AND reply_count > 0) OR id IN (SELECT parent_id FROM {TABLE}{hint} "
        f"WHERE channel_id IN ({marks}) AND imported_by_id = %s AND parent_id IS NOT NULL)) ORDER BY id"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*channel_ids, job, *channel_ids, job])
        return array.array("q", (pk for (pk,) in cursor))


def settle_replies(channel_ids: Sequence[int], threshold: float) -> None:
    """The replies of these channels count as AI conversation when they are, or their thread is (only
    the rows whose flag changes are written)."""
    if not channel_ids:
        return
    marks = _marks(channel_ids)
    value = (
        f"CASE WHEN is_ai THEN %s WHEN EXISTS (SELECT 1 FROM {TABLE} p "  # noqa: S608
        f"WHERE p.id = {TABLE}.parent_id AND p.thread_score >= %s) THEN %s ELSE %s END"
    )
    sql = (
        f"UPDATE {TABLE}{_by_channel()} SET in_ai = {value} "  # noqa: S608
        f"WHERE channel_id IN ({marks}) AND parent_id IS NOT NULL AND in_ai <> {value}"
    )
    flags = [True, threshold, True, False]
    with connection.cursor() as cursor:
        cursor.execute(sql, [*flags, *channel_ids, *flags])


MARK_CHUNK = 500  # ids per UPDATE (well under SQLite's limit on parameters)


def mark(ids: Sequence[int], column: str) -> None:
    """Set a flag (learned, harvest_checked) on messages, by id."""
    assert column in ("learned", "harvest_checked")  # noqa: S101 - never user input
    with connection.cursor() as cursor:
        for start in range(0, len(ids), MARK_CHUNK):  # one statement per chunk, not one per row
            chunk = list(ids[start : start + MARK_CHUNK])
            marks = _marks(chunk)
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


def harvest_page(
    channel_ids: Sequence[int] | None, after: int, limit: int, well_reacted: int
) -> list[tuple[int, str, int, str]]:
    """(id, text, reactions, channel name) of the next `limit` messages after id `after` that the
    harvest has not looked at: AI conversation with an author, harvestable or well reacted (of these
    channels, or of all)."""
    where, values, hint = "", [], ""
    if channel_ids is not None:
        where, values = f" AND m.channel_id IN ({_marks(channel_ids)})", list(channel_ids)
        hint = _by_channel()
    sql = (
        f"SELECT m.id, m.text, m.reactions, c.name FROM {TABLE} m{hint} JOIN {CHANNEL_TABLE} c "  # noqa: S608
        f"ON c.id = m.channel_id WHERE m.harvest_checked = %s AND m.in_ai AND m.author_id IS NOT NULL "
        f"AND (m.harvestable OR m.reactions >= %s){where} AND m.id > %s ORDER BY m.id LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [False, well_reacted, *values, after, limit])
        return list(cursor.fetchall())


def known_keys(keys: set[str]) -> set[str]:
    """Which of these body keys the harvest queue holds already."""
    if not keys:
        return set()
    sql = f"SELECT body_key FROM {CANDIDATE_TABLE} WHERE body_key IN ({_marks(list(keys))})"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, list(keys))
        return {key for (key,) in cursor.fetchall()}
