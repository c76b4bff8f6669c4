"""iCalendar (RFC 5545) output for subscription by Outlook, Google Calendar and Apple Calendar.

One VEVENT per session with its own stable UID (kept when the session moves); `SEQUENCE` counts changes of
time or place; cancelled sessions stay in the feed as `STATUS:CANCELLED` so calendars remove them;
times carry the series' TZID with a matching VTIMEZONE covering the feed's dates. `icalendar` writes
CRLF line ends and folds lines at 75 octets.
"""

from __future__ import annotations

import zoneinfo
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta

from django.conf import settings
from icalendar import Calendar, Event, Timezone

from ripple.showcase.models import Occurrence, OccurrenceStatus

PRODID = "-//Ripple//Show and tell//EN"
CONTENT_TYPE = "text/calendar; charset=utf-8"


def _description(occurrence: Occurrence, url: str) -> str:
    lines: list[str] = []
    if occurrence.is_cancelled:
        lines.append("Cancelled" + (f": {occurrence.cancel_reason}" if occurrence.cancel_reason else "."))
    agenda = getattr(occurrence, "agenda", [])
    if agenda:
        lines.append("Agenda:")
        for n, slot in enumerate(agenda, start=1):
            lines.append(f"{n}. {slot.title} — {slot.presenter.name} ({slot.get_kind_display()})")
    free = max(0, occurrence.capacity - len(agenda))
    if free and not occurrence.is_cancelled:
        lines.append(f"{free} demo slot{'s' if free != 1 else ''} free: sign up at {url}")
    if occurrence.video:
        lines.append(f"Join: {occurrence.video}")
    lines.append(url)
    return "\n".join(lines)


def event(occurrence: Occurrence) -> Event:
    series = occurrence.series
    tz = zoneinfo.ZoneInfo(series.timezone)
    url = settings.SITE_URL.rstrip("/") + occurrence.get_absolute_url()
    ev = Event()
    ev.add("uid", occurrence.uid)
    ev.add("dtstamp", occurrence.updated_at.astimezone(UTC))
    ev.add("created", occurrence.created_at.astimezone(UTC))
    ev.add("last-modified", occurrence.updated_at.astimezone(UTC))
    ev.add("dtstart", occurrence.starts_at.astimezone(tz))
    ev.add("dtend", occurrence.ends_at.astimezone(tz))
    ev.add("summary", f"Show & tell: {series.title}")
    ev.add("description", _description(occurrence, url))
    where = occurrence.where or occurrence.video
    if where:
        ev.add("location", where)
    ev.add("url", url)
    ev.add("sequence", occurrence.sequence)
    ev.add("status", "CANCELLED" if occurrence.status == OccurrenceStatus.CANCELLED else "CONFIRMED")
    ev.add("transp", "OPAQUE")
    ev.add("categories", ["Show & tell"])
    return ev


def calendar(*, name: str, occurrences: Iterable[Occurrence], fallback_tz: str = "UTC") -> bytes:
    """A complete VCALENDAR (METHOD:PUBLISH) of `occurrences`, a VTIMEZONE for every zone it uses."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-published-ttl", "PT1H")
    cal.add("refresh-interval", timedelta(hours=1), parameters={"VALUE": "DURATION"})
    items = list(occurrences)
    spans: dict[str, tuple[date, date]] = {}
    for occ in items:
        tz_name = occ.series.timezone
        first, last = spans.get(tz_name, (occ.starts_at.date(), occ.ends_at.date()))
        spans[tz_name] = (min(first, occ.starts_at.date()), max(last, occ.ends_at.date()))
    if not spans:  # a calendar needs at least one component to be valid
        today = datetime.now(UTC).date()
        spans[fallback_tz] = (today, today)
    for tz_name, (first, last) in sorted(spans.items()):
        cal.add_component(
            Timezone.from_tzinfo(
                zoneinfo.ZoneInfo(tz_name),
                tzid=tz_name,
                first_date=first - timedelta(days=1),
                last_date=last + timedelta(days=1),
            )
        )
    for occ in items:
        cal.add_component(event(occ))
    return cal.to_ical()


def filename(text: str) -> str:
    safe = "".join(c if c.isalnum() or c in "-_" else "-" for c in text.lower()).strip("-")
    return (safe or "show-and-tell")[:60] + ".ics"
