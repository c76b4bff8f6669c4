"""Helpers to read calendar feeds back the way a calendar app does."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone
from icalendar import Calendar


def parse(response) -> Calendar:
    """Check the RFC 5545 envelope of a feed response, then parse it with icalendar."""
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"].startswith("text/calendar")
    body = response.content
    assert body.endswith(b"\r\n")
    assert b"\n" not in body.replace(b"\r\n", b""), "bare LF line ending"
    for line in body.split(b"\r\n"):
        assert len(line) <= 75, f"line longer than 75 octets: {line!r}"
    cal = Calendar.from_ical(body)
    assert str(cal["METHOD"]) == "PUBLISH" and str(cal["VERSION"]) == "2.0" and cal.get("PRODID")
    zones = {str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")}
    uids = []
    for ev in cal.walk("VEVENT"):
        for prop in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SEQUENCE", "SUMMARY", "STATUS"):
            assert prop in ev, f"{prop} missing"
        assert ev["DTSTAMP"].dt.utcoffset() == timedelta(0)
        for prop in ("DTSTART", "DTEND"):
            tzid = ev[prop].params.get("TZID")
            assert tzid in zones, f"TZID {tzid} without a VTIMEZONE"
        uids.append(str(ev["UID"]))
    assert len(uids) == len(set(uids)), "UIDs repeat"
    assert cal.walk("VTIMEZONE") or cal.walk("VEVENT"), "a calendar needs a component"
    return cal


def events(cal: Calendar) -> list:
    return sorted(cal.walk("VEVENT"), key=lambda ev: ev["DTSTART"].dt)


def next_clock_change(tz_name: str = "Europe/London") -> date:
    """The first day from tomorrow on whose noon offset differs from the day before."""
    tz = ZoneInfo(tz_name)
    day = timezone.localdate() + timedelta(days=1)
    for _ in range(400):
        a = datetime.combine(day, time(12), tzinfo=tz).utcoffset()
        b = datetime.combine(day + timedelta(days=1), time(12), tzinfo=tz).utcoffset()
        if a != b:
            return day + timedelta(days=1)
        day += timedelta(days=1)
    raise AssertionError("no clock change within a year")
