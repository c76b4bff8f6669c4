"""The demo's show-and-tell: six months of history, new faces, AI fails, the weeks ahead partly booked."""

from __future__ import annotations

import random

import pytest
from django.utils import timezone

from ripple.core.models import LearningEvent
from ripple.demo import build
from ripple.demo.showcase import build_showcase
from ripple.people.models import User
from ripple.showcase import selectors
from ripple.showcase.models import Attendance, Occurrence, Series, Slot

pytestmark = pytest.mark.django_db(transaction=True)


def _counts() -> tuple[int, ...]:
    return tuple(m.objects.count() for m in (Series, Occurrence, Slot, Attendance, LearningEvent))


def test_demo_series_is_lived_in_and_built_once(client):
    build.build(seed=5, people=40)
    series = Series.objects.get(title="Friday show & tell")
    now = timezone.now()
    stats = selectors.series_stats(series=series)
    assert (
        stats.sessions >= 24
        and stats.ai_fails > 0
        and stats.new_faces >= 15
        and stats.average_attendance > 10
    )
    assert Occurrence.objects.filter(series=series, status="cancelled", ends_at__lte=now).count() == 1
    ahead = list(Occurrence.objects.filter(series=series, starts_at__gt=now).order_by("starts_at")[:4])
    assert [o.booked_count for o in ahead] == [6, 4, 1, 0] and ahead[0].waiting_count == 1
    assert LearningEvent.objects.filter(kind="demo").count() > 200
    assert Occurrence.objects.filter(series=series).exclude(notes="").count() >= 24
    member = User.objects.get(email="member@example.org")
    assert Slot.objects.filter(presenter=member, occurrence__starts_at__gt=now).exists()
    first = _counts()
    build_showcase(rng=random.Random(1))
    assert _counts() == first
    client.force_login(User.objects.get(email="admin@example.org"))
    assert client.get(f"/show/{series.slug}/").status_code == 200
