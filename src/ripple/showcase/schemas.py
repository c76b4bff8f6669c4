"""Show-and-tell API shapes: inputs are `core.api.In`, people are the one `PersonRef`, lists `Page`."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Annotated, Any, Literal

from django.urls import reverse
from ninja import Field, Schema

from ripple.core.api import Id, In, null_clears, optional
from ripple.people.schemas import PersonRef
from ripple.showcase import recurrence


class SeriesIn(In):
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
    department_id: Id | None = None
    community_id: Id | None = None
    host_ids: list[Id] = []


class SeriesPatch(In):
    """The fields to change: a field left out is kept; `null` clears the ones that may be empty."""

    title: str = optional()
    rrule: str = optional()
    start_date: date = optional()
    start_time: time = optional()
    timezone: str = optional()
    duration_minutes: int = optional()
    description: Annotated[str | None, null_clears(str)] = None
    location: Annotated[str | None, null_clears(str)] = None
    video_url: Annotated[str | None, null_clears(str)] = None
    slot_minutes: int = optional()
    slots_per_session: int = optional()
    visibility: Literal["everyone", "department"] = optional()
    department_id: Id | None = None
    community_id: Id | None = None
    host_ids: list[Id] = optional()


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
    def resolve_hosts(obj: Any) -> list[Any]:
        return list(obj.hosts.all())


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


class OccurrencePatch(In):
    """Move (starts_at/ends_at/location/video_url), skip or restore (status), resize (capacity), notes.
    A field left out is kept; `null` clears a location, video link, notes or recording link."""

    starts_at: datetime = optional()
    ends_at: datetime = optional()
    location: Annotated[str | None, null_clears(str)] = None
    video_url: Annotated[str | None, null_clears(str)] = None
    status: Literal["scheduled", "cancelled"] = optional()
    cancel_reason: str = ""
    capacity: int = optional()
    notes: Annotated[str | None, null_clears(str)] = None
    recording_url: Annotated[str | None, null_clears(str)] = None


class OccurrenceIn(In):
    """A one-off session."""

    starts_at: datetime
    ends_at: datetime | None = None
    location: str = ""


class SlotIn(In):
    title: str
    kind: Literal["demo", "ai_fail", "question"] = "demo"
    prompt_id: Id | None = None
    post_id: Id | None = None
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
    def resolve_presenter(obj: Any) -> Any:
        return obj.presenter

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


class AttendanceIn(In):
    """Empty: check yourself in (while the session runs). `person_ids`: a host marks them (`present`)."""

    person_ids: list[Id] | None = None
    present: bool = True


class AttendanceOut(Schema):
    occurrence_id: int
    changed: int
    attendee_count: int


class RsvpIn(In):
    going: bool = True


class RsvpOut(Schema):
    occurrence_id: int
    going: bool | None


class AlwaysOut(Schema):
    series_id: int
    always_attend: bool


class OccurrenceQuery(In):
    start: str = Field("", alias="from", description="ISO date or date-time (the series' zone if no offset)")
    end: str = Field("", alias="to", description="ISO date or date-time, exclusive")
    limit: int = 50
    cursor: str | None = None
