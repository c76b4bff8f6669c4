"""Reads for show-and-tell pages: series lists, a series page, a session's agenda. Every page costs a fixed
number of queries, however many sessions or slots it shows."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db.models import Min, Prefetch, Q, QuerySet
from django.utils import timezone

from ripple.core.pagination import Page, paginate
from ripple.feed import access as feed_access
from ripple.library import access as library_access
from ripple.people.models import User
from ripple.showcase import access
from ripple.showcase.models import (
    AlwaysAttend,
    Applause,
    Attendance,
    Invitation,
    InvitationStatus,
    Occurrence,
    OccurrenceStatus,
    Rsvp,
    Series,
    Slot,
    SlotStatus,
)

UPCOMING = 4
PAST_PAGE = 8


def _series_qs() -> QuerySet[Series]:
    return Series.objects.select_related("department").prefetch_related(
        Prefetch("hosts", queryset=User.objects.select_related("department").order_by("name", "id"))
    )


@dataclass
class SeriesCard:
    series: Series
    next: Occurrence | None
    always: bool


def series_list(*, viewer: User, now: datetime | None = None) -> list[SeriesCard]:
    """Every series the viewer may see, its next session and whether the viewer always attends. 4 queries."""
    now = now or timezone.now()
    series = list(
        _series_qs().filter(pk__in=access.visible_series(viewer).values("pk")).order_by("title", "id")
    )
    ids = [s.pk for s in series]
    nexts: dict[int, Occurrence] = {}
    if ids:
        rows = Occurrence.objects.filter(
            series_id__in=ids, status=OccurrenceStatus.SCHEDULED, ends_at__gt=now
        ).order_by("series_id", "starts_at")
        for occ in rows.only("id", "series_id", "starts_at", "ends_at", "capacity", "booked_count", "status"):
            nexts.setdefault(occ.series_id, occ)
    always = set(
        AlwaysAttend.objects.filter(person=viewer, series_id__in=ids).values_list("series_id", flat=True)
    )
    return [SeriesCard(series=s, next=nexts.get(s.pk), always=s.pk in always) for s in series]


def next_occurrence(*, series: Series, now: datetime | None = None) -> Occurrence | None:
    """The session people should go to next: one running now, else the next scheduled one."""
    now = now or timezone.now()
    return (
        Occurrence.objects.filter(series=series, status=OccurrenceStatus.SCHEDULED, ends_at__gt=now)
        .order_by("starts_at", "id")
        .first()
    )


@dataclass
class Links:
    prompts: dict[int, Any] = field(default_factory=dict)
    posts: dict[int, Any] = field(default_factory=dict)


def _links(viewer: User, slots: list[Slot]) -> Links:
    """The prompts and posts slots link to that `viewer` may open (anonymous posts never: they would name the
    author). One query each, none without links."""
    prompt_ids = {s.prompt_id for s in slots if s.prompt_id}
    post_ids = {s.post_id for s in slots if s.post_id}
    links = Links()
    if prompt_ids:
        links.prompts = {
            p.pk: p
            for p in library_access.visible_prompts(viewer).filter(pk__in=prompt_ids).only("id", "title")
        }
    if post_ids:
        posts = feed_access.visible_posts(viewer).filter(pk__in=post_ids, anonymous=False, state="live")
        links.posts = {p.pk: p for p in posts.only("id", "title", "kind")}
    return links


def first_presented(presenter_ids: set[int]) -> dict[int, datetime]:
    """When each person first presented (a booked slot in a session that was not cancelled), in any series."""
    if not presenter_ids:
        return {}
    rows = (
        Slot.objects.filter(
            presenter_id__in=presenter_ids,
            status=SlotStatus.BOOKED,
            occurrence__status=OccurrenceStatus.SCHEDULED,
        )
        .values("presenter_id")
        .annotate(first=Min("occurrence__starts_at"))
    )
    return {r["presenter_id"]: r["first"] for r in rows}


def present_slots(viewer: User, occurrences: list[Occurrence], *, with_applause: bool = False) -> None:
    """Attach `agenda` (booked, in order) and `waiting` to each session; mark each slot `new_face` (their
    first time presenting), `prompt`/`post` (only what the viewer may open) and `applauded`."""
    ids = [o.pk for o in occurrences]
    slots = (
        list(
            Slot.objects.filter(occurrence_id__in=ids)
            .exclude(status=SlotStatus.CANCELLED)
            .select_related("presenter", "presenter__department")
            .order_by("position", "id")
        )
        if ids
        else []
    )
    links = _links(viewer, slots)
    firsts = first_presented({s.presenter_id for s in slots})
    applauded: set[int] = set()
    if with_applause and slots:
        applauded = set(
            Applause.objects.filter(person=viewer, slot_id__in=[s.pk for s in slots]).values_list(
                "slot_id", flat=True
            )
        )
    by_occ: dict[int, list[Slot]] = {}
    for slot in slots:
        by_occ.setdefault(slot.occurrence_id, []).append(slot)
    for occ in occurrences:
        agenda: list[Slot] = []
        waiting: list[Slot] = []
        for slot in by_occ.get(occ.pk, []):
            first = slot.status == SlotStatus.BOOKED and firsts.get(slot.presenter_id) == occ.starts_at
            slot.new_face = first  # type: ignore[attr-defined]
            slot.prompt = links.prompts.get(slot.prompt_id or 0)  # type: ignore[attr-defined]
            slot.post = links.posts.get(slot.post_id or 0)  # type: ignore[attr-defined]
            slot.applauded = slot.pk in applauded  # type: ignore[attr-defined]
            (agenda if slot.status == SlotStatus.BOOKED else waiting).append(slot)
        waiting.sort(key=lambda s: (s.created_at, s.pk))
        occ.agenda = agenda  # type: ignore[attr-defined]
        occ.waiting = waiting  # type: ignore[attr-defined]
        occ.empty_slots = range(max(0, occ.capacity - len(agenda)))  # type: ignore[attr-defined]


def _my_answers(viewer: User, series: Series, occurrences: list[Occurrence]) -> None:
    """`going` on each session: True / False from an RSVP, else whether the viewer always attends."""
    said = dict(
        Rsvp.objects.filter(person=viewer, occurrence_id__in=[o.pk for o in occurrences]).values_list(
            "occurrence_id", "going"
        )
    )
    always = AlwaysAttend.objects.filter(person=viewer, series=series).exists()
    for occ in occurrences:
        occ.rsvp = said.get(occ.pk)  # type: ignore[attr-defined]
        occ.going = said.get(occ.pk, always)  # type: ignore[attr-defined]
    series.always = always  # type: ignore[attr-defined]


@dataclass
class SeriesPage:
    series: Series
    upcoming: list[Occurrence]
    past: Page[Occurrence]
    hosting: bool


def series_page(
    *, viewer: User, series: Series, cursor: str | None = None, now: datetime | None = None
) -> SeriesPage:
    """The next sessions with their agenda and the past ones (newest first, keyset pages) with notes."""
    now = now or timezone.now()
    series = _series_qs().get(pk=series.pk)
    hosts = {h.pk for h in series.hosts.all()}
    upcoming = list(
        Occurrence.objects.filter(series=series, ends_at__gt=now)
        .select_related("series")
        .order_by("starts_at", "id")[:UPCOMING]
    )
    past_qs = Occurrence.objects.filter(
        series=series, ends_at__lte=now, status=OccurrenceStatus.SCHEDULED
    ).select_related("series")
    past = paginate(past_qs, ordering=("-starts_at", "-id"), cursor=cursor, size=PAST_PAGE)
    present_slots(viewer, upcoming + past.items)
    _my_answers(viewer, series, upcoming)
    return SeriesPage(
        series=series, upcoming=upcoming, past=past, hosting=viewer.is_admin or viewer.pk in hosts
    )


@dataclass
class SessionPage:
    occurrence: Occurrence
    hosting: bool
    my_slot: Slot | None
    invitation: Invitation | None
    checked_in: bool
    attendees: list[User]
    coming: list[User]
    previous: Occurrence | None
    following: Occurrence | None


def session_page(*, viewer: User, occurrence: Occurrence, now: datetime | None = None) -> SessionPage:
    """One session: agenda and waiting list, the viewer's slot, RSVP, invitation and check-in; who came."""
    now = now or timezone.now()
    series = _series_qs().get(pk=occurrence.series_id)
    occurrence.series = series
    hosting = viewer.is_admin or any(h.pk == viewer.pk for h in series.hosts.all())
    present_slots(viewer, [occurrence], with_applause=True)
    _my_answers(viewer, series, [occurrence])
    mine = next((s for s in occurrence.agenda + occurrence.waiting if s.presenter_id == viewer.pk), None)  # type: ignore[attr-defined]
    invitation = (
        Invitation.objects.filter(occurrence=occurrence, person=viewer, status=InvitationStatus.PENDING)
        .select_related("invited_by")
        .first()
    )
    there = list(
        User.objects.filter(
            pk__in=Attendance.objects.filter(occurrence=occurrence).values("person_id")
        ).order_by("name", "id")
    )
    coming: list[User] = []
    if hosting:
        said = Rsvp.objects.filter(occurrence=occurrence)
        regulars = AlwaysAttend.objects.filter(series=series).values("person_id")
        coming = list(
            User.objects.filter(is_active=True)
            .filter(Q(pk__in=said.filter(going=True).values("person_id")) | Q(pk__in=regulars))
            .exclude(pk__in=said.filter(going=False).values("person_id"))
            .order_by("name", "id")[:200]
        )
    siblings = Occurrence.objects.filter(series=series).exclude(pk=occurrence.pk)
    previous = siblings.filter(starts_at__lt=occurrence.starts_at).order_by("-starts_at", "-id").first()
    following = siblings.filter(starts_at__gt=occurrence.starts_at).order_by("starts_at", "id").first()
    return SessionPage(
        occurrence=occurrence,
        hosting=hosting,
        my_slot=mine,
        invitation=invitation,
        checked_in=any(p.pk == viewer.pk for p in there),
        attendees=there,
        coming=coming,
        previous=previous,
        following=following,
    )


