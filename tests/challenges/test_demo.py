"""The demo's challenges: one finished promptathon with votes, scores and published results; one open."""

from __future__ import annotations

import random

import pytest
from django.urls import reverse

from ripple.challenges import selectors
from ripple.challenges.models import Challenge, Score, Submission, Vote
from ripple.demo import build
from ripple.demo.challenges import FINISHED, OPEN, build_challenges
from ripple.people.models import User

pytestmark = pytest.mark.django_db(transaction=True)


def test_demo_challenges_are_lived_in_and_built_once(client):
    build.build(seed=5, people=40)
    finished = Challenge.objects.get(title=FINISHED)
    assert finished.voting_closed() and finished.results_published_at and finished.announced_post_id
    assert Vote.objects.filter(challenge=finished).count() > 30
    assert Score.objects.filter(submission__challenge=finished).count() == 8 * 3 * 3
    res = selectors.results(finished, selectors.entries(finished, finished.created_by))
    assert res.people_winners and res.judges_winners
    assert finished.collection.prompt_count >= 1
    current = Challenge.objects.get(title=OPEN)
    assert current.accepting_entries() and Submission.objects.filter(challenge=current).count() == 3
    counts = (Challenge.objects.count(), Submission.objects.count(), Vote.objects.count())
    build_challenges(rng=random.Random(1))
    assert (Challenge.objects.count(), Submission.objects.count(), Vote.objects.count()) == counts
    client.force_login(User.objects.get(email="member@example.org"))
    for url in (
        reverse("challenges:index"),
        finished.get_absolute_url(),
        reverse("challenges:results", args=[finished.pk]),
        current.get_absolute_url(),
    ):
        assert client.get(url).status_code == 200, url
