"""Show-and-tell's part of the weekly digest: the next session's agenda (registered in ShowcaseConfig)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.utils import timezone

from ripple.people.models import User
from ripple.showcase import access
from ripple.showcase.models import AlwaysAttend, Occurrence, OccurrenceStatus
from ripple.showcase.selectors.agenda import present_slots

AHEAD = timedelta(days=8)


@dataclass
class DigestPart:
    occurrence: Occurrence
    always: bool


def digest(viewer: User, since: datetime) -> DigestPart | None:
    """The viewer's next session (of a series they always attend, else of any series they may see) in the
    coming week, with its agenda; None when there is none, so the digest leaves the section out."""
    now = timezone.now()
    qs = (
        Occurrence.objects.filter(
            status=OccurrenceStatus.SCHEDULED,
            starts_at__gt=now,
            starts_at__lte=now + AHEAD,
            series__in=access.visible_series(viewer),
        )
        .select_related("series")
        .order_by("starts_at", "id")
    )
    regular = set(AlwaysAttend.objects.filter(person=viewer).values_list("series_id", flat=True))
    upcoming = list(qs[:20])
    if not upcoming:
        return None
    chosen = next((o for o in upcoming if o.series_id in regular), upcoming[0])
    present_slots(viewer, [chosen])
    return DigestPart(occurrence=chosen, always=chosen.series_id in regular)
