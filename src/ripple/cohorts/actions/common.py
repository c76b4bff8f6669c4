"""What the cohort actions share: the cohort's own calendar, and who is in it."""

from __future__ import annotations

import functools
from datetime import date, datetime
from zoneinfo import ZoneInfo, available_timezones

from django.utils import timezone

from ripple.cohorts.models import Cohort, Enrolment, Status


def today_for(cohort: Cohort, now: datetime | None = None) -> date:
    """Today in the cohort's time zone (weeks start and end there)."""
    now = now or timezone.now()
    try:
        return now.astimezone(ZoneInfo(cohort.time_zone)).date()
    except (KeyError, ValueError):
        return timezone.localdate(now)


def member_count(cohort: Cohort) -> int:
    """Places taken (facilitators do not take a place)."""
    return Enrolment.objects.filter(cohort=cohort, status=Status.MEMBER, facilitator=False).count()


def is_full(cohort: Cohort) -> bool:
    return member_count(cohort) >= cohort.capacity


def lock(cohort: Cohort) -> None:
    """Serialise changes to who is in a cohort (places, the waiting list)."""
    Cohort.objects.select_for_update(no_key=True).filter(pk=cohort.pk).first()


@functools.cache
def time_zone_names() -> frozenset[str]:
    """The IANA zone names (read once: scanning the zone files is slow)."""
    return frozenset(available_timezones())
