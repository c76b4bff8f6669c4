"""Suggested presenters: people with recent wins, well-reused prompts or kudos who have never (or not
recently) presented, each with the reason shown to the host.

Everything is read as the host may see it: wins through the feed's access rule (anonymous posts never
count: that would name their author), prompts through the library's (a private or other-department prompt
neither counts nor is named), kudos (public) through the ledger.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db.models import Count, F, Q
from django.utils import timezone

from ripple.core.models import LearningEvent
from ripple.feed import access as feed_access
from ripple.library import access as library_access
from ripple.people.models import User
from ripple.showcase import access
from ripple.showcase.models import Invitation, Occurrence, OccurrenceStatus, Slot, SlotStatus

WINDOW = timedelta(days=30)  # "this month"
RECENTLY = timedelta(days=60)  # presented less than this ago: let someone else have a go
CANDIDATES = 100


@dataclass
class Suggestion:
    person: User
    reasons: list[str] = field(default_factory=list)
    score: float = 0.0
    new_face: bool = False

    @property
    def reason(self) -> str:
        return "; ".join(self.reasons)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def suggested_presenters(
    *, viewer: User, occurrence: Occurrence, limit: int = 6, now: datetime | None = None
) -> list[Suggestion]:
    """Up to `limit` people for a host to invite to `occurrence`, best first, with their reasons."""
    now = now or timezone.now()
    since = now - WINDOW
    series = occurrence.series
    booked = Slot.objects.filter(status=SlotStatus.BOOKED, occurrence__status=OccurrenceStatus.SCHEDULED)
    recent = set(
        booked.filter(occurrence__starts_at__gte=now - RECENTLY).values_list("presenter_id", flat=True)
    )
    ever = set(
        booked.filter(occurrence__starts_at__lte=now).values_list("presenter_id", flat=True).distinct()
    )
    skip = recent | set(
        Slot.objects.filter(occurrence=occurrence)
        .exclude(status=SlotStatus.CANCELLED)
        .values_list("presenter_id", flat=True)
    )
    skip |= set(Invitation.objects.filter(occurrence=occurrence).values_list("person_id", flat=True))
    skip |= set(series.hosts.values_list("pk", flat=True)) | {viewer.pk}

    found: dict[int, Suggestion] = {}

    def add(person_id: int, reason: str, score: float) -> None:
        if person_id in skip:
            return
        s = found.setdefault(person_id, Suggestion(person=User(pk=person_id)))
        s.reasons.append(reason)
        s.score += score

    wins: dict[int, list[str]] = {}
    for author_id, title in (
        feed_access.visible_posts(viewer)
        .filter(kind="win", anonymous=False, state="live", created_at__gte=since)
        .order_by("-reaction_count", "-created_at")
        .values_list("author_id", "title")[:CANDIDATES]
    ):
        wins.setdefault(author_id, []).append(title)
    for author_id, titles in wins.items():
        text = (
            f"shared a win: “{titles[0]}”"
            if len(titles) == 1
            else f"{len(titles)} wins this month, e.g. “{titles[0]}”"
        )
        add(author_id, text, 3.0 * len(titles))

    # Reuses by the prompt's own owner are no sign that others found it useful.
    reused = (
        library_access.visible_prompts(viewer)
        .annotate(
            recent=Count(
                "reuses", filter=Q(reuses__created_at__gte=since) & ~Q(reuses__person_id=F("owner_id"))
            )
        )
        .filter(recent__gt=0)
        .order_by("-recent", "-id")
        .values_list("owner_id", "title", "recent")[:CANDIDATES]
    )
    seen_owner: set[int] = set()
    for owner_id, title, n in reused:
        if owner_id in seen_owner:
            continue  # their best prompt tells the story
        seen_owner.add(owner_id)
        add(owner_id, f"{_plural(n, 'reuse')} of “{title}” this month", 1.0 * n)

    for source_id, n in (
        LearningEvent.objects.filter(kind="kudos", created_at__gte=since, source__isnull=False)
        .values_list("source_id")
        .annotate(n=Count("id"))
        .order_by("-n")[:CANDIDATES]
    ):
        add(source_id, f"{n} kudos this month" if n > 1 else "kudos this month", 2.0 * n)

    if not found:
        return []
    people = {
        p.pk: p for p in User.objects.filter(pk__in=list(found), is_active=True).select_related("department")
    }
    out: list[Suggestion] = []
    for pk, s in found.items():
        person = people.get(pk)
        if person is None or not access.can_view_series(person, series, host_ids=set()):
            continue
        s.person = person
        s.new_face = pk not in ever
        if s.new_face:
            s.score += 5.0  # first-timers are what the series is for
            s.reasons.insert(0, "has never presented")
        out.append(s)
    out.sort(key=lambda s: (-s.score, s.person.name, s.person.pk))
    return out[:limit]
