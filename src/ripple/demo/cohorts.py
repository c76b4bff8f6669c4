"""The demo organization's cohorts: two finished four-week cohorts with weekly check-ins, published
partners, quotes, prompts written in their spaces and paired before/after surveys (enough pairs to show
the change), and one running cohort (week 2) that the demo member is in, with a drifting member.

Deterministic for a seed (dates relative to today) and idempotent: nothing is added when a cohort exists.
"""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from ripple.cohorts import actions
from ripple.cohorts.models import CheckIn, Cohort
from ripple.demo.people import ADMIN_EMAIL, MEMBER_EMAIL
from ripple.library import actions as library_actions
from ripple.people.models import Role, User
from ripple.surveys import actions as survey_actions
from ripple.surveys.models import Question, Round

TZ = "Europe/London"
TRIED = [
    "Asked it to turn my meeting notes into action items",
    "Drafted a customer reply in our tone",
    "Summarised a 30-page tender",
    "Wrote a formula to clean up a CRM export",
    "Built a checklist for onboarding",
    "Had it critique my slide outline",
    "Compared two contract versions",
    "Generated test cases from a story",
    "Rewrote a policy paragraph in plain English",
    "Asked for three options for a tricky email",
]
HAPPENED = [
    "Saved most of an hour; I checked every action item against the notes.",
    "Good first draft, but it invented a discount we do not offer — caught it.",
    "The summary missed one risk; I now ask it to list what it left out.",
    "Worked first time after I pasted the column headers.",
    "My partner showed me how to give it an example first.",
    "Too generic until I gave it our style guide.",
    "Faster than doing it by hand, and I understood the result.",
]
BLOCKED = [
    "",
    "",
    "",
    "Not sure what data I may paste in.",
    "No time this week.",
    "The tool was down on Tuesday.",
]
PROMPTS = [
    (
        "Action items from meeting notes",
        "From these notes, list action items with owner and date:\n\n{notes}",
    ),
    (
        "Plain-English rewrite",
        "Rewrite this for a customer who is not a lawyer, keep every obligation:\n\n{text}",
    ),
    (
        "Tender summary with risks",
        "Summarise this tender in 10 bullets, then list every risk you see:\n\n{tender}",
    ),
]
PLAN = [
    # name, goal, start (days ago), members, visibility
    (
        "Writing with AI — spring",
        "Everyone drafts and checks one real document a week with AI",
        130,
        12,
        "open",
    ),
    (
        "Spreadsheets and analysis with AI",
        "Ask AI for formulas and checks, and know when not to trust them",
        75,
        10,
        "open",
    ),
    ("AI habits — autumn", "A small weekly AI experiment each, shared with a partner", 8, 9, "open"),
]


def _at(day, hour: int) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=ZoneInfo(TZ))


def _likert(rng: random.Random, mean: float) -> int:
    return max(1, min(5, round(rng.gauss(mean, 0.7))))


def _answer(rng: random.Random, people: list[User], round_: Round, lift: float, when: datetime) -> None:
    questions = {q.key: q for q in Question.objects.filter(instrument=round_.instrument)}
    for person in people:
        base = 2.6 + lift
        values = {
            "skill": _likert(rng, base + 0.2),
            "confidence_new": _likert(rng, base),
            "confidence_judge": _likert(rng, base - 0.2),
            "check_output": _likert(rng, base),
            "safe_to_share_fail": _likert(rng, 3.0 + lift / 2),
            "frequency": "Weekly",
            "uses": [],
            "help_wanted": "",
        }
        payload = {str(questions[k].pk): v for k, v in values.items() if k in questions}
        survey_actions.submit_answers(actor=person, round_=round_, answers=payload, now=when)


