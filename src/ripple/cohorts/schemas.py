"""Cohort API shapes: inputs are `core.api.In`, people are the one `PersonRef`, lists `Page`."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any, Literal

from ninja import Schema

from ripple.core.api import Id, In, Page, optional
from ripple.people.schemas import PersonRef


class CohortIn(In):
    name: str
    goal: str = ""
    description: str = ""
    start_date: date
    weeks: int = 4
    meeting_weekday: int = 1
    meeting_time: time = time(12, 30)
    time_zone: str = "Europe/London"
    capacity: int = 20
    enrolment: Literal["open", "request", "invite"] = "open"
    visibility: Literal["open", "private"] = "open"
    reminder_weekday: int = 3
    facilitator_ids: list[Id] = []


class CohortPatch(In):
    """The fields to change; a field left out is kept."""

    name: str = optional()
    goal: str = optional()
    description: str = optional()
    start_date: date = optional()
    weeks: int = optional()
    meeting_weekday: int = optional()
    meeting_time: time = optional()
    time_zone: str = optional()
    capacity: int = optional()
    enrolment: Literal["open", "request", "invite"] = optional()
    visibility: Literal["open", "private"] = optional()
    reminder_weekday: int = optional()


class CohortOut(Schema):
    id: int
    url: str
    name: str
    goal: str
    description: str
    start_date: date
    end_date: date
    weeks: int
    meeting_weekday: int
    meeting_time: time
    time_zone: str
    capacity: int
    enrolment: str
    visibility: str
    reminder_weekday: int
    status: str
    members: int
    pairs_published: bool

    @staticmethod
    def resolve_url(obj: Any) -> str:
        return str(obj.get_absolute_url())

    @staticmethod
    def resolve_visibility(obj: Any) -> str:
        return str(obj.space.visibility)

    @staticmethod
    def resolve_status(obj: Any) -> str:
        return str(obj.status())

    @staticmethod
    def resolve_members(obj: Any) -> int:
        """People in the cohort (its space), facilitators included."""
        return int(obj.space.member_count)

    @staticmethod
    def resolve_pairs_published(obj: Any) -> bool:
        return obj.pairs_published_at is not None


CohortPage = Page[CohortOut]


class JoinIn(In):
    waitlist: bool = False


class InviteIn(In):
    person_id: Id


class MemberOut(Schema):
    person: PersonRef
    status: str
    facilitator: bool
    partners: list[PersonRef] | None = None


class EnrolmentOut(Schema):
    status: str


MemberPage = Page[MemberOut]


class CheckInIn(In):
    week: int
    tried: str
    happened: str = ""
    minutes_saved: int = 0
    confidence: int
    blocked: str = ""
    prompt_ids: list[Id] = []
    post_ids: list[Id] = []
    learned_from_id: Id | None = None


class CheckInOut(Schema):
    id: int
    person: PersonRef
    week: int
    tried: str
    happened: str
    minutes_saved: int
    confidence: int
    blocked: str
    prompt_ids: list[int]
    post_ids: list[int]
    learned_from: PersonRef | None
    updated_at: datetime

    @staticmethod
    def resolve_prompt_ids(obj: Any) -> list[int]:
        return [p.pk for p in obj.prompts.all()]

    @staticmethod
    def resolve_post_ids(obj: Any) -> list[int]:
        return [p.pk for p in obj.posts.all()]


CheckInPage = Page[CheckInOut]


class BoardRowOut(Schema):
    person: PersonRef
    cells: list[Literal["checked_in", "missed", "due", "upcoming"]]
    drifting: bool
    checked_in: int


class BoardOut(Schema):
    week: int
    weeks: list[int]
    rows: list[BoardRowOut]


class WeekRateOut(Schema):
    week: int
    checked_in: int
    rate: float


class PersonMinutesOut(Schema):
    person: PersonRef
    minutes: int
    weeks: int


class QuoteOut(Schema):
    person: PersonRef
    week: int
    text: str


class ReportOut(Schema):
    members: int
    completion: dict[str, Any]
    checkin_rate: list[WeekRateOut]
    minutes_total: int
    minutes_self_reported: bool
    minutes_per_person: list[PersonMinutesOut]
    prompts: dict[str, int]
    ties: int
    survey: dict[str, Any]
    quotes: list[QuoteOut]


def report_out(data: dict[str, Any]) -> dict[str, Any]:
    return {
        "members": data["members"],
        "completion": data["completion"],
        "checkin_rate": data["checkin_rate"],
        "minutes_total": data["minutes"]["total"],
        "minutes_self_reported": True,
        "minutes_per_person": data["minutes"]["per_person"],
        "prompts": data["prompts"],
        "ties": data["ties"],
        "survey": data["survey"],
        "quotes": data["quotes"],
    }
