"""Show-and-tell API shapes. People are the library's `PersonRef` (one person schema in the API; it moves
to `ripple.people.schemas` with the API work)."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any, Literal

from django.urls import reverse
from ninja import Schema

from ripple.library.schemas import PersonRef, person_ref
from ripple.showcase import recurrence


class SeriesIn(Schema):
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
    visibility: Literal["everyone", "department"] = "everyone"
    department_id: int | None = None
    community_id: int | None = None
    host_ids: list[int] = []


class SeriesPatch(Schema):
    title: str | None = None
    rrule: str | None = None
    start_date: date | None = None
    start_time: time | None = None
    timezone: str | None = None
    duration_minutes: int | None = None
    description: str | None = None
    location: str | None = None
    video_url: str | None = None
    slot_minutes: int | None = None
    slots_per_session: int | None = None
    visibility: Literal["everyone", "department"] | None = None
    department_id: int | None = None
    community_id: int | None = None
    host_ids: list[int] | None = None


class SeriesOut(Schema):
    id: int
    slug: str
    url: str
    next_url: str
    feed_url: str
    title: str
    description: str
    rrule: str
    schedule: str
    start_date: date
    start_time: time
    timezone: str
    duration_minutes: int
    location: str
    video_url: str
    slot_minutes: int
    slots_per_session: int
    visibility: str
    department_id: int | None
    community_id: int | None
    hosts: list[PersonRef]

    @staticmethod
    def resolve_url(obj: Any) -> str:
        return str(obj.get_absolute_url())

    @staticmethod
    def resolve_next_url(obj: Any) -> str:
        return reverse("showcase:next", args=[obj.slug])

    @staticmethod
    def resolve_feed_url(obj: Any) -> str:
        return reverse("showcase:series_feed", args=[obj.pk])

    @staticmethod
    def resolve_schedule(obj: Any) -> str:
        return recurrence.describe(obj.rrule, obj.start_date, obj.start_time)

    @staticmethod
    def resolve_hosts(obj: Any) -> list[dict[str, object] | None]:
        return [person_ref(h) for h in obj.hosts.all()]


class OccurrenceOut(Schema):
    id: int
    series_id: int
    uid: str
    url: str
    ics_url: str
    starts_at: datetime
    ends_at: datetime
    recurrence_id: datetime | None
    status: str
    cancel_reason: str
    moved: bool
    one_off: bool
    location: str
    video_url: str
    capacity: int
    booked_count: int
    waiting_count: int
    attendee_count: int
    sequence: int
    notes: str
    recording_url: str

    @staticmethod
    def resolve_url(obj: Any) -> str:
        return str(obj.get_absolute_url())

    @staticmethod
    def resolve_ics_url(obj: Any) -> str:
        return reverse("showcase:session_ics", args=[obj.pk])

    @staticmethod
    def resolve_location(obj: Any) -> str:
        return str(obj.where)

    @staticmethod
    def resolve_video_url(obj: Any) -> str:
        return str(obj.video)


class OccurrencePatch(Schema):
    """Move (starts_at/ends_at/location/video_url), skip or restore (status), resize (capacity), notes."""

    starts_at: datetime | None = None
    ends_at: datetime | None = None
    location: str | None = None
    video_url: str | None = None
    status: Literal["scheduled", "cancelled"] | None = None
    cancel_reason: str = ""
    capacity: int | None = None
    notes: str | None = None
    recording_url: str | None = None


class OccurrenceIn(Schema):
    """A one-off session."""

    starts_at: datetime
    ends_at: datetime | None = None
    location: str = ""


class SlotIn(Schema):
    title: str
    kind: Literal["demo", "ai_fail", "question"] = "demo"
    prompt_id: int | None = None
    post_id: int | None = None
    waitlist: bool = False


class SlotOut(Schema):
    id: int
    occurrence_id: int
    title: str
    kind: str
    kind_label: str
    status: str
    position: int
    presenter: PersonRef
    new_face: bool
    prompt_id: int | None
    post_id: int | None
    applause_count: int

    @staticmethod
    def resolve_kind_label(obj: Any) -> str:
        return str(obj.get_kind_display())

    @staticmethod
    def resolve_presenter(obj: Any) -> dict[str, object] | None:
        return person_ref(obj.presenter)

    @staticmethod
    def resolve_new_face(obj: Any) -> bool:
        return bool(getattr(obj, "new_face", False))

    @staticmethod
    def resolve_prompt_id(obj: Any) -> int | None:
        # Only a prompt the caller may open is named.
        prompt = getattr(obj, "prompt", None)
        return prompt.pk if prompt is not None else None

    @staticmethod
    def resolve_post_id(obj: Any) -> int | None:
        post = getattr(obj, "post", None)
        return post.pk if post is not None else None


class AttendanceIn(Schema):
    """Empty: check yourself in (while the session runs). `person_ids`: a host marks them (`present`)."""

    person_ids: list[int] | None = None
    present: bool = True


class AttendanceOut(Schema):
    occurrence_id: int
    changed: int
    attendee_count: int


class RsvpIn(Schema):
    going: bool = True


class RsvpOut(Schema):
    occurrence_id: int
    going: bool | None


class AlwaysOut(Schema):
    series_id: int
    always_attend: bool


# Lists have the house shape {"items", "next"} (keyset cursor; `null` on the last page).


class SeriesPage(Schema):
    items: list[SeriesOut]
    next: str | None = None


class OccurrencePage(Schema):
    items: list[OccurrenceOut]
    next: str | None = None


class SlotPage(Schema):
    items: list[SlotOut]
    next: str | None = None
