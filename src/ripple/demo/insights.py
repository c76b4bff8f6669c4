"""Insights' story in the demo: a thriving department, a dormant team, a prompt that spread across four
departments week by week, and a connector who bridges two departments. Idempotent (the dormant team
is the marker), then the rollups are refreshed so the dashboards open full."""

from __future__ import annotations

import random
from datetime import timedelta

from django.utils import timezone

from ripple.core.models import LearningEvent
from ripple.demo.people import ADMIN_EMAIL, MEMBER_EMAIL
from ripple.feed.actions import kudos_give
from ripple.insights import actions as insights
from ripple.library import actions as library
from ripple.library.models import Prompt
from ripple.people.models import Team, User

DORMANT_TEAM = "Records & Archive"
THRIVING = "Customer Success"
CONNECTOR_FROM, CONNECTOR_TO = "Engineering", "Sales"


_QUIET: set[int] = set()  # the dormant team: never picked for this month's story


def _people(department: str, n: int, rng: random.Random) -> list[User]:
    people = list(
        User.objects.filter(department__name=department, is_active=True).exclude(pk__in=_QUIET).order_by("pk")
    )
    rng.shuffle(people)
    return people[:n]


def build_insights(*, rng: random.Random) -> None:
    if Team.objects.filter(name=DORMANT_TEAM).exists():
        return
    now = timezone.now()
    prompts = list(
        Prompt.objects.filter(visibility="everyone", deleted_at__isnull=True).order_by("-reuse_count")[:12]
    )
    if not prompts:
        return
    # A dormant team: six people of one department with no learning event in 28 days, put in one team
    # (the demo's people, so `--people N` stays N people).
    recent = now - timedelta(days=30)
    busy = set(LearningEvent.objects.filter(created_at__gte=recent).values_list("learner_id", flat=True))
    busy |= set(LearningEvent.objects.filter(created_at__gte=recent).values_list("source_id", flat=True))
    idle: dict[int, list[User]] = {}
    for person in (
        User.objects.filter(is_active=True, department__isnull=False).exclude(pk__in=busy).order_by("pk")
    ):
        if person.email not in (ADMIN_EMAIL, MEMBER_EMAIL) and person.department_id is not None:
            idle.setdefault(person.department_id, []).append(person)
    dept_id = max(idle, key=lambda d: len(idle[d])) if idle else None
    if dept_id is None:
        return
    team = Team.objects.create(name=DORMANT_TEAM, department_id=dept_id)  # also the "built" marker
    quiet = idle[dept_id][:6]
    _QUIET.update(p.pk for p in quiet)
    User.objects.filter(pk__in=[p.pk for p in quiet]).update(team=team)
    for i, person in enumerate(quiet):
        prompt = prompts[i % len(prompts)]
        if prompt.owner_id != person.pk:
            library.reuse_record(
                actor=person, prompt=prompt, minutes_saved=10, at=now - timedelta(days=45 + i)
            )
    # A prompt that spread across four departments, one more each week.
    star = prompts[0]
    reached = [
        d
        for d in ["Marketing", "Sales", "Legal & Compliance", "People & HR", "Finance"]
        if d != getattr(star.department, "name", None)
    ][:4]
    for week, dept in enumerate(reached):
        for person in _people(dept, 3, rng):
            if person.pk != star.owner_id:
                library.reuse_record(
                    actor=person,
                    prompt=star,
                    minutes_saved=rng.choice([10, 15, 20, 30]),
                    at=now - timedelta(weeks=4 - week, hours=rng.randrange(1, 48)),
                )
    # A thriving department: learning across its teams rises over the last four weeks.
    people = _people(THRIVING, 12, rng)
    for week in range(4):
        for _ in range(3 + 3 * week):
            giver, recipient = rng.sample(people, 2)
            if giver.team_id != recipient.team_id:
                kudos_give(
                    actor=giver,
                    recipients=[recipient],
                    message="Thanks for showing me that prompt trick!",
                    at=now - timedelta(weeks=3 - week, hours=rng.randrange(1, 72)),
                )
    # A connector: an engineer who learned from Engineering colleagues and taught Sales.
    engineers, sellers = _people(CONNECTOR_FROM, 5, rng), _people(CONNECTOR_TO, 6, rng)
    if engineers and sellers:
        connector = engineers[0]
        for colleague in engineers[1:]:
            kudos_give(
                actor=connector,
                recipients=[colleague],
                message="Your prompt review checklist helped.",
                at=now - timedelta(days=rng.randrange(2, 25)),
            )
        for seller in sellers:
            kudos_give(
                actor=seller,
                recipients=[connector],
                message="Thanks for the account-research prompt!",
                at=now - timedelta(days=rng.randrange(2, 25)),
            )
    insights.refresh()
