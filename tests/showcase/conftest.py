from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from django.utils import timezone

from ripple.showcase import actions
from ripple.showcase.models import Occurrence
from tests.factories import UserFactory


def make_series(
    host,
    *,
    start: date | None = None,
    rrule: str = "FREQ=WEEKLY",
    tz: str = "Europe/London",
    at: time = time(12, 30),
    now: datetime | None = None,
    **extra,
):
    """A weekly series (on the start date's weekday) hosted by `host`."""
    start = start or (timezone.localdate() + timedelta(days=1))
    data = actions.SeriesInput(
        title=extra.pop("title", "Friday show & tell"),
        rrule=rrule,
        start_date=start,
        start_time=at,
        timezone=tz,
        duration_minutes=extra.pop("duration_minutes", 30),
        location=extra.pop("location", "Room 4"),
        **extra,
    )
    return actions.series_create(actor=host, data=data, now=now)


def upcoming(series, n: int = 0) -> Occurrence:
    return list(Occurrence.objects.filter(series=series, starts_at__gt=timezone.now()).order_by("starts_at"))[
        n
    ]


@pytest.fixture
def host(facilitator):
    return facilitator


@pytest.fixture
def series(host):
    return make_series(host)


@pytest.fixture
def session(series):
    return upcoming(series)


@pytest.fixture
def people(db):
    return [UserFactory() for _ in range(8)]


@pytest.fixture
def host_client(client, host):
    client.force_login(host)
    return client
