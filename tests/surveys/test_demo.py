"""The demo's surveys: four closed quarterly rounds, a rise in one department, small groups suppressed."""

from __future__ import annotations

import random

import pytest

from ripple.demo.people import build_people
from ripple.demo.surveys import QUIET, RISING, build_surveys
from ripple.people.models import Department
from ripple.surveys import selectors
from ripple.surveys.models import AnswerSet, Round

pytestmark = pytest.mark.django_db


def test_demo_surveys_rise_in_one_department_and_hide_small_groups():
    build_people(rng=random.Random(2026), count=150)
    build_surveys(rng=random.Random(7))
    rounds = list(Round.objects.order_by("opens_at"))
    assert len(rounds) == 4 and all(r.is_closed and r.sealed_at for r in rounds)
    assert not AnswerSet.objects.filter(respondent_key__isnull=False).exists()
    rising, quiet = Department.objects.get(name=RISING), Department.objects.get(name=QUIET)

    def judge(r, dept):
        res = selectors.round_results(r, department=dept)
        if res["suppressed"]:
            return None
        return next(q["mean"] for q in res["questions"] if q["key"] == "confidence_judge")

    first, last = judge(rounds[0], rising), judge(rounds[-1], rising)
    assert first is not None and last is not None and last - first > 0.6
    others = [d for d in Department.objects.exclude(pk__in=[rising.pk, quiet.pk])]
    flat = [(judge(rounds[0], d), judge(rounds[-1], d)) for d in others]
    shown = [(a, b) for a, b in flat if a is not None and b is not None]
    assert len(shown) >= 5 and all(abs(b - a) < 0.6 for a, b in shown), flat
    assert last - first > max(b - a for a, b in shown) + 0.3  # the rise stands out
    assert selectors.round_results(rounds[-1], department=quiet)["suppressed"] is True
    pairs = selectors.round_results(rounds[-1])["pairs"]
    assert pairs["available"] and any(not q["suppressed"] for q in pairs["questions"])
    counts = {name: n for name, n in [(r.title, AnswerSet.objects.filter(round=r).count()) for r in rounds]}
    build_surveys(rng=random.Random(7))  # idempotent
    assert {r.title: AnswerSet.objects.filter(round=r).count() for r in Round.objects.all()} == counts
