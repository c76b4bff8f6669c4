"""The people app's API shapes, and `PersonRef`: the one way every app's API names a person."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ninja import Schema

from ripple.core.api import Id, In
from ripple.people.models import User


class PersonRef(Schema):
    """A person named in another thing (an owner, author, giver): resolved from a `User`.

    Querysets that feed it select `department` with the user (`select_related("owner__department")`)."""

    id: int
    name: str
    department: str | None
    url: str

    @staticmethod
    def resolve_department(obj: User) -> str | None:
        return obj.department.name if obj.department else None

    @staticmethod
    def resolve_url(obj: User) -> str:
        return obj.get_absolute_url()


class DepartmentOut(Schema):
    id: int
    name: str


class DepartmentListOut(Schema):
    """A department in `GET /departments`: its id (what `?department=` filters take), name, how many
    active people it has and its teams."""

    id: int
    name: str
    people: int
    teams: list[str]

    @staticmethod
    def resolve_people(obj: Any) -> int:
        return int(getattr(obj, "active_people", 0))

    @staticmethod
    def resolve_teams(obj: Any) -> list[str]:
        return [t.name for t in obj.teams.all()]


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


class PeopleQuery(In):
    search: str = ""
    department: Id | None = None
    cursor: str | None = None
    limit: int = 50


class DepartmentsQuery(In):
    cursor: str | None = None
    limit: int = 100
