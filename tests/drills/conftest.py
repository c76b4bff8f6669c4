"""Drill helpers: a drill with a known key, attempts with known marks."""

from __future__ import annotations

import pytest

from ripple.drills import actions
from ripple.people.models import Role
from ripple.spaces import actions as space_actions
from tests.factories import UserFactory

OUTPUT = (
    "Churn fell to 4% in Q3, a 40% drop since Q2.\n"
    'This matches Gartner\'s 2021 report "Retention at Scale" (p. 12).\n'
    "Customers on annual plans churn less than monthly ones.\n"
)
FLAWS = [
    {"quote": "a 40% drop", "explanation": "From 5% to 4% is a 20% drop, not 40%.", "severity": "major"},
    {
        "quote": 'Gartner\'s 2021 report "Retention at Scale" (p. 12)',
        "explanation": "No such report exists: the citation is invented.",
        "severity": "critical",
    },
]
SECRET = "the citation is invented"


def make_drill(author, *, space=None, week=None, flaws=None, output=OUTPUT, title="Churn summary", **kw):
    return actions.drill_create(
        actor=author, title=title, output=output, prompt="Summarise churn for Q3.",
        flaws=FLAWS if flaws is None else flaws, space=space, week=week, tool="ChatGPT", **kw,
    )  # fmt: skip


def span(text, output=OUTPUT):
    at = output.index(text)
    return {"start": at, "end": at + len(text)}


def attempt(person, drill, marks=(), confidence=80):
    return actions.attempt_submit(actor=person, drill=drill, marks=list(marks), confidence=confidence)


def crowd(n, drill, **kw):
    people = [UserFactory(**kw) for _ in range(n)]
    for i, p in enumerate(people):
        attempt(p, drill, [{**span("40%"), "reason": "maths"}] if i % 2 == 0 else [], confidence=70 + i)
    return people


@pytest.fixture
def fay(db):
    return UserFactory(name="Fay Facilitator", email="fay@example.org", role=Role.FACILITATOR)


@pytest.fixture
def drill(fay):
    return make_drill(fay)


@pytest.fixture
def private_space(fay):
    return space_actions.create_space(kind="cohort", name="Secret cohort", visibility="private", leads=[fay])
