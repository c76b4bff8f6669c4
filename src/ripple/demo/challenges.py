"""The demo organization's challenges: a finished promptathon (entries with library prompts, votes from
across the company, three judges' scores, results published, winners announced on the feed) and a team
promptathon open for entries now (a few entries in, one still a draft).

Deterministic for a seed (dates relative to today) and idempotent: nothing is added when they exist.
"""

from __future__ import annotations

import random
from datetime import timedelta

from django.utils import timezone

from ripple.challenges import actions, selectors
from ripple.challenges.models import Challenge, EntryKind
from ripple.demo.people import ADMIN_EMAIL, MEMBER_EMAIL
from ripple.library.models import Prompt, Visibility
from ripple.people.models import Role, User

FINISHED = "Promptathon: the ten-minute weekly report"
OPEN = "Team promptathon: customer replies that sound like us"

ENTRIES = [
    ("Status report from ticket exports", "Paste the week's ticket export; get a three-part status report."),
    ("Meeting notes to a Friday summary", "Collects the week's meeting notes into decisions, risks, asks."),
    ("KPI table with a plain-English story", "Turns the KPI table into five sentences a director reads."),
    ("Report in the house style", "A style-guide prompt that rewrites any draft into our report format."),
    ("Risks first, wins second", "Orders the report by what needs a decision this week."),
    ("Slack digest for the team channel", "Summarises the busiest channel's week into a short digest."),
    ("Report checker", "Reads the draft report back and lists every claim without a source."),
    ("Three audiences, one report", "The same facts, rewritten for the team, the director and finance."),
]
OPEN_ENTRIES = [
    ("Tone-of-voice rewriter", "Rewrites a support reply in our voice, keeping every fact."),
    ("Angry customer first aid", "Drafts a calm first reply to an escalated complaint."),
    ("Reply in their language", "Answers in the customer's language with our glossary."),
]
CRITERIA = [
    ("Time saved", "How much of the weekly report it really takes off someone's plate"),
    ("Reusable", "Could another team use it tomorrow with no help?"),
    ("Safe", "Checks its output, keeps data where it belongs"),
]
OPEN_BRIEF = "Support replies that sound like **us**, in every language we answer in. Teams of up to nine."
BRIEF = (
    "Everyone writes a weekly report and nobody enjoys it. **Build a prompt (or a small chain) that gets "
    "your weekly report done in ten minutes.**\n\n"
    "* Enter a prompt from the library, or share a new one with your entry.\n"
    "* Show it working: a short demo video link or a before/after file.\n"
    "* Votes are open to everyone; three judges score each entry on the criteria."
)


def _prompts(rng: random.Random, person: User, pool: list[Prompt]) -> list[int]:
    own = [p.pk for p in pool if p.owner_id == person.pk]
    return [rng.choice(own or [p.pk for p in pool])] if pool else []


def build_challenges(*, rng: random.Random) -> None:
    if Challenge.objects.filter(title__in=[FINISHED, OPEN]).exists():
        return
    people = list(User.objects.filter(is_active=True).select_related("department").order_by("id"))
    if len(people) < 30:
        return
    admin = next((p for p in people if p.email == ADMIN_EMAIL), people[0])
    member = next((p for p in people if p.email == MEMBER_EMAIL), people[1])
    host = next((p for p in people if p.role == Role.FACILITATOR), admin)
    pool = list(
        Prompt.objects.filter(visibility=Visibility.EVERYONE, space=None, deleted_at=None).order_by("id")[
            :400
        ]
    )
    now = timezone.now()
    day = timedelta(days=1)
    others = [p for p in people if p.pk not in (admin.pk, member.pk, host.pk)]
    rng.shuffle(others)
    judges, entrants, voters = others[:3], others[3 : 3 + len(ENTRIES)], others[3 + len(ENTRIES) :]

    # The finished one: entries 40–33 days ago, voting until 30 days ago.
    opened = now - 40 * day
    finished = actions.challenge_create(
        actor=host,
        data=actions.ChallengeInput(
            title=FINISHED, brief=BRIEF,
            rules="Use only data you may share in the library. No customer names in prompts or files.",
            submissions_open_at=opened, submissions_close_at=opened + 7 * day,
            voting_open_at=opened + 7 * day, voting_close_at=opened + 10 * day,
            votes_per_member=3, criteria=CRITERIA, judges=judges,
        ),
    )  # fmt: skip
    entries = []
    for i, ((title, description), person) in enumerate(zip(ENTRIES, entrants, strict=False)):
        entries.append(
            actions.submission_save(
                actor=person,
                challenge=finished,
                now=opened + (i % 6 + 1) * day,
                data=actions.EntryInput(
                    title=title,
                    description=description,
                    prompt_ids=_prompts(rng, person, pool),
                    demo_url=f"https://video.example.org/promptathon/{i + 1}" if i % 2 == 0 else "",
                ),
            )  # fmt: skip
        )
    weights = [rng.uniform(0.4, 3.0) for _ in entries]
    for voter in [member, *voters[:70]]:
        choices: set[int] = set()
        for _ in range(rng.choice([1, 2, 3, 3])):
            choices.add(rng.choices(range(len(entries)), weights=weights)[0])
        for k in sorted(choices):
            actions.vote_cast(
                actor=voter, submission=entries[k], now=opened + (7 + rng.uniform(0.1, 2.9)) * day
            )
    criteria = selectors.criteria(finished)
    for judge in judges:
        lean = rng.choice([-1, 0, 0, 1])
        for k, entry in enumerate(entries):
            base = 2 + round(weights[k])
            actions.scores_set(
                actor=judge, submission=entry, now=opened + 8 * day,
                scores={c.pk: max(1, min(5, base + lean + rng.choice([-1, 0, 0, 1]))) for c in criteria},
            )  # fmt: skip
    finished = actions.results_publish(actor=host, challenge=finished, now=opened + 11 * day)
    winners = selectors.results(finished, selectors.entries(finished, host)).winners()
    actions.winners_announce(actor=host, challenge=finished, winners=winners, at=opened + 11 * day)

    # The open one: team entries, closing in five days, voting the week after.
    started = now - 2 * day
    current = actions.challenge_create(
        actor=host,
        data=actions.ChallengeInput(
            title=OPEN, entry_kind=EntryKind.TEAM,
            brief=OPEN_BRIEF,
            submissions_open_at=started, submissions_close_at=now + 5 * day,
            voting_open_at=now + 5 * day, voting_close_at=now + 9 * day,
            votes_per_member=3, criteria=CRITERIA[:2], judges=judges[:2],
        ),
    )  # fmt: skip
    spare = voters[-9:]  # other people than the finished one's entrants and judges
    for i, (title, description) in enumerate(OPEN_ENTRIES):
        lead, *team = spare[i * 3 : i * 3 + 3]
        actions.submission_save(
            actor=lead, challenge=current, now=started + (i + 1) * timedelta(hours=9),
            data=actions.EntryInput(
                title=title, description=description, teammates=team, prompt_ids=_prompts(rng, lead, pool),
                submit=i != 2,
            ),
        )  # fmt: skip