def occurrences_between(
    *, series: Series, start: datetime | None, end: datetime | None, cursor: str | None = None, size: int = 50
) -> Page[Occurrence]:
    """Sessions of a series starting in [start, end), oldest first, in keyset pages (the API)."""
    qs = Occurrence.objects.filter(series=series).select_related("series")
    if start is not None:
        qs = qs.filter(starts_at__gte=start)
    if end is not None:
        qs = qs.filter(starts_at__lt=end)
    return paginate(qs, ordering=("starts_at", "id"), cursor=cursor, size=size)


def slots_of(*, viewer: User, occurrence: Occurrence) -> list[Slot]:
    """A session's live slots, the agenda in order then the waiting list."""
    present_slots(viewer, [occurrence])
    return list(occurrence.agenda) + list(occurrence.waiting)  # type: ignore[attr-defined]


@dataclass
class Presented:
    slot: Slot
    first: bool


def person_presented(
    *, viewer: User, person: User, limit: int = 8, now: datetime | None = None
) -> tuple[list[Presented], int]:
    """What `person` presented (or will) at series the viewer may see, newest first, and how many in all."""
    now = now or timezone.now()
    qs = Slot.objects.filter(
        presenter=person,
        status=SlotStatus.BOOKED,
        occurrence__status=OccurrenceStatus.SCHEDULED,
        occurrence__series__in=access.visible_series(viewer),
    )
    total = qs.filter(occurrence__starts_at__lte=now).count()
    slots = list(qs.select_related("occurrence__series").order_by("-occurrence__starts_at", "-id")[:limit])
    first = first_presented({person.pk}).get(person.pk)
    return [Presented(slot=s, first=s.occurrence.starts_at == first) for s in slots], total


