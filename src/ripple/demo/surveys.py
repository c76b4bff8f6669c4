"""The demo organization's capability surveys: four quarterly rounds of the built-in instrument over the
last year. Confidence rises in Customer Success (they ran AI office hours), stays flat elsewhere; Legal &
Compliance answers too little to show, and most teams are below the minimum group size."""

from __future__ import annotations

import random
from datetime import timedelta

from django.utils import timezone

from ripple.people.models import Role, User
from ripple.surveys import actions
from ripple.surveys.models import Question, Round

RISING = "Customer Success"
QUIET = "Legal & Compliance"
QUARTERS = [("AI pulse — Q1", 350), ("AI pulse — Q2", 260), ("AI pulse — Q3", 170), ("AI pulse — Q4", 80)]
WISHES = [
    "More real examples from my own team.", "Time set aside to practise.", "A prompt library for our tools.",
    "Someone to ask when an answer looks off.", "Clear rules on what data I may paste in.",
    "Short videos, not long trainings.", "Knowing how others check the outputs.", "Access to a better model.",
]  # fmt: skip
USES = [
    "Writing and editing", "Research and summarising", "Analysing data", "Code, formulas or scripts",
    "Brainstorming ideas", "Meeting notes and follow-ups", "Learning something new",
]  # fmt: skip
FREQUENCY = [
    "Never",
    "Less than once a month",
    "A few times a month",
    "Weekly",
    "Several times a week",
    "Daily",
]


def _likert(rng: random.Random, mean: float) -> int:
    return max(1, min(5, round(rng.gauss(mean, 0.75))))


def build_surveys(*, rng: random.Random) -> None:
    if Round.objects.exists():
        return
    admin = User.objects.filter(role=Role.ADMIN, is_active=True).order_by("pk").first()
    if admin is None:
        return
    instrument = actions.ensure_builtin_instrument()
    questions = {q.key: q for q in Question.objects.filter(instrument=instrument)}
    people = list(User.objects.filter(is_active=True).select_related("department").order_by("pk"))
    now = timezone.now()
    before = None
    for quarter, (title, days_ago) in enumerate(QUARTERS):
        opens = now - timedelta(days=days_ago)
        round_ = actions.round_create(
            actor=admin, instrument=instrument, title=title, opens_at=opens,
            closes_at=opens + timedelta(days=14),
            pair_role="before" if quarter == 0 else "after" if quarter == 3 else "",
            paired_with=before if quarter == 3 else None, now=now,
        )  # fmt: skip
        if quarter == 0:
            before = round_
        quiet_answers = 0
        for person in people:
            dept = person.department.name if person.department else ""
            if rng.random() > (0.3 if dept == QUIET else 0.72) or (dept == QUIET and quiet_answers >= 3):
                continue
            quiet_answers += dept == QUIET
            lift = 0.45 * quarter if dept == RISING else 0.0
            base = 2.7 + lift
            answers = {
                "skill": _likert(rng, base + 0.2),
                "confidence_new": _likert(rng, base + 0.1),
                "confidence_judge": _likert(rng, base - 0.2),
                "check_output": _likert(rng, base),
                "safe_to_share_fail": _likert(rng, 3.1 + lift / 2),
                "frequency": FREQUENCY[max(0, min(5, round(rng.gauss(2.6 + lift, 1.1))))],
                "uses": sorted(rng.sample(USES, rng.randint(0, 3)), key=USES.index),
                "help_wanted": rng.choice(WISHES) if rng.random() < 0.3 else "",
            }
            payload = {str(questions[k].pk): v for k, v in answers.items()}
            actions.submit_answers(
                actor=person, round_=round_, answers=payload, now=opens + timedelta(hours=rng.randint(1, 300))
            )
        actions.seal_round(round_id=round_.pk, now=now)
