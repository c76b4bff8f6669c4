"""People endpoints: /me and the directory."""

from __future__ import annotations

from datetime import datetime

from django.http import HttpRequest
from ninja import Router, Schema

from ripple.people import selectors
from ripple.people.http import AuthedRequest
from ripple.people.models import User

router = Router(tags=["people"])


class DepartmentOut(Schema):
    id: int
    name: str


class PersonOut(Schema):
    id: int
    name: str
    email: str
    title: str
    role: str
    department: DepartmentOut | None
    team: str | None
    time_zone: str
    skills: list[str]
    url: str

    @staticmethod
    def resolve_team(obj: User) -> str | None:
        return obj.team.name if obj.team else None

    @staticmethod
    def resolve_skills(obj: User) -> list[str]:
        return obj.skill_list

    @staticmethod
    def resolve_url(obj: User) -> str:
        return obj.get_absolute_url()


class MeOut(PersonOut):
    bio: str
    date_joined: datetime


class PeoplePage(Schema):
    items: list[PersonOut]
    next: str | None


@router.get("/me", response=MeOut, summary="The person the token belongs to")
def me(request: AuthedRequest) -> User:
    return User.objects.select_related("department", "team").get(pk=request.user.pk)


@router.get("/people", response=PeoplePage, summary="The people directory")
def people(
    request: HttpRequest,
    search: str = "",
    department: int | None = None,
    cursor: str | None = None,
    limit: int = 50,
) -> dict[str, object]:
    page = selectors.directory_page(
        search_text=search[:200], department_id=department, cursor=cursor, size=max(1, min(limit, 100))
    )
    return {"items": page.items, "next": page.next_cursor}
