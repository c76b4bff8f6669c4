from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from ripple.challenges import actions
from ripple.challenges.models import Challenge, Submission
from tests.factories import UserFactory

D = timedelta(days=1)
WINDOWS = {
    # (entries open, entries close, voting opens, voting closes), in days from now
    "submitting": (-1, 2, 2, 4),
    "overlap": (-2, 1, -1, 3),
    "voting": (-3, -1, -1, 1),
    "closed": (-5, -3, -3, -1),
}


def set_phase(challenge: Challenge, phase: str) -> Challenge:
    now = timezone.now()
    a, b, c, d = (now + n * D for n in WINDOWS[phase])
    Challenge.objects.filter(pk=challenge.pk).update(
        submissions_open_at=a, submissions_close_at=b, voting_open_at=c, voting_close_at=d
    )
    challenge.refresh_from_db()
    return challenge


def make_challenge(owner, *, phase: str = "submitting", judges=(), criteria=None, **extra) -> Challenge:
    now = timezone.now()
    a, b, c, d = (now + n * D for n in WINDOWS["submitting"])
    data = actions.ChallengeInput(
        title=extra.pop("title", "Promptathon: the weekly report"),
        brief=extra.pop("brief", "Make the **weekly report** take ten minutes."),
        submissions_open_at=a,
        submissions_close_at=b,
        voting_open_at=c,
        voting_close_at=d,
        criteria=[("Usefulness", "Saves real time"), ("Craft", "")] if criteria is None else criteria,
        judges=list(judges),
        **extra,
    )
    challenge = actions.challenge_create(actor=owner, data=data)
    return set_phase(challenge, phase) if phase != "submitting" else challenge


def enter(challenge, person, *, title="My entry", teammates=(), draft=False, **extra) -> Submission:
    data = actions.EntryInput(title=title, teammates=list(teammates), submit=not draft, **extra)
    return actions.submission_save(actor=person, challenge=challenge, data=data)


@pytest.fixture
def challenge(facilitator):
    return make_challenge(facilitator)


@pytest.fixture
def people(db):
    return [UserFactory(name=f"Person {i}") for i in range(4)]
