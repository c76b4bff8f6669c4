"""What calendar feeds hold: a series' sessions, or everything one person presents at or attends.

Both read access at the time of the request: a series the person may no longer see (a department series
after they moved department, an archived one) leaves their feed, whatever they signed up for."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db.models import Q, QuerySet
from django.utils import timezone

from ripple.people.models import User, hash_secret
from ripple.showcase import access
from ripple.showcase.models import CalendarFeed, Occurrence, Rsvp, Series, SlotStatus
from ripple.showcase.selectors.agenda import present_slots

HISTORY = timedelta(days=180)  # calendars keep past events; six months of them is plenty
MAX_EVENTS = 500


def feed_by_token(token: str) -> CalendarFeed | None:
    """The active feed whose secret is `token`, of an active person; None otherwise (the view says 404)."""
    if not token or len(token) > 100:
        return None
    return (
        CalendarFeed.objects.select_related("person")
        .filter(token_hash=hash_secret(token), revoked_at__isnull=True, person__is_active=True)
        .first()
    )


def active_feed(person: User) -> CalendarFeed | None:
    return CalendarFeed.objects.filter(person=person, revoked_at__isnull=True).first()


def _window(qs: QuerySet[Occurrence], now: datetime) -> QuerySet[Occurrence]:
    return (
        qs.filter(starts_at__gte=now - HISTORY)
        .select_related("series")
        .order_by("starts_at", "id")[:MAX_EVENTS]
    )


def series_events(*, viewer: User, series: Series, now: datetime | None = None) -> list[Occurrence]:
    """Every session of a series in the feed window, cancelled ones included (calendars drop them)."""
    now = now or timezone.now()
    occurrences = list(_window(Occurrence.objects.filter(series=series), now))
    present_slots(viewer, occurrences)
    return occurrences


def person_events(*, person: User, now: datetime | None = None) -> list[Occurrence]:
    """Sessions `person` presents at (booked or waiting), said they would come to, or comes to by "always
    attend" without saying no, in series they may see now."""
    now = now or timezone.now()
    said_no = Rsvp.objects.filter(person=person, going=False).values("occurrence_id")
    mine = (
        Q(slots__presenter=person, slots__status__in=[SlotStatus.BOOKED, SlotStatus.WAITING])
        | Q(rsvps__person=person, rsvps__going=True)
        | (Q(series__regulars__person=person) & ~Q(pk__in=said_no))
    )
    ids = Occurrence.objects.filter(mine).values("pk")
    qs = Occurrence.objects.filter(pk__in=ids, series__in=access.visible_series(person))
    occurrences = list(_window(qs, now))
    present_slots(person, occurrences)
    return occurrences
