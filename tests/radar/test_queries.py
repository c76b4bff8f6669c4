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
