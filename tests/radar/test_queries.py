"""The radar's pages take a constant number of queries however many channels, threads and candidates."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.radar import exports
from tests.radar.conftest import run


def _grow() -> None:
    channels = [{"id": f"C{n}", "name": f"ai-{n}"} for n in range(10, 22)]
    days = {f"ai-{n}/2026-03-{d:02d}.json": exports.thread(d) for n in range(10, 22) for d in (3, 4)}
    for name, messages in days.items():  # each channel's threads get their own ts
        offset = int(name[3:5])
        for m in messages:
            m["ts"] = m["ts"][:-3] + f"{offset:03d}"
            m["thread_ts"] = m["thread_ts"][:-3] + f"{offset:03d}"
    run(exports.export(days, channels=exports.CHANNELS + channels))


@pytest.mark.parametrize(
    ("name", "exactly"),
    [("radar:index", 10), ("radar:connectors", 4), ("radar:harvest", 4), ("radar:identities", 3)],
)
def test_pages_are_flat(admin_client, imported, queries, name, exactly):
    url = reverse(name)
    queries.flat(lambda: queries.count(admin_client, url), _grow, exactly=exactly)


def test_pocket_page_is_flat(admin_client, imported, queries):
    from ripple.radar.models import Channel

    url = reverse("radar:pocket", args=[Channel.objects.get(name="eng-copilot").pk])

    def grow() -> None:
        days = {f"eng-copilot/2026-03-{d:02d}.json": exports.thread(d) for d in range(3, 20)}
        run(exports.export(days))

    queries.flat(lambda: queries.count(admin_client, url), grow, exactly=10)


def test_the_settle_reads_a_channel_through_its_index_whatever_the_statistics(people):
    """With planner statistics taken while the table was small (as a live database has them), SQLite
    took the parent_id index or the primary key for a channel's statements and read the whole table
    once per channel (a re-import's settle took 12 s): each names the channel's index."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from ripple.radar.actions import sql
    from ripple.radar.models import Channel, SlackImport

    if connection.vendor != "sqlite":
        pytest.skip("INDEXED BY is SQLite's; PostgreSQL plans these from its own statistics")
    run(exports.export())
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    channel, job = Channel.objects.get(name="eng-copilot"), SlackImport.objects.get()
    with CaptureQueriesContext(connection) as captured:
        sql.link_replies([channel.pk])
        sql.touched_threads([channel.pk], sql.job_key(job.pk))
        sql.settle_replies([channel.pk], 0.5)
        sql.harvest_page([channel.pk], 0, 10, 3)
    assert len(captured.captured_queries) == 4
    for query in captured.captured_queries:
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN QUERY PLAN " + query["sql"])
            steps = [row[3] for row in cursor.fetchall()]
        scans = [s for s in steps if s.startswith("SCAN") and "radar_channel" not in s and " c" not in s[4:7]]
        assert any("radar_msg_channel_time" in s for s in steps) and not scans, steps
        assert not any("parent_id_" in s for s in steps), steps  # the parent index reads every reply
