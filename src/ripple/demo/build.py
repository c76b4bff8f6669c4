"""Build the demo organization: deterministic for a seed, idempotent (a second run adds nothing).

Each feature adds a `build_<feature>` step here that first checks whether its data exists.
`scale=N` then copies the organization's people and their activity N − 1 times (`demo.scale`).
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from django.db import connection, transaction

from ripple.demo.challenges import build_challenges
from ripple.demo.cohorts import build_cohorts
from ripple.demo.communities import build_communities
from ripple.demo.drills import build_drills
from ripple.demo.feed import build_feed
from ripple.demo.insights import build_insights
from ripple.demo.library import build_favourites, build_library
from ripple.demo.library_import import build_library_import
from ripple.demo.people import ADMIN_EMAIL, DEMO_PASSWORD, MEMBER_EMAIL, build_people
from ripple.demo.radar import build_radar
from ripple.demo.scale import scale_up, scaled
from ripple.demo.showcase import build_showcase
from ripple.demo.surveys import build_surveys
from ripple.insights import actions as insights
from ripple.notifications.actions import without_emails


@dataclass
class DemoSignIn:
    email: str
    password: str
    role: str


def sign_ins() -> list[DemoSignIn]:
    return [
        DemoSignIn(ADMIN_EMAIL, DEMO_PASSWORD, "admin"),
        DemoSignIn(MEMBER_EMAIL, DEMO_PASSWORD, "member"),
    ]


@transaction.atomic
def build(*, seed: int = 2026, people: int = 150, scale: int = 1) -> None:
    rng = random.Random(seed)
    with without_emails():  # six months of history fill inboxes, not mailboxes
        build_people(rng=rng, count=people)
        build_library_import(rng=random.Random(seed + 3))  # the prompts.chat prompts, before the library
        build_library(rng=random.Random(seed + 1))
        build_favourites(rng=random.Random(seed + 4))
        build_feed(rng=random.Random(seed + 2))
        build_surveys(rng=random.Random(seed + 5))
        build_showcase(rng=random.Random(seed + 6))
        build_drills(rng=random.Random(seed + 7))
        build_challenges(rng=random.Random(seed + 8))
        build_communities(rng=random.Random(seed + 9))
        build_cohorts(rng=random.Random(seed + 10))
        build_radar(rng=random.Random(seed + 7))  # a Slack export, after the library (harvest dedupes)
        build_insights(rng=random.Random(seed + 7))  # last: reads everyone's events
    if scale > 1 and not scaled():
        scale_up(scale)  # N× the people and what they did, copied by the database
        insights.refresh()
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # planner statistics, as a live database has them
