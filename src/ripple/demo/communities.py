"""The demo organization's communities of practice: a handful, open and private, some endorsed (one
endorsement withdrawn, kept in history), each with members joined over the last months, posts and
prompts in its space, a pending request and an invitation, and the show-and-tell series attached to one.

Deterministic for a seed (dates relative to today) and idempotent: nothing is added when they exist.
"""

from __future__ import annotations

import random
from datetime import timedelta

from django.utils import timezone

from ripple.communities import actions
from ripple.communities.models import Community
from ripple.demo.people import ADMIN_EMAIL, MEMBER_EMAIL
from ripple.feed import actions as feed_actions
from ripple.people.models import User
from ripple.showcase.models import Series
from ripple.spaces.models import Membership

COMMUNITIES = [
    # name, purpose, visibility, members, endorsement (hours, budget, note) or None
    (
        "Excel & Copilot",
        "Spreadsheets with AI: formulas, pivots, cleaning data. Bring a messy sheet.",
        "open",
        34,
        (8, 2000, "Backed by Finance leadership: a monthly clinic and Copilot licences for its leads."),
    ),
    (
        "Prompt crafters",
        "Writing prompts that work the first time, and sharing the ones we reuse.",
        "open",
        46,
        (4, 0, "The library's curators: they review prompts before they go into the org collection."),
    ),
    (
        "Sales AI",
        "Account research, call prep and follow-ups with AI — what works with real customers.",
        "open",
        21,
        None,
    ),
    (
        "Engineering copilots",
        "Code assistants in our repos: reviews, tests, legacy code, and their fails.",
        "open",
        28,
        None,
    ),
    (
        "HR pilots",
        "A private group piloting AI in hiring and onboarding; personal data rules apply.",
        "private",
        7,
        (2, 500, "Pilot under the data-protection review; report back in Q3."),
    ),
    (
        "Leadership AI circle",
        "Directors trying AI on strategy work, privately and honestly.",
        "private",
        6,
        None,
    ),
]
TIPS = [
    "Ask for the table first, then the chart",
    "Paste the column headers, not the data",
    "Give it the style guide before the draft",
    "Ask it to list what it is unsure about",
    "Two short prompts beat one long one",
    "Keep a 'known good' example in the prompt",
    "Ask for three options, pick one, then refine",
    "Name the audience in the first line",
]
PROMPTS = [
    (
        "Clean up a messy column",
        "Here are the values of one column: {{values}}. Normalise to {{format}}; list what you can't fix.",
    ),
    (
        "Follow-up email after a call",
        "Write a follow-up to {{customer}} after our call on {{topic}}: thank, recap 3 points, next step.",
    ),
    (
        "Explain this code to a newcomer",
        "Explain what this {{language}} code does, step by step, for a new joiner: {{code}}",
    ),
    (
        "Interview questions for a role",
        "Draft eight interview questions for a {{role}}: four on skills, four on how they learn.",
    ),
]


def build_communities(*, rng: random.Random) -> None:
    """Add the communities; does nothing when the first one exists already."""
    if Community.objects.filter(name=COMMUNITIES[0][0]).exists():
        return
    people = list(User.objects.filter(is_active=True).order_by("id"))
    if len(people) < 20:
        return
    admin = next((p for p in people if p.email == ADMIN_EMAIL), people[0])
    member = next((p for p in people if p.email == MEMBER_EMAIL), people[1])
    others = [p for p in people if p.pk not in (admin.pk, member.pk)]
    now = timezone.now()
    made: list[Community] = []
    for i, (name, purpose, visibility, size, backing) in enumerate(COMMUNITIES):
        lead = others[(i * 7) % len(others)]
        started = now - timedelta(days=rng.randint(90, 170))
        community = actions.community_create(
            actor=lead, name=name, purpose=purpose, visibility=visibility, at=started
        )
        Membership.objects.filter(space=community.space).update(joined_at=started)
        crowd = rng.sample(others, min(size, len(others)))
        if i in (0, 1, 4):  # the demo member belongs to a few, and leads none
            crowd.append(member)
        for person in crowd:
            if person.pk == lead.pk:
                continue
            joined = started + timedelta(days=rng.randint(0, max(1, (now - started).days - 1)))
            if visibility == "private":
                actions.invite(actor=lead, community=community, person=person)
            actions.join(actor=person, community=community, at=joined)
        talkers = [lead, *crowd[:8]]
        for _ in range(rng.randint(3, 9) if i != 3 else 12):
            at = now - timedelta(days=rng.randint(0, 60), hours=rng.randint(0, 23))
            feed_actions.post_create(
                actor=rng.choice(talkers), kind=rng.choice(["tip", "question", "win"]),
                title=f"{rng.choice(TIPS)} ({name})", body="What worked for us, in a few lines.",
                minutes_saved=rng.choice([0, 15, 30]), space=community.space, at=at,
            )  # fmt: skip
        for title, body in rng.sample(PROMPTS, 2):
            actions.prompt_add(
                actor=rng.choice(talkers), community=community, title=f"{title} — {name}", body=body,
                at=now - timedelta(days=rng.randint(0, 80)),
            )  # fmt: skip
        if backing:
            hours, budget, note = backing
            actions.endorse(
                actor=admin, community=community, hours_per_month=hours, budget=budget or None, note=note,
                at=now - timedelta(days=rng.randint(10, 60)),
            )  # fmt: skip
        made.append(community)
    # History: Sales AI was endorsed once, then withdrawn when its sponsor left.
    sales = made[2]
    actions.endorse(
        actor=admin, community=sales, hours_per_month=2, note="Pilot quarter.", at=now - timedelta(days=120)
    )
    actions.withdraw(
        actor=admin,
        community=sales,
        reason="Sponsor moved on; re-apply any time.",
        at=now - timedelta(days=40),
    )
    # A pending request (to the private HR pilots) and an invitation waiting for the demo member.
    asker = next(p for p in others if not Membership.objects.filter(space=made[4].space, person=p).exists())
    actions.request_join(actor=asker, community=made[4], message="I run onboarding in Lisbon.")
    actions.invite(actor=made[5].created_by, community=made[5], person=member)
    # The Friday show-and-tell belongs to Prompt crafters (its host leads it there too).
    series = Series.objects.filter(archived_at__isnull=True).order_by("id").first()
    if series is not None:
        host = series.hosts.order_by("id").first()
        if host is not None:
            actions.join(actor=host, community=made[1])
            actions.set_role(actor=made[1].created_by, community=made[1], person=host, role="lead")
            actions.series_attach(actor=host, community=made[1], series=series)
