from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from ripple.cohorts import actions
from ripple.cohorts.models import Cohort
from ripple.people.models import Role
from tests.factories import DepartmentFactory, UserFactory


def make_cohort(facilitator, *, week: int = 1, weeks: int = 4, visibility: str = "open", **data) -> Cohort:
    """A cohort whose current week (in UTC) is `week` (0: starts in a week; weeks + 1: finished)."""
    today = timezone.now().date()
    start = today - timedelta(days=7 * (week - 1)) if week else today + timedelta(days=7)
    fields = {
        "name": "AI for writing",
        "goal": "Write faster",
        "start_date": start,
        "weeks": weeks,
        "time_zone": "UTC",
        "capacity": 20,
        "enrolment": "open",
        **data,
    }
    return actions.cohort_create(actor=facilitator, data=fields, visibility=visibility)


def add_members(cohort: Cohort, n: int, *, departments: int = 3) -> list:
    depts = [DepartmentFactory(name=f"Dept {i}") for i in range(departments)]
    people = [UserFactory(department=depts[i % departments]) for i in range(n)]
    for person in people:
        actions.join(actor=person, cohort=cohort)
    return people


def checkin_data(**extra) -> dict:
    return {
        "tried": "Summarised a contract",
        "happened": "Saved an hour",
        "minutes_saved": 30,
        "confidence": 4,
        **extra,
    }


@pytest.fixture
def fay(db):
    return UserFactory(name="Fay Facilitator", email="fay.f@example.org", role=Role.FACILITATOR)


@pytest.fixture
def cohort(fay) -> Cohort:
    return make_cohort(fay, week=2)


@pytest.fixture
def today() -> date:
    return timezone.now().date()