def _checkins(rng: random.Random, cohort: Cohort, people: list[User], upto: int, skip: set[int]) -> None:
    prompts = list(cohort.space.prompts.all())
    for week in range(1, upto + 1):
        for i, person in enumerate(people):
            if person.pk in skip and week > 1:
                continue
            if rng.random() < 0.15 and person.pk not in skip:
                continue
            others = [p for p in people if p.department_id != person.department_id] or people
            credit = rng.choice(others) if rng.random() < 0.35 else None
            day = cohort.week_start(week) + timedelta(days=rng.randint(1, 4))
            actions.checkin_save(
                actor=person,
                cohort=cohort,
                week=week,
                now=_at(day, 10 + i % 6),
                data={
                    "tried": rng.choice(TRIED),
                    "happened": rng.choice(HAPPENED),
                    "blocked": rng.choice(BLOCKED),
                    "minutes_saved": rng.choice([0, 10, 15, 20, 30, 45, 60, 90]),
                    "confidence": min(5, 2 + week // 2 + rng.randint(0, 1)),
                    "learned_from": credit if credit is not None and credit.pk != person.pk else None,
                    "prompts": [rng.choice(prompts).pk] if prompts and rng.random() < 0.3 else [],
                },
            )


def build_cohorts(*, rng: random.Random) -> None:
    if Cohort.objects.exists():
        return
    admin = User.objects.filter(email=ADMIN_EMAIL).first()
    member = User.objects.filter(email=MEMBER_EMAIL).first()
    if admin is None:
        return
    facilitators = list(User.objects.filter(role=Role.FACILITATOR, is_active=True).order_by("pk")) or [admin]
    pool = list(
        User.objects.filter(is_active=True, role=Role.MEMBER)
        .exclude(pk=getattr(member, "pk", 0))
        .order_by("pk")
    )
    rng.shuffle(pool)
    today = timezone.localdate()
    for index, (name, goal, days_ago, size, visibility) in enumerate(PLAN):
        lead = facilitators[index % len(facilitators)]
        start = today - timedelta(days=days_ago)
        start -= timedelta(days=start.weekday())  # cohorts start on a Monday
        created = _at(start - timedelta(days=10), 9)
        cohort = actions.cohort_create(
            actor=lead if lead.is_facilitator else admin,
            visibility=visibility,
            data={
                "name": name,
                "goal": goal,
                "description": "Four weeks, one meeting a week, a check-in every week.",
                "start_date": start,
                "weeks": 4,
                "meeting_weekday": 2,
                "time_zone": TZ,
                "capacity": 14,
            },
        )
        people = pool[index * 12 : index * 12 + size]
        running = index == len(PLAN) - 1
        if running and member is not None:
            people = [member, *people[:-1]]
        for person in people:
            actions.join(actor=person, cohort=cohort, now=created)
        if len(people) < 2:  # a tiny demo organization: the cohort stays empty
            continue
        actions.pairing_propose(actor=cohort.created_by, cohort=cohort, seed=index + 1)
        actions.pairing_publish(actor=cohort.created_by, cohort=cohort, now=_at(start, 8))
        for (title, body), author in zip(PROMPTS[: 2 if running else 3], people, strict=False):
            library_actions.prompt_create(
                actor=author,
                title=title,
                body=body,
                space=cohort.space,
                at=_at(start + timedelta(days=2), 11),
            )
        actions.cohort_start(actor=cohort.created_by, cohort=cohort, now=_at(start, 9))
        cohort.refresh_from_db()
        if cohort.before_round is not None:
            _answer(rng, people, cohort.before_round, 0.0, _at(start, 15))
        if running:
            _checkins(rng, cohort, people, upto=1, skip={people[-1].pk})
            continue
        _checkins(rng, cohort, people, upto=4, skip={people[-1].pk})
        actions.send_due(now=_at(cohort.week_start(4), 9))  # opens the paired "after" round
        cohort.refresh_from_db()
        if cohort.after_round is not None:
            answering = [p for p in people if p.pk != people[-1].pk]
            _answer(
                rng, answering, cohort.after_round, 0.8, _at(cohort.week_start(4) + timedelta(days=2), 12)
            )
        now = timezone.now()
        for round_ in (cohort.before_round, cohort.after_round):
            if round_ is not None:
                survey_actions.seal_round(round_id=round_.pk, now=now)
        quotes = CheckIn.objects.filter(cohort=cohort).exclude(happened="").order_by("week", "id")[:3]
        for checkin in quotes:
            actions.checkin_quote(actor=cohort.created_by, checkin=checkin, chosen=True)
        actions.send_due(now=now)  # the finished cohort's leftover reminders are passed, not sent
