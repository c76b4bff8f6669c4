"""Reads about people."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q, QuerySet
from django.urls import reverse

from ripple.core import registry, search
from ripple.core.pagination import Page, paginate
from ripple.people.importing import PersonRow
from ripple.people.models import PEOPLE_SEARCH, ApiToken, Department, Invitation, Team, User


def directory_page(
    *, search_text: str = "", department_id: int | None = None, cursor: str | None = None, size: int = 30
) -> Page[User]:
    """Active people, by name; narrowed by a full-text search and a department. Three queries at most."""
    qs: QuerySet[User] = User.objects.filter(is_active=True).select_related("department", "team")
    if department_id:
        qs = qs.filter(department_id=department_id)
    if search_text.strip():
        qs = qs.filter(pk__in=search.matching(User.objects.all(), PEOPLE_SEARCH, search_text).values("pk"))
    return paginate(qs, ordering=("name", "id"), cursor=cursor, size=size)


def people_matching(text: str, *, limit: int = 8) -> list[User]:
    """Active people whose name (any word of it) or email starts with `text`, for the people pickers.
    One query."""
    text = text.strip().lstrip("@")[:60]
    if not text:
        return []
    return list(
        User.objects.filter(
            Q(name__istartswith=text) | Q(name__icontains=f" {text}") | Q(email__istartswith=text),
            is_active=True,
        )
        .select_related("department")
        .order_by("name", "id")[:limit]
    )


def departments() -> QuerySet[Department]:
    return Department.objects.order_by("name")


def departments_page(*, cursor: str | None = None, size: int = 100) -> Page[Department]:
    """Departments by name, each with `active_people` and its teams (two queries)."""
    qs = Department.objects.annotate(
        active_people=Count("members", filter=Q(members__is_active=True), distinct=True)
    ).prefetch_related("teams")
    return paginate(qs, ordering=("name", "id"), cursor=cursor, size=size)


def departments_with_teams() -> QuerySet[Department]:
    """Departments with their teams (by name) and `member_count` (everyone, deactivated too). 2 queries."""
    return (
        Department.objects.annotate(member_count=Count("members"))
        .prefetch_related(Prefetch("teams", queryset=Team.objects.order_by("name")))
        .order_by("name")
    )


def teams() -> QuerySet[Team]:
    return Team.objects.select_related("department").order_by("department__name", "name")


def tokens_for(user: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user).order_by("revoked_at", "-created_at")


def admin_people_page(
    *, search_text: str = "", status: str = "active", cursor: str | None = None, size: int = 50
) -> Page[User]:
    qs: QuerySet[User] = User.objects.select_related("department", "team")
    if status == "active":
        qs = qs.filter(is_active=True)
    elif status == "deactivated":
        qs = qs.filter(is_active=False)
    if search_text.strip():
        qs = qs.filter(pk__in=search.matching(User.objects.all(), PEOPLE_SEARCH, search_text).values("pk"))
    return paginate(qs, ordering=("name", "id"), cursor=cursor, size=size)


def invitations(limit: int = 100) -> list[Invitation]:
    return list(Invitation.objects.select_related("department", "team", "invited_by")[:limit])


def profile_sections(person: User) -> list[dict[str, str]]:
    """The profile parts other apps registered, in order, with their URL for this person."""
    from django.urls import reverse

    from ripple.core import registry

    ordered = sorted(registry.profile_sections, key=lambda s: (s.order, s.name))
    return [{"name": s.name, "url": reverse(s.url_name, args=[person.pk])} for s in ordered]


def person(user_id: int) -> User:
    """One person with their department and team."""
    return User.objects.select_related("department", "team").get(pk=user_id)


def people_by_ids(ids: list[int]) -> list[User]:
    """The people with these ids (any that do not exist are left out), with their departments."""
    return list(User.objects.filter(pk__in=set(ids)).select_related("department"))


def first_steps(user: User) -> list[dict[str, object]] | None:
    """The first-day checklist (the steps the apps registered, each done or not, from real data), or None
    once every step is done or the person dismissed it. One query per step at most, none when dismissed."""
    if user.first_steps_dismissed_at is not None:
        return None
    steps = sorted(registry.first_steps, key=lambda s: (s.order, s.name))
    items: list[dict[str, object]] = [
        {
            "name": s.name,
            "label": s.label,
            "hint": s.hint,
            "url": reverse(s.url_name),
            "done": bool(s.done(user)),
        }
        for s in steps
    ]
    if not items or all(i["done"] for i in items):
        return None
    return items


def check_people_rows(rows: list[PersonRow]) -> tuple[list[str], list[PersonRow]]:
    """Rows of a people CSV checked against Ripple (accounts that exist, managers found neither in the
    file nor in Ripple): every problem as a line, and the rows that can be created. Two queries."""
    errors: list[str] = [row.error_line() for row in rows if row.errors]
    valid = [row for row in rows if not row.errors]
    existing = set(User.objects.filter(email__in=[r.email for r in valid]).values_list("email", flat=True))
    file_emails = {r.email for r in valid if r.email not in existing}
    known_managers = set(
        User.objects.filter(email__in=[r.manager_email for r in valid if r.manager_email]).values_list(
            "email", flat=True
        )
    )
    good: list[PersonRow] = []
    for row in valid:
        if row.email in existing:
            row.errors.append(f"{row.email} already has an account")
        if row.manager_email and row.manager_email not in file_emails | known_managers:
            row.errors.append(f"manager {row.manager_email} is not in the file or in Ripple")
        if row.errors:
            errors.append(row.error_line())
        else:
            good.append(row)
    return errors, good
