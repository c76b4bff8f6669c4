"""A drill attached to a cohort's space and week shows on that week's cohort page, for members only."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from ripple.drills import actions as drill_actions
from tests.cohorts.conftest import add_members, make_cohort
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_this_weeks_drill_is_listed_for_members(fay):
    cohort = make_cohort(fay, week=2, visibility="private")
    member = add_members(cohort, 1)[0]
    output = "The Eiffel Tower was finished in 1899 and is 500 metres tall."
    drill_actions.drill_create(
        actor=fay,
        title="Tower facts",
        output=output,
        prompt="Tell me about the Eiffel Tower.",
        flaws=[{"quote": "1899", "explanation": "It was finished in 1889."}],
        space=cohort.space,
        week=2,
    )
    c = Client()
    c.force_login(member)
    html = c.get(reverse("cohorts:detail", args=[cohort.pk])).content.decode()
    assert "Spot the flaw: Tower facts" in html
    outsider = Client()
    outsider.force_login(UserFactory())
    assert outsider.get(reverse("cohorts:detail", args=[cohort.pk])).status_code == 404
