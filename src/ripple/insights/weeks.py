"""Weeks (Monday, UTC) and the period filter shared by pages, the API and the report."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils import timezone

MAX_DAYS = 3 * 366  # a longer range is a typo, not a question
EARLIEST = dt.date(2000, 1, 1)


def monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def week_of(at: dt.datetime) -> dt.date:
    return monday(at.astimezone(dt.UTC).date())


def today() -> dt.date:
    return timezone.now().astimezone(dt.UTC).date()


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date

    @property
    def first_week(self) -> dt.date:
        return monday(self.start)

    @property
    def last_week(self) -> dt.date:
        return monday(self.end)

    def weeks(self) -> list[dt.date]:
        out, w = [], self.first_week
        while w <= self.last_week:
            out.append(w)
            w += dt.timedelta(days=7)
        return out


def _date(value: object, field: str) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as exc:
        raise ValidationError({field: f"“{value}” is not a date (YYYY-MM-DD)."}) from exc


def period(start: object = None, end: object = None, *, default_weeks: int = 12) -> Period:
    """The period from two optional dates (default: the last `default_weeks` weeks up to today);
    a ValidationError naming the field for a reversed, future or absurd range."""
    now = today()
    to = _date(end, "to") or now
    frm = _date(start, "from") or (monday(to) - dt.timedelta(weeks=default_weeks - 1))
    if frm > to:
        raise ValidationError({"from": "The start comes after the end; swap the dates."})
    if frm > now:
        raise ValidationError({"from": "The period starts in the future; nothing has happened yet."})
    if to > now + dt.timedelta(days=366):
        raise ValidationError({"to": "The end is more than a year ahead; pick a date up to today."})
    if frm < EARLIEST:
        raise ValidationError({"from": f"Pick a start after {EARLIEST.isoformat()}."})
    if (to - frm).days > MAX_DAYS:
        raise ValidationError({"to": "Pick a period of at most three years."})
    return Period(frm, to)


def month(value: object) -> Period:
    """A calendar month `YYYY-MM` (default: the last complete month); not after the current month."""
    now = today()
    if value in (None, ""):
        first = (now.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    else:
        try:
            first = dt.datetime.strptime(str(value), "%Y-%m").date()  # noqa: DTZ007 (a date, no time)
        except ValueError as exc:
            raise ValidationError({"month": f"“{value}” is not a month (YYYY-MM)."}) from exc
    if first > now.replace(day=1):
        raise ValidationError({"month": "That month has not started yet."})
    if first < EARLIEST:
        raise ValidationError({"month": f"Pick a month after {EARLIEST.isoformat()}."})
    nxt = (first + dt.timedelta(days=32)).replace(day=1)
    return Period(first, nxt - dt.timedelta(days=1))


def previous_month(p: Period) -> Period:
    last = p.start - dt.timedelta(days=1)
    return Period(last.replace(day=1), last)


def span_key(p: Period) -> str:
    """The EdgeSpan key of a period: its first and last week."""
    return f"{p.first_week.isoformat()}:{p.last_week.isoformat()}"


def default_spans() -> dict[str, Period]:
    """The periods the pages open with, precomputed by each refresh: the dashboard's and the map's last
    12 weeks, the report's last complete month (and the one before it), and the current month."""
    now = today()
    last = month(None)
    before = month((last.start - dt.timedelta(days=1)).strftime("%Y-%m"))
    current = month(now.strftime("%Y-%m"))
    return {span_key(p): p for p in (period(), last, before, current)}
