"""Reads for the cohort pages and API: the list, one cohort's page, members, check-ins, partners."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Count, Q, QuerySet

from ripple.cohorts import access
from ripple.cohorts.actions.common import today_for
from ripple.cohorts.models import CheckIn, Cohort, Enrolment, Message, Partner, Status
from ripple.people.models import User


@dataclass
class CohortCard:
    cohort: Cohort
    members: int
    status: str
    mine: str  # the viewer's enrolment status, or ""


def cohort_list(viewer: User, *, today: date | None = None) -> list[CohortCard]:
    """The cohorts the viewer may know exist, running and upcoming first (three queries)."""
    qs = (
        access.visible_cohorts(viewer)
        .select_related("space")
        .annotate(
            n=Count("enrolments", filter=Q(enrolments__status=Status.MEMBER, enrolments__facilitator=False))
        )
        .order_by("-start_date", "-id")
    )
    mine = dict(Enrolment.objects.filter(person=viewer).values_list("cohort_id", "status"))
    cards = [CohortCard(c, c.n, c.status(today or today_for(c)), mine.get(c.pk, "")) for c in qs]
    order = {"running": 0, "upcoming": 1, "finished": 2}
    return sorted(cards, key=lambda card: order[card.status])


@dataclass
class CohortPage:
    cohort: Cohort
    today: date
    week: int
    status: str
    mine: Enrolment | None
    is_member: bool
    is_facilitator: bool
    members: int
    waiting: int
    facilitators: list[User]
    partners: list[User] = field(default_factory=list)
    my_checkins: dict[int, CheckIn] = field(default_factory=dict)
    requests: list[Enrolment] = field(default_factory=list)

    @property
    def full(self) -> bool:
        return self.members >= self.cohort.capacity

    @property
    def weeks(self) -> list[dict[str, Any]]:
        return [
            {
                "number": n,
                "start": self.cohort.week_start(n),
                "checkin": self.my_checkins.get(n),
                "current": n == self.week,
                "future": n > self.week,
            }
            for n in range(1, self.cohort.weeks + 1)
        ]


def cohort_page(viewer: User, cohort: Cohort, *, today: date | None = None) -> CohortPage:
    today = today or today_for(cohort)
    rows = list(Enrolment.objects.filter(cohort=cohort).select_related("person__department"))
    mine = next((e for e in rows if e.person_id == viewer.pk), None)
    is_member = mine is not None and mine.status == Status.MEMBER
    page = CohortPage(
        cohort=cohort,
        today=today,
        week=cohort.current_week(today),
        status=cohort.status(today),
        mine=mine,
        is_member=is_member,
        is_facilitator=bool(is_member and mine and mine.facilitator),
        members=sum(1 for e in rows if e.status == Status.MEMBER and not e.facilitator),
        waiting=sum(1 for e in rows if e.status == Status.WAITING),
        facilitators=[e.person for e in rows if e.facilitator and e.status == Status.MEMBER],
    )
    if is_member:
        page.my_checkins = {c.week: c for c in CheckIn.objects.filter(cohort=cohort, person=viewer)}
        if cohort.pairs_published_at is not None:
            page.partners = _partners_of(cohort, viewer)
    if page.is_facilitator:
        page.requests = sorted((e for e in rows if e.status == Status.REQUESTED), key=lambda e: e.queued_at)
    return page


def _partners_of(cohort: Cohort, viewer: User) -> list[User]:
    mine = Partner.objects.filter(cohort=cohort, person=viewer).values("group")
    return [
        p.person
        for p in Partner.objects.filter(cohort=cohort, group__in=mine)
        .exclude(person=viewer)
        .select_related("person__department")
    ]


def enrolments(cohort: Cohort, *, statuses: tuple[str, ...] = (Status.MEMBER,)) -> QuerySet[Enrolment]:
    return (
        Enrolment.objects.filter(cohort=cohort, status__in=statuses)
        .select_related("person__department")
        .order_by("-facilitator", "status", "queued_at", "id")
    )


def checkins(cohort: Cohort, *, person: User | None = None, week: int | None = None) -> QuerySet[CheckIn]:
    qs = CheckIn.objects.filter(cohort=cohort).select_related(
        "person__department", "learned_from__department"
    )
    if person is not None:
        qs = qs.filter(person=person)
    if week is not None:
        qs = qs.filter(week=week)
    return qs.prefetch_related("prompts", "posts").order_by("week", "person__name", "id")


def checkin_by_id(cohort: Cohort, pk: Any) -> CheckIn | None:
    try:
        return CheckIn.objects.select_related("cohort__space").filter(cohort=cohort, pk=int(pk)).first()
    except (TypeError, ValueError, OverflowError):
        return None


def partners(cohort: Cohort) -> list[list[Partner]]:
    groups: dict[int, list[Partner]] = {}
    for row in (
        Partner.objects.filter(cohort=cohort)
        .select_related("person__department")
        .order_by("group", "person__name")
    ):
        groups.setdefault(row.group, []).append(row)
    return list(groups.values())


def messages(cohort: Cohort) -> list[Message]:
    rows = list(Message.objects.filter(cohort=cohort))
    return sorted(rows, key=lambda m: (m.send_on is None, m.send_on or date.max, m.week, m.kind))


def message_by_id(cohort: Cohort, pk: Any) -> Message | None:
    try:
        return Message.objects.select_related("cohort__space").filter(cohort=cohort, pk=int(pk)).first()
    except (TypeError, ValueError, OverflowError):
        return None


def person_by_id(pk: Any) -> User | None:
    try:
        return User.objects.select_related("department").filter(pk=int(pk), is_active=True).first()
    except (TypeError, ValueError, OverflowError):
        return None


def people_by_ids(ids: list[int]) -> list[User]:
    return list(User.objects.filter(pk__in=ids, is_active=True))
