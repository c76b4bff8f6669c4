"""The demo organization's feed: every kind, anonymous questions, answers, reactions, kudos; idempotent."""

from __future__ import annotations

import random

import pytest

from ripple.demo.feed import build_feed
from ripple.demo.people import build_people
from ripple.feed.models import Kudos, Post, PostKind, Reaction, Reply

pytestmark = pytest.mark.django_db


def _snapshot():
    return (
        list(Post.objects.order_by("id").values_list("title", "kind", "anonymous", "author__email")),
        Reply.objects.count(),
        Reaction.objects.count(),
        Kudos.objects.count(),
    )


def test_demo_feed_is_lived_in_idempotent_and_deterministic():
    build_people(rng=random.Random(1), count=40)
    build_feed(rng=random.Random(2))
    posts = Post.objects.all()
    assert set(posts.values_list("kind", flat=True)) == set(PostKind.values)
    assert posts.filter(kind="question", anonymous=True).exists()
    assert posts.filter(kind="question", accepted_reply__isnull=False).exists()
    assert posts.values("department").distinct().count() >= 8
    assert Reaction.objects.filter(emoji="tried").exists() and Kudos.objects.count() > 20
    span = posts.order_by("created_at").values_list("created_at", flat=True)
    assert (span.last() - span.first()).days > 150
    first = _snapshot()
    build_feed(rng=random.Random(2))
    assert _snapshot() == first
    Post.objects.all().delete()
    Kudos.objects.all().delete()
    build_feed(rng=random.Random(2))
    assert _snapshot()[0] == first[0]