def linkable(*, viewer: User, limit: int = 40) -> tuple[list[Any], list[Any]]:
    """The viewer's own prompts and (never anonymous) posts, newest first, to link to a slot."""
    prompts = list(
        library_access.visible_prompts(viewer)
        .filter(owner=viewer)
        .order_by("-updated_at", "-id")
        .only("id", "title")[:limit]
    )
    posts = list(
        feed_access.visible_posts(viewer)
        .filter(author=viewer, anonymous=False, state="live")
        .order_by("-created_at", "-id")
        .only("id", "title")[:limit]
    )
    return prompts, posts


def people_by_ids(ids: list[int]) -> list[User]:
    """Active people by id (a host marking attendance), at most 200."""
    return list(User.objects.filter(pk__in=ids[:200], is_active=True).order_by("name", "id"))


def series_with_hosts(series: Series) -> Series:
    """The series again, its department joined and hosts prefetched (API answers)."""
    return _series_qs().get(pk=series.pk)


def community_series(*, viewer: User, community_id: int, now: datetime | None = None) -> list[SeriesCard]:
    """The series the viewer may see that belong to community `community_id`, each with its next
    session (communities show them; ADR 0020). 3 queries."""
    now = now or timezone.now()
    series = list(
        _series_qs()
        .filter(pk__in=access.visible_series(viewer).values("pk"), community_id=community_id)
        .order_by("title", "id")[:20]
    )
    ids = [s.pk for s in series]
    nexts: dict[int, Occurrence] = {}
    if ids:
        rows = Occurrence.objects.filter(
            series_id__in=ids, status=OccurrenceStatus.SCHEDULED, ends_at__gt=now
        ).order_by("series_id", "starts_at")
        for occ in rows.only("id", "series_id", "starts_at", "ends_at", "capacity", "booked_count", "status"):
            nexts.setdefault(occ.series_id, occ)
    return [SeriesCard(series=s, next=nexts.get(s.pk), always=False) for s in series]


def hosted_series(*, viewer: User) -> list[Series]:
    """The live series `viewer` hosts (to attach one to a community they lead)."""
    return list(
        Series.objects.filter(hosts=viewer, archived_at__isnull=True)
        .order_by("title", "id")
        .only("id", "title", "slug", "community_id")[:100]
    )
