"""Helpers to plant known answers: rounds open in the past (answered with `now=`) so they are closed now."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from ripple.people.models import Role
from ripple.surveys import actions
from ripple.surveys.models import Question
from tests.factories import DepartmentFactory, TeamFactory, UserFactory

DAY = timedelta(days=1)


def people(n, department=None, team=None, **kw):
    department = department or (team.department if team else DepartmentFactory())
    return [UserFactory(department=department, team=team, **kw) for _ in range(n)]


def send(actor, *, closed=True, instrument=None, k=5, days_ago=30, **kw):
    """A round to everyone (unless `audience` is given) that opened `days_ago` and closes in 10 days
    (closed: it closed yesterday relative to the answers' `now`)."""
    instrument = instrument or actions.ensure_builtin_instrument()
    now = timezone.now()
    opens = now - days_ago * DAY
    closes = (now - DAY) if closed else (now + 10 * DAY)
    return actions.round_create(
        actor=actor,
        instrument=instrument,
        title=kw.pop("title", "Pulse"),
        opens_at=opens,
        closes_at=closes,
        min_group=k,
        now=opens,
        **kw,
    )


def qid(round_, key):
    return Question.objects.get(instrument_id=round_.instrument_id, key=key).pk


def answer(round_, person, by_key=None, replace=False, **values):
    """Answer as `person` with values by question key; closed rounds are answered 'in the past'."""
    values = {**(by_key or {}), **values}
    qs = {q.key: q for q in Question.objects.filter(instrument_id=round_.instrument_id)}
    payload = {str(qs[k].pk): v for k, v in values.items()}
    for key, q in qs.items():
        if q.required and key not in values:
            payload[str(q.pk)] = default_for(q)
    when = round_.opens_at + timedelta(hours=1)
    actions.submit_answers(actor=person, round_=round_, answers=payload, replace=replace, now=when)


def default_for(q):
    if q.kind == "likert":
        return 3
    if q.kind == "single":
        return q.choices[0]
    if q.kind == "multi":
        return [q.choices[0]]
    return "ok"


@pytest.fixture
def boss(db):
    return UserFactory(name="Ada Admin", email="boss@example.org", role=Role.ADMIN)


@pytest.fixture
def boss_client(client, boss):
    client.force_login(boss)
    return client


__all__ = ["DAY", "TeamFactory", "answer", "people", "qid", "send"]
