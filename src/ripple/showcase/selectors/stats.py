"""A series' numbers: sessions held, demos given, AI fails shared, distinct presenters, new faces per month
and the attendance trend. Three queries whatever the series' age (rows are bucketed in Python)."""

from __future__ import annotations

import zoneinfo
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.utils import timezone

from ripple.showcase.models import Occurrence, OccurrenceStatus, Series, Slot, SlotKind, SlotStatus
from ripple.showcase.selectors.agenda import first_presented

MONTHS = 12


@dataclass
class Month:
    label: str
    sessions: int = 0
    demos: int = 0
    ai_fails: int = 0
    questions: int = 0
    new_faces: int = 0
    attendees: int = 0

    @property
    def average_attendance(self) -> float:
        return round(self.attendees / self.sessions, 1) if self.sessions else 0.0


@dataclass
class Stats:
    sessions: int = 0
    demos: int = 0
    ai_fails: int = 0
    questions: int = 0
    presenters: int = 0
    new_faces: int = 0
    average_attendance: float = 0.0
    months: list[Month] = field(default_factory=list)

    def chart(self) -> dict[str, Any]:
        """What the chart draws (the same numbers as the table under it)."""
        return {
            "labels": [m.label for m in self.months],
            "demos": [m.demos for m in self.months],
            "ai_fails": [m.ai_fails for m in self.months],
            "new_faces": [m.new_faces for m in self.months],
            "attendance": [m.average_attendance for m in self.months],
        }


def series_stats(*, series: Series, now: datetime | None = None) -> Stats:
    """Everything about the sessions already held (not cancelled), the last 12 months by month."""
    now = now or timezone.now()
    tz = zoneinfo.ZoneInfo(series.timezone)
    held = list(
        Occurrence.objects.filter(series=series, status=OccurrenceStatus.SCHEDULED, starts_at__lte=now)
        .values_list("pk", "starts_at", "attendee_count")
        .order_by("starts_at")
    )
    slots = list(
        Slot.objects.filter(
            occurrence__series=series,
            occurrence__status=OccurrenceStatus.SCHEDULED,
            occurrence__starts_at__lte=now,
            status=SlotStatus.BOOKED,
        ).values_list("occurrence__starts_at", "kind", "presenter_id")
    )
    firsts = first_presented({pid for _, _, pid in slots})
    months: dict[str, Month] = {}

    def month(at: datetime) -> Month:
        key = at.astimezone(tz).strftime("%Y-%m")
        if key not in months:
            months[key] = Month(label=at.astimezone(tz).strftime("%b %Y"))
        return months[key]

    stats = Stats(sessions=len(held))
    for _pk, starts_at, attendees in held:
        m = month(starts_at)
        m.sessions += 1
        m.attendees += attendees
    presenters: set[int] = set()
    new_faces: set[int] = set()
    for starts_at, kind, presenter_id in slots:
        m = month(starts_at)
        presenters.add(presenter_id)
        if kind == SlotKind.DEMO:
            m.demos += 1
        elif kind == SlotKind.AI_FAIL:
            m.ai_fails += 1
        else:
            m.questions += 1
        if firsts.get(presenter_id) == starts_at and presenter_id not in new_faces:
            new_faces.add(presenter_id)
            m.new_faces += 1
    ordered = [months[k] for k in sorted(months)]
    stats.demos = sum(m.demos for m in ordered)
    stats.ai_fails = sum(m.ai_fails for m in ordered)
    stats.questions = sum(m.questions for m in ordered)
    stats.presenters = len(presenters)
    stats.new_faces = len(new_faces)
    total_attendees = sum(a for _, _, a in held)
    stats.average_attendance = round(total_attendees / len(held), 1) if held else 0.0
    stats.months = ordered[-MONTHS:]
    return stats
