"""Communities API shapes: inputs are `core.api.In`, people are the one `PersonRef`, lists `Page`."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from ninja import Field, Schema

from ripple.core.api import Id, In, null_clears, optional
from ripple.people.schemas import PersonRef


class CommunityIn(In):
    name: str = Field(max_length=120)
    purpose: str = Field(max_length=2000)
    visibility: Literal["open", "private"] = "open"
    lead_ids: list[Id] = Field(default=[], max_length=10)


class CommunityPatch(In):
    """The fields to change: a field left out is kept."""

    name: str = optional()
    purpose: str = optional()
    visibility: Literal["open", "private"] = optional()


class CommunityQuery(In):
    q: str = Field("", max_length=100)
    filter: Literal["", "endorsed", "mine"] = ""


class EndorsementOut(Schema):
    endorsed_by: PersonRef
    endorsed_at: datetime
    hours_per_month: int | None
    budget: int | None
    note: str
    withdrawn_at: datetime | None


class CommunityOut(Schema):
    id: int
    slug: str
    url: str
    name: str
    purpose: str
    visibility: str
    member_count: int
    endorsed: bool
    endorsement: EndorsementOut | None
    created_at: datetime

    @staticmethod
    def resolve_url(obj: Any) -> str:
        return str(obj.get_absolute_url())

    @staticmethod
    def resolve_visibility(obj: Any) -> str:
        return str(obj.space.visibility)

    @staticmethod
    def resolve_member_count(obj: Any) -> int:
        return int(obj.space.member_count)

    @staticmethod
    def resolve_endorsed(obj: Any) -> bool:
        return obj.endorsement_id is not None


class DirectoryOut(CommunityOut):
    activity: int
    mine: bool


class EndorseIn(In):
    hours_per_month: Annotated[int | None, Field(ge=0, le=1000)] = None
    budget: Annotated[int | None, Field(ge=0, le=100_000_000)] = None
    note: str = Field("", max_length=2000)


class WithdrawIn(In):
    reason: Annotated[str | None, null_clears(str)] = Field(None, max_length=300)


class CommunityJoinIn(In):
    """Join an open community (or accept an invitation): no body. A private one: its leads' `token`."""

    token: str = Field("", max_length=40)
    message: str = Field("", max_length=300)


class JoinOut(Schema):
    status: Literal["member", "requested"]


class CommunityMemberOut(Schema):
    person: PersonRef
    role: str
    joined_at: datetime


class RequestOut(Schema):
    id: int
    person: PersonRef
    kind: str
    status: str
    message: str
    created_at: datetime


class CommunityInviteIn(In):
    person_id: Id


class CommunityPostIn(In):
    kind: Literal["win", "tip", "question", "demo"] = "tip"
    title: str = Field(max_length=200)
    body: str = Field(max_length=20000)


class CommunityPostOut(Schema):
    id: int
    url: str
    kind: str
    title: str
    created_at: datetime

    @staticmethod
    def resolve_url(obj: Any) -> str:
        return str(obj.get_absolute_url())


class CommunityPromptIn(In):
    title: str = Field(max_length=200)
    body: str = Field(max_length=20000)


class CommunityPromptOut(Schema):
    id: int
    url: str
    title: str

    @staticmethod
    def resolve_url(obj: Any) -> str:
        return str(obj.get_absolute_url())
