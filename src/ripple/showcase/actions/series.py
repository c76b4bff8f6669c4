"""Series and their sessions: create, change (sessions re-aligned to the new rule), archive; skip, move,
restore or add one session; notes after it; keep the generated window rolling forward."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify

from ripple.core import markdown
from ripple.people.models import Department, User
from ripple.showcase import access, recurrence
from ripple.showcase.actions.common import attendees, clean_text, clean_url, presenters, tell, when_text
from ripple.showcase.kinds import Notice
from ripple.showcase.models import Occurrence, OccurrenceStatus, Series, Visibility

RESERVED_SLUGS = {"new", "calendar", "person", "slots"}

RULE_CANCELLED = "The series no longer meets on this date."


@dataclass
class SeriesInput:
    """What the form and the API both give to create or change a series."""

    title: str
    rrule: str
    start_date: date
    start_time: time
    timezone: str
    duration_minutes: int = 30
    description: str = ""
    location: str = ""
    video_url: str = ""
    slot_minutes: int = 5
    slots_per_session: int = 6
    visibility: str = Visibility.EVERYONE
    department_id: int | None = None
    community_id: int | None = None


def _int_in(value: Any, *, field: str, label: str, low: int, high: int) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError) as exc:
        raise ValidationError({field: f"{label} must be a whole number."}) from exc
    if not low <= number <= high:
        raise ValidationError({field: f"{label} must be between {low} and {high}."})
    return number


def _date_in(day: date) -> date:
    if not date(2000, 1, 1) <= day <= date(2100, 12, 31):
        raise ValidationError({"start_date": "Give a first session date between 2000 and 2100."})
    return day


def _cleaned(data: SeriesInput) -> dict[str, Any]:
    out: dict[str, Any] = {
        "title": clean_text(data.title, field="title", label="Title", max_length=120, required=True),
        "description": clean_text(
            data.description, field="description", label="Description", max_length=5000
        ),
        "location": clean_text(data.location, field="location", label="Location", max_length=200),
        "video_url": clean_url(data.video_url, field="video_url"),
        "duration_minutes": _int_in(
            data.duration_minutes, field="duration_minutes", label="Length", low=5, high=480
        ),
        "slot_minutes": _int_in(data.slot_minutes, field="slot_minutes", label="Slot length", low=1, high=60),
        "slots_per_session": _int_in(
            data.slots_per_session, field="slots_per_session", label="Slots per session", low=1, high=30
        ),
        "start_date": _date_in(data.start_date),
        "start_time": data.start_time.replace(second=0, microsecond=0),
    }
    slots, minutes, length = out["slots_per_session"], out["slot_minutes"], out["duration_minutes"]
    if slots * minutes > length:
        message = f"{slots} slots of {minutes} minutes do not fit in a {length}-minute session."
        raise ValidationError({"slots_per_session": message})
    recurrence.time_zone(data.timezone)
    out["timezone"] = data.timezone.strip()
    out["rrule"] = recurrence.validate(
        rule=data.rrule, start_date=data.start_date, start_time=out["start_time"], tz_name=out["timezone"]
    )
    if data.visibility not in Visibility.values:
        raise ValidationError({"visibility": "Choose everyone or one department."})
    out["visibility"] = data.visibility
    out["department"] = None
    if data.department_id:
        out["department"] = Department.objects.filter(pk=data.department_id).first()
        if out["department"] is None:
            raise ValidationError({"department": "No such department."})
    if data.visibility == Visibility.DEPARTMENT and out["department"] is None:
        raise ValidationError({"department": "Choose the department that may see this series."})
    out["community_id"] = data.community_id
    return out


def _slug(title: str, exclude_id: int | None = None) -> str:
    base = (slugify(title)[:60] or "show-and-tell").strip("-")
    if base.isdigit() or base in RESERVED_SLUGS:
        base = f"show-{base}"  # a numeric slug would read as an id; the others are page addresses
    slug, n = base, 2
    while Series.objects.filter(slug=slug).exclude(pk=exclude_id or 0).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _hosts(actor: User, hosts: list[User] | None) -> list[User]:
    return _host_list([actor, *(hosts or [])])


def _host_list(people: list[User]) -> list[User]:
    unique = list({p.pk: p for p in people}.values())
    if not unique:
        raise ValidationError({"hosts": "A series needs at least one host."})
    if any(not p.is_active for p in unique):
        raise ValidationError({"hosts": "Hosts must be active members."})
    if len(unique) > 10:
        raise ValidationError({"hosts": "A series has at most 10 hosts."})
    return unique


@transaction.atomic
def series_create(
    *, actor: User, data: SeriesInput, hosts: list[User] | None = None, now: datetime | None = None
) -> Series:
    """Start a series hosted by `actor` (and `hosts`); its sessions are generated for the window ahead
    (and from its first date, when that is in the past)."""
    access.require(access.can_create_series(actor), "Only facilitators and admins can start a series.")
    fields = _cleaned(data)
    people = _hosts(actor, hosts)
    now = now or timezone.now()
    series = Series.objects.create(
        slug=_slug(fields["title"]),
        created_by=actor,
        created_at=now,
        updated_at=now,
        description_html=markdown.render(fields["description"]) if fields["description"] else "",
        **fields,
    )
    series.hosts.set(people)
    sync_occurrences(series=series, now=now, include_past=True)
    return series


@transaction.atomic
def series_update(
    *,
    actor: User,
    series: Series,
    data: SeriesInput,
    hosts: list[User] | None = None,
    now: datetime | None = None,
) -> Series:
    """Change a series. Future sessions follow the new rule: one on the same local date moves (SEQUENCE
    bumped, people told), one the rule no longer gives is cancelled (kept, as calendars expect), new
    dates are added. Past sessions are history and never change."""
    access.require_host(actor, series)
    fields = _cleaned(data)
    now = now or timezone.now()
    place_changed = (fields["location"], fields["video_url"]) != (series.location, series.video_url)
    if series.title != fields["title"]:
        series.slug = _slug(fields["title"], exclude_id=series.pk)
    for name, value in fields.items():
        setattr(series, name, value)
    series.description_html = markdown.render(fields["description"]) if fields["description"] else ""
    series.updated_at = now
    series.save()
    if hosts is not None:
        series.hosts.set(_host_list(hosts))
    if place_changed:
        Occurrence.objects.filter(
            series=series, starts_at__gt=now, location="", video_url="", status=OccurrenceStatus.SCHEDULED
        ).update(sequence=F("sequence") + 1, updated_at=now)
    sync_occurrences(series=series, now=now, actor=actor)
    return series


@transaction.atomic
def series_archive(*, actor: User, series: Series, now: datetime | None = None) -> Series:
    """Stop a series: it leaves lists and feeds; its history stays in the ledger and on profiles."""
    access.require_host(actor, series)
    series.archived_at = now or timezone.now()
    series.save(update_fields=["archived_at"])
    return series


@transaction.atomic
def series_set_community(*, actor: User, series: Series, community_id: int | None) -> Series:
    """Attach the series to a community (or detach it: None). The communities app checks that `actor`
    leads that community; here only that they host the series (communities sit above show-and-tell and
    resolve the id, ADR 0020)."""
    access.require_host(actor, series)
    series.community_id = community_id
    series.save(update_fields=["community_id"])
    return series


def sync_occurrences(
    *, series: Series, now: datetime | None = None, include_past: bool = False, actor: User | None = None
) -> dict[str, int]:
    """Make the future sessions match the rule, up to HORIZON_DAYS ahead (bounded for rules without end)."""
    now = now or timezone.now()
    tz = recurrence.time_zone(series.timezone)
    length = timedelta(minutes=series.duration_minutes)
    first = recurrence.start_of(series.start_date, series.start_time, tz)
    after = max(first, now - timedelta(days=400)) if include_past else max(first, now)
    before = now + timedelta(days=recurrence.HORIZON_DAYS)
    wanted = {
        w.astimezone(UTC)
        for w in recurrence.instances(
            rule=series.rrule,
            start_date=series.start_date,
            start_time=series.start_time,
            tz_name=series.timezone,
            after=after,
            before=before,
        )
    }
    future = list(
        Occurrence.objects.select_for_update()
        .filter(series=series, recurrence_id__isnull=False, recurrence_id__gt=now)
        .select_related("series")
    )
    by_rid = {o.recurrence_id: o for o in future}
    unclaimed = sorted(w for w in wanted if w not in by_rid and w > now)
    moved: list[Occurrence] = []
    cancelled: list[Occurrence] = []
    for occ in future:
        assert occ.recurrence_id is not None  # noqa: S101 - filtered above
        if occ.recurrence_id in wanted:
            changed = False
            if occ.status == OccurrenceStatus.CANCELLED and occ.cancel_reason == RULE_CANCELLED:
                occ.status, occ.cancel_reason, changed = OccurrenceStatus.SCHEDULED, "", True
            if not occ.moved and occ.ends_at - occ.starts_at != length:
                occ.ends_at, changed = occ.starts_at + length, True
            if changed:
                occ.sequence += 1
                occ.updated_at = now
                occ.save()
                moved.append(occ)
            continue
        day = occ.recurrence_id.astimezone(tz).date()
        match = next((w for w in unclaimed if w.astimezone(tz).date() == day), None)
        if match is not None and occ.status == OccurrenceStatus.SCHEDULED:
            unclaimed.remove(match)
            if not occ.moved:
                occ.starts_at, occ.ends_at = match, match + length
            occ.recurrence_id = match
            occ.sequence += 1
            occ.updated_at = now
            occ.save()
            moved.append(occ)
        elif occ.status == OccurrenceStatus.SCHEDULED:
            occ.status, occ.cancel_reason = OccurrenceStatus.CANCELLED, RULE_CANCELLED
            occ.sequence += 1
            occ.updated_at = now
            occ.save()
            cancelled.append(occ)
    if include_past:
        past_known = set(
            Occurrence.objects.filter(
                series=series, recurrence_id__in=[w for w in wanted if w <= now]
            ).values_list("recurrence_id", flat=True)
        )
        unclaimed = sorted({*unclaimed, *(w for w in wanted if w <= now and w not in past_known)})
    Occurrence.objects.bulk_create(
        [
            Occurrence(
                series=series,
                recurrence_id=w,
                starts_at=w,
                ends_at=w + length,
                capacity=series.slots_per_session,
                created_at=now,
                updated_at=now,
            )
            for w in unclaimed
        ]
    )
    series.generated_until = before
    series.save(update_fields=["generated_until"])
    for occ in moved:
        tell_changed(occ, actor, f"{series.title} is now on {when_text(occ)}.")
    for occ in cancelled:
        tell_changed(occ, actor, f"{series.title} on {when_text(occ)} is cancelled: {RULE_CANCELLED}")
    return {"created": len(unclaimed), "moved": len(moved), "cancelled": len(cancelled)}


def tell_changed(occurrence: Occurrence, actor: User | None, text: str) -> None:
    people = presenters(occurrence) + attendees(occurrence)
    tell(people, kind=Notice.CHANGED, text=text, url=occurrence.get_absolute_url(), actor=actor)


def extend_all(*, now: datetime | None = None) -> int:
    """Roll every live series' window forward (run daily or hourly by `ripple send-reminders`)."""
    now = now or timezone.now()
    due = Series.objects.filter(archived_at__isnull=True).exclude(
        generated_until__gte=now + timedelta(days=recurrence.HORIZON_DAYS - 7)
    )
    created = 0
    for series in due:
        with transaction.atomic():
            created += sync_occurrences(series=series, now=now)["created"]
    return created
