"""The conversation radar's API shapes (admins only; people named by PersonRef when matched)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ninja import Field, Schema

from ripple.core.api import In, _no_default, optional
from ripple.people.schemas import PersonRef


class SlackImportOut(Schema):
    id: str
    name: str
    status: str  # queued | running | done | failed
    phase: str  # "" | checking | writing
    progress: int = Field(description="Percent: day files checked (90) then written (100)")
    files_total: int
    files_done: int
    messages_added: int
    detail: str
    result: dict[str, Any]
    created_at: datetime
    finished_at: datetime | None
    url: str


class PocketOut(Schema):
    id: int
    name: str
    ai_messages: int
    people: int
    recent: int = Field(description="AI messages in the last 8 weeks of the export")
    previous: int = Field(description="AI messages in the 8 weeks before")
    growth: float | None = Field(description="(recent - previous) / previous; null when previous is 0")


class ChatPersonOut(Schema):
    identity_id: int
    name: str
    person: PersonRef | None


class ConnectorOut(Schema):
    who: ChatPersonOut
    answers: int
    reactions: int
    people_helped: int
    departments_reached: int


class CandidateOut(Schema):
    id: int
    kind: str  # prompt | tip
    status: str  # pending | approved | rejected | declined
    title: str
    body: str
    why: list[str]
    channel: str
    author: ChatPersonOut
    posted_at: datetime
    similar_prompt_id: int | None
    prompt_id: int | None
    post_id: int | None


class ApproveIn(In):
    kind: str = optional()
    title: str = Field(default=None, max_length=200, json_schema_extra=_no_default)  # type: ignore[assignment]
    body: str = Field(default=None, max_length=20_000, json_schema_extra=_no_default)  # type: ignore[assignment]
