"""Results: the ranking rules, the query counts (the same at 3 and 60 entries and voters), reminders,
the outcome figures for insights."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from ripple.challenges import actions, selectors
from ripple.challenges.models import Challenge, Score, Vote
from ripple.challenges.selectors import outcomes
from ripple.core import registry
from ripple.notifications.models import Notification
from tests.challenges.conftest import enter, make_challenge, set_phase
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_judges_ranking_is_the_mean_of_judge_means_and_ties_share_a_rank(facilitator, people):
    j1, j2 = UserFactory(), UserFactory()
    challenge = make_challenge(facilitator, judges=[j1, j2])
    a, b, c = (enter(challenge, p, title=t) for p, t in zip(people, "ABC", strict=False))
    set_phase(challenge, "voting")
    u, k = selectors.criteria(challenge)
    actions.scores_set(actor=j1, submission=a, scores={u.pk: 5, k.pk: 3})  # 4
    actions.scores_set(actor=j2, submission=a, scores={u.pk: 2})  # 2 → A = 3
    actions.scores_set(actor=j1, submission=b, scores={u.pk: 3, k.pk: 3})  # B = 3
    actions.vote_cast(actor=people[3], submission=c)
    set_phase(challenge, "closed")
    res = selectors.results(challenge, selectors.entries(challenge, facilitator))
    ranks = {r.submission.title: (r.rank, r.tied, r.score, r.judges) for r in res.judged}
    assert ranks == {"A": (1, True, 3.0, 2), "B": (1, True, 3.0, 1), "C": (0, False, None, 0)}
    assert [(r.submission.title, r.votes, r.rank) for r in res.people] == [
        ("C", 1, 1),
        ("A", 0, 2),
        ("B", 0, 2),
    ]
    assert [w[0].title for w in res.winners()] == ["C", "A", "B"]


def test_results_page_query_count_is_flat(client, facilitator, queries):
    judge = UserFactory()
    challenge = make_challenge(facilitator, judges=[judge])
    crit = selectors.criteria(challenge)

    def grow_to(n):
        have = challenge.submissions.count()
        people = [UserFactory() for _ in range(n - have)]
        for p in people:
            s = enter(
                challenge, p, title=f"Entry by {p.name}", new_prompt_title="P", new_prompt_body="Body text"
            )
            Score.objects.bulk_create(Score(submission=s, criterion=c, judge=judge, value=3) for c in crit)
        voters = [UserFactory() for _ in range(n)]
        entries = list(challenge.submissions.all())
        Vote.objects.bulk_create(
            Vote(challenge=challenge, submission=entries[i % len(entries)], voter=v)
            for i, v in enumerate(voters)
        )

    grow_to(3)
    set_phase(challenge, "closed")
    actions.results_publish(actor=facilitator, challenge=challenge)
    client.force_login(UserFactory())
    url = reverse("challenges:results", args=[challenge.pk])

    def grow():
        set_phase(challenge, "submitting")
        grow_to(60)
        set_phase(challenge, "closed")

    queries.flat(lambda: queries.count(client, url), grow, exactly=11)
    assert challenge.submissions.count() == 60


def test_challenge_page_query_count_is_flat(client, facilitator, queries):
    challenge = make_challenge(facilitator)
    for _ in range(3):
        enter(challenge, UserFactory(), new_prompt_title="P", new_prompt_body="Body text")
    client.force_login(UserFactory())

    def grow():
        for _ in range(57):
            enter(challenge, UserFactory(), new_prompt_title="P", new_prompt_body="Body text")

    queries.flat(lambda: queries.count(client, challenge.get_absolute_url()), grow, exactly=12)


def test_api_lists_are_flat(api, facilitator, queries, client):
    challenge = make_challenge(facilitator)
    for _ in range(3):
        enter(challenge, UserFactory())
    set_phase(challenge, "closed")
    url = f"/api/v1/challenges/{challenge.pk}/results"
    measure = lambda: queries.count(client, url, headers=api.headers)  # noqa: E731

    def grow():
        set_phase(challenge, "submitting")
        for _ in range(57):
            enter(challenge, UserFactory())
        set_phase(challenge, "closed")

    measure()  # the token's first use of the day is recorded once
    queries.flat(measure, grow, exactly=12)


def test_closing_reminder_goes_once_to_entrants_with_drafts(facilitator, people):
    challenge = make_challenge(facilitator)
    draft = enter(challenge, people[0], title="Half done", draft=True)
    enter(challenge, people[1], title="Done")
    assert actions.reminders_send_due() == 0  # closes in two days: not yet
    Challenge.objects.filter(pk=challenge.pk).update(submissions_close_at=timezone.now() + timedelta(hours=5))
    call_command("send_challenge_reminders", "--now")
    notes = Notification.objects.filter(kind="challenge_closing")
    assert [n.recipient_id for n in notes] == [people[0].pk] and draft.get_absolute_url() == notes[0].url
    assert actions.reminders_send_due() == 0


def test_outcome_figures(facilitator, people):
    assert "challenges" in registry.outcomes
    challenge = make_challenge(facilitator)
    enter(challenge, people[0])
    e = enter(challenge, people[1])
    set_phase(challenge, "voting")
    actions.vote_cast(actor=people[2], submission=e)
    set_phase(challenge, "closed")
    today = timezone.localdate()
    rows = {
        r["label"]: r["value"]
        for r in outcomes.figures(start=today - timedelta(days=30), end=today, department_id=None)
    }
    assert rows == {
        "Challenges closed": 1, "Challenge entries": 2, "People who entered": 2, "Votes cast": 1,
        "Departments taking part": 2,
    }  # fmt: skip
    dept = {
        r["label"]: r["value"]
        for r in outcomes.figures(
            start=today - timedelta(days=30), end=today, department_id=people[0].department_id
        )
    }
    assert dept["Challenge entries"] == 1 and dept["Votes cast"] == 0


def test_a_challenges_drills_are_listed_on_its_page(client, facilitator):
    from ripple.drills import actions as drill_actions

    challenge = make_challenge(facilitator)
    drill_actions.drill_create(
        actor=facilitator,
        title="Warm-up: the made-up quote",
        output="As Ada Lovelace said in 1901, computers will write poetry.",
        prompt="Give me a quote about computers.",
        flaws=[{"quote": "1901", "explanation": "She died in 1852."}],
        challenge_id=challenge.pk,
    )
    drill_actions.drill_create(
        actor=facilitator,
        title="Unrelated drill",
        output="Water boils at 50 degrees at sea level.",
        prompt="At what temperature does water boil?",
        flaws=[{"quote": "50 degrees", "explanation": "100 degrees."}],
    )
    client.force_login(UserFactory())
    html = client.get(challenge.get_absolute_url()).content.decode()
    assert "Warm-up: the made-up quote" in html and "Unrelated drill" not in html
