"""The demo's cohorts: two finished with check-ins, partners and paired surveys that show a change; one
running that the demo member is in. Built once."""

from __future__ import annotations

import random

import pytest

from ripple.cohorts import selectors
from ripple.cohorts.models import CheckIn, Cohort, Partner
from ripple.demo import build
from ripple.demo.cohorts import build_cohorts
from ripple.demo.people import MEMBER_EMAIL
from ripple.people.models import User

pytestmark = pytest.mark.django_db(transaction=True)


def test_demo_cohorts_are_lived_in_and_built_once():
    build.build(seed=5, people=60)
    cohorts = {c.status(): c for c in Cohort.objects.all()}
    assert Cohort.objects.count() == 3
    assert sorted(c.status() for c in Cohort.objects.all()) == ["finished", "finished", "running"]
    for cohort in Cohort.objects.all():
        assert Partner.objects.filter(cohort=cohort).exists() and cohort.pairs_published_at
        assert cohort.before_round is not None
    finished = [c for c in Cohort.objects.all() if c.status() == "finished"]
    for cohort in finished:
        report = selectors.report(cohort)
        assert report["completion"]["completed"] > 0 and report["minutes"]["total"] > 0
        assert report["survey"]["available"], report["survey"]
        assert any(not q["suppressed"] for q in report["survey"]["questions"])
        assert report["quotes"] and report["prompts"]["created"] == 3
    running = cohorts["running"]
    member = User.objects.get(email=MEMBER_EMAIL)
    assert selectors.cohort_page(member, running).is_member
    assert any(r["cells"][0] == "missed" for r in selectors.board(running).rows)
    counts = (Cohort.objects.count(), CheckIn.objects.count())
    build_cohorts(rng=random.Random(1))
    assert (Cohort.objects.count(), CheckIn.objects.count()) == counts
