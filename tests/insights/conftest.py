"""A planted network with every figure worked out by hand (see test_figures.py for the numbers)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pytest
from django.utils import timezone

from ripple.core import ledger
from ripple.insights import actions
from ripple.insights.weeks import monday
from ripple.people.models import Role
from tests.factories import DepartmentFactory, TeamFactory, UserFactory


def this_week_at() -> dt.datetime:
    """A moment in the current week (Monday UTC) that is already past."""
    now = timezone.now()
    start = dt.datetime.combine(monday(now.astimezone(dt.UTC).date()), dt.time.min, tzinfo=dt.UTC)
    return start + (now - start) / 2


@dataclass
class Planted:
    people: dict[str, object] = field(default_factory=dict)
    depts: dict[str, object] = field(default_factory=dict)
    teams: dict[str, object] = field(default_factory=dict)

    def __getitem__(self, key: str):
        return self.people[key]

    def ago(self, weeks: int) -> dt.datetime:
        return this_week_at() - dt.timedelta(weeks=weeks)

    def event(self, learner: str, source: str, *, weeks: int = 0, kind: str = "kudos", obj=None) -> None:
        ledger.record(kind=kind, learner=self[learner], source=self[source], obj=obj, at=self.ago(weeks))

    @property
    def period(self) -> dict[str, str]:
        start = monday(timezone.now().astimezone(dt.UTC).date()) - dt.timedelta(weeks=3)
        return {"from": start.isoformat(), "to": timezone.now().astimezone(dt.UTC).date().isoformat()}


def plant() -> Planted:
    p = Planted()
    for name in ("Alpha dept", "Beta dept", "Small dept", "Ops"):
        p.depts[name] = DepartmentFactory(name=name)
    p.teams["Alpha"] = TeamFactory(name="Alpha", department=p.depts["Alpha dept"])
    p.teams["Gamma"] = TeamFactory(name="Gamma", department=p.depts["Alpha dept"])
    p.teams["Beta"] = TeamFactory(name="Beta", department=p.depts["Beta dept"])
    p.teams["Night shift"] = TeamFactory(name="Night shift", department=p.depts["Ops"])
    for i in range(1, 7):
        team = p.teams["Alpha"] if i <= 5 else p.teams["Gamma"]
        p.people[f"a{i}"] = UserFactory(name=f"Ada {i}", department=p.depts["Alpha dept"], team=team)
    for i in range(1, 6):
        p.people[f"b{i}"] = UserFactory(name=f"Bo {i}", department=p.depts["Beta dept"], team=p.teams["Beta"])
    for i in range(1, 5):
        p.people[f"c{i}"] = UserFactory(name=f"Cy {i}", department=p.depts["Small dept"])
    for i in range(1, 6):
        p.people[f"d{i}"] = UserFactory(
            name=f"Di {i}", department=p.depts["Ops"], team=p.teams["Night shift"]
        )
    # The main network, this week (kudos: learner <- source).
    p.event("a2", "a1")
    p.event("a3", "a1")
    p.event("b1", "a1")
    p.event("b2", "b1")
    p.event("b3", "b1")
    p.event("c1", "b1")
    # a1 and a2 in two earlier weeks too: habitual.
    p.event("a2", "a1", weeks=1)
    p.event("a2", "a1", weeks=2)
    # a4 and a5: once 8 weeks ago and once last week (another kind): occasional.
    p.event("a4", "a5", weeks=8, kind="suggestion")
    p.event("a4", "a5", weeks=1, kind="suggestion")
    # b4, b5, a6: only before the last four weeks: lapsed. b5 <- a6 crosses teams (Gamma -> Beta).
    p.event("b4", "b5", weeks=8)
    p.event("b5", "a6", weeks=5)
    return p


@pytest.fixture
def planted(db) -> Planted:
    p = plant()
    actions.refresh()
    return p


@pytest.fixture
def leader(db):
    return UserFactory(name="Lee Leader", role=Role.LEADER, department=None)


@pytest.fixture
def leader_client(client, leader):
    client.force_login(leader)
    return client
