"""Helpers shared by the show-and-tell actions: validation of plain fields, notification fan-out."""

from __future__ import annotations

import zoneinfo
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from ripple.core.registry import NotificationKind
from ripple.notifications.actions import notify
from ripple.people.models import User
from ripple.showcase.models import AlwaysAttend, Occurrence, Rsvp, Slot, SlotStatus

_url = URLValidator(schemes=["http", "https"])


def clean_text(value: str | None, *, field: str, label: str, max_length: int, required: bool = False) -> str:
    text = " ".join((value or "").split()) if max_length <= 200 else (value or "").strip()
    if required and not text:
        raise ValidationError({field: f"{label} is required."})
    if len(text) > max_length:
        raise ValidationError(
            {field: f"{label}: keep it under {max_length:,} characters (it has {len(text):,})."}
        )
    return text


def clean_url(value: str | None, *, field: str) -> str:
    url = (value or "").strip()
    if not url:
        return ""
    if len(url) > 500:
        raise ValidationError({field: "Keep the link under 500 characters."})
    try:
        _url(url)
    except ValidationError as exc:
        raise ValidationError({field: "Enter a full http:// or https:// link."}) from exc
    return url


def when_text(occurrence: Occurrence) -> str:
    """“Fri 13 Mar, 12:30 (Europe/London)”: in the series' zone, which every notification states."""
    tz = zoneinfo.ZoneInfo(occurrence.series.timezone)
    local = occurrence.starts_at.astimezone(tz)
    return f"{local:%a} {local.day} {local:%b}, {local:%H:%M} ({occurrence.series.timezone})"


def presenters(occurrence: Occurrence) -> list[User]:
    """Everyone with a booked or waiting slot in the session."""
    return [
        s.presenter
        for s in Slot.objects.filter(occurrence=occurrence)
        .exclude(status=SlotStatus.CANCELLED)
        .select_related("presenter")
    ]


def attendees(occurrence: Occurrence) -> list[User]:
    """People coming: an RSVP saying so, or "always attend" without an RSVP saying no."""
    said = dict(Rsvp.objects.filter(occurrence=occurrence).values_list("person_id", "going"))
    regulars = set(
        AlwaysAttend.objects.filter(series_id=occurrence.series_id).values_list("person_id", flat=True)
    )
    ids = {pk for pk, going in said.items() if going} | {pk for pk in regulars if said.get(pk, True)}
    return list(User.objects.filter(pk__in=ids, is_active=True).order_by("name", "id"))


def tell(
    people: Iterable[User], *, kind: NotificationKind, text: str, url: str, actor: User | None = None
) -> int:
    """Notify each person once (no one of their own action); returns how many were told."""
    seen: set[int] = set()
    told = 0
    for person in people:
        if person.pk in seen:
            continue
        seen.add(person.pk)
        if notify(recipient=person, kind=kind, text=text, url=url, actor=actor) is not None:
            told += 1
    return told
