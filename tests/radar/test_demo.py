"""The demo's generated Slack export, imported: the pockets a leader should see, the trap channel
left out, private channels and DMs never read, and the build idempotent."""

from __future__ import annotations

import random

from ripple.demo.radar import build_radar
from ripple.radar import selectors
from ripple.radar.models import Channel, HarvestCandidate, Message
from tests.factories import UserFactory


def test_demo_export_shows_real_pockets(db):
    for n in range(30):
        UserFactory(name=f"Person {n}", email=f"person{n}@example.org")
    build_radar(rng=random.Random(7))
    names = [p.channel.name for p in selectors.pockets()]
    assert names[:2] == ["eng-copilot", "sales-ai"] or names[:2] == ["sales-ai", "eng-copilot"]
    finance = Channel.objects.get(name="finance-models")
    assert Message.objects.filter(channel=finance).count() > 50
    assert (
        Message.objects.filter(channel=finance, in_ai=True).count() <= 2
    )  # financial models, prompt payment
    sales = next(p for p in selectors.pockets() if p.channel.name == "sales-ai")
    assert sales.growth is not None and sales.growth > 0.2
    assert not Channel.objects.filter(name="leadership").exists()
    assert HarvestCandidate.objects.count() > 5
    assert selectors.connectors()
    count = Message.objects.count()
    build_radar(rng=random.Random(7))
    assert Message.objects.count() == count
