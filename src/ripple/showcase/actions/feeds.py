"""Personal calendar feeds: a secret address per person, stored as a sha256 hash, revocable and reset."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from ripple.people.models import User, hash_secret
from ripple.showcase.models import CalendarFeed


@transaction.atomic
def calendar_feed_reset(*, actor: User, now: datetime | None = None) -> tuple[CalendarFeed, str]:
    """A new secret feed address for `actor`; the old one stops working. The token is shown once."""
    now = now or timezone.now()
    CalendarFeed.objects.filter(person=actor, revoked_at__isnull=True).update(revoked_at=now)
    raw = secrets.token_urlsafe(24)
    feed = CalendarFeed.objects.create(person=actor, token_hash=hash_secret(raw), created_at=now)
    return feed, raw


@transaction.atomic
def calendar_feed_revoke(*, actor: User, now: datetime | None = None) -> int:
    """Turn the personal feed off: its address answers 404 from now on."""
    return CalendarFeed.objects.filter(person=actor, revoked_at__isnull=True).update(
        revoked_at=now or timezone.now()
    )


def calendar_feed_used(*, feed: CalendarFeed, now: datetime | None = None) -> None:
    """Remember when a calendar last fetched the feed (at most one write an hour)."""
    now = now or timezone.now()
    if feed.last_used_at is None or now - feed.last_used_at > timedelta(hours=1):
        CalendarFeed.objects.filter(pk=feed.pk).update(last_used_at=now)
