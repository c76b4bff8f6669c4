"""People endpoints: /me, the directory and the departments."""

from __future__ import annotations

from ninja import Query, Router

from ripple.core.api import Page, clamp, errors
from ripple.people import selectors
from ripple.people.http import AuthedRequest
from ripple.people.models import User
from ripple.people.schemas import DepartmentListOut, DepartmentsQuery, MeOut, PeopleQuery, PersonOut

router = Router(tags=["people"])


@router.get("/me", response={200: MeOut, **errors()}, summary="The person the token belongs to")
def me(request: AuthedRequest) -> User:
    return selectors.person(request.user.pk)


@router.get("/people", response={200: Page[PersonOut], **errors()}, summary="The people directory")
def people(request: AuthedRequest, params: Query[PeopleQuery]) -> dict[str, object]:
    page = selectors.directory_page(
        search_text=params.search[:200],
        department_id=params.department,
        cursor=params.cursor,
        size=clamp(params.limit),
    )
    return {"items": page.items, "next": page.next_cursor}


@router.get(
    "/departments",
    response={200: Page[DepartmentListOut], **errors()},
    summary="The departments, with their ids (what `department=` filters take), people and teams",
)
def departments(request: AuthedRequest, params: Query[DepartmentsQuery]) -> dict[str, object]:
    page = selectors.departments_page(cursor=params.cursor, size=clamp(params.limit))
    return {"items": page.items, "next": page.next_cursor}
