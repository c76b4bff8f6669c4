"""The demo organization's show-and-tell: a Friday series running for six months — demos and AI fails,
notes, attendance (with its learning events), applause and new faces — with the next four weeks partly
booked, a waiting list, and an invitation waiting for the demo member. Plus a Finance-only clinic.

Deterministic for a seed (dates relative to today) and idempotent: nothing is added when the series exists.
"""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta

from django.utils import timezone

from ripple.demo.people import ADMIN_EMAIL, MEMBER_EMAIL
from ripple.library.models import Prompt
from ripple.notifications.actions import without_emails
from ripple.people.models import Department, Role, User
from ripple.showcase import actions
from ripple.showcase.models import Applause, Occurrence, Series, Slot

TITLE = "Friday show & tell"
WEEKS = 26

DEMOS = [
    "Meeting notes to action items in one prompt",
    "A prompt that drafts the weekly status report",
    "Turning a messy spreadsheet into a clean pivot with Copilot",
    "Customer email replies in our tone of voice",
    "Summarising 40 survey answers into themes",
    "Writing SQL from a plain-English question",
    "First drafts of job descriptions",
    "Code review checklist generated from our style guide",
    "Release notes from merged pull requests",
    "Interview question bank for a new role",
    "Competitor research brief in ten minutes",
    "Translating support macros into German and Spanish",
    "Test cases from a user story",
    "Slide outline from a long strategy doc",
    "Contract clause finder",
    "Expense policy Q&A bot for my team",
    "Onboarding checklist for new joiners",
    "Cleaning CRM notes before import",
    "Board-pack summary with sources",
    "Unit tests for a legacy module",
    "Invoice matching with a prompt chain",
    "Social posts from a blog article",
    "Incident timeline from chat logs",
    "Prompt that rewrites jargon for customers",
]
FAILS = [
    "It invented a policy that does not exist",
    "Confident, wrong numbers in a forecast",
    "The summary dropped the one thing the customer was angry about",
    "A citation to a paper nobody wrote",
    "It 'fixed' the test by deleting the assertion",
    "Translation that was polite but meant the opposite",
    "Pasted data I should not have — and what I do now",
    "The regex that matched everything",
]
QUESTIONS = [
    "How do you check AI output before sending it?",
    "Which tasks should we never give to AI?",
    "How do you share a prompt so others can reuse it?",
    "What do you do when it refuses?",
]
TAKEAWAYS = [
    "Give one good example before asking: the output copies its structure.",
    "Always check numbers against the source; the tone can be right while the facts are wrong.",
    "Ask for three options and combine the best parts.",
    "Keep a library entry with how to check the output.",
    "Short prompts with a clear role beat long vague ones.",
    "Paste your template first, then the request.",
]


def _kind_title(rng: random.Random, week: int) -> tuple[str, str]:
    roll = rng.random()
    if roll < 0.22:
        return "ai_fail", rng.choice(FAILS)
    if roll < 0.30:
        return "question", rng.choice(QUESTIONS)
    return "demo", rng.choice(DEMOS)


def _linked(rng: random.Random, prompts: dict[int, int], person: User, kind: str) -> int | None:
    """Most demos link the presenter's best prompt from the library, when they have one."""
    return prompts.get(person.pk) if kind == "demo" and rng.random() < 0.6 else None


def build_showcase(*, rng: random.Random) -> None:
    """Add the show-and-tell history and the weeks ahead; does nothing if it is already there."""
    if Series.objects.filter(title=TITLE).exists():
        return
    people = list(User.objects.filter(is_active=True).select_related("department").order_by("id"))
    if len(people) < 12:
        return
    admin = next((p for p in people if p.email == ADMIN_EMAIL), people[0])
    member = next((p for p in people if p.email == MEMBER_EMAIL), people[1])
    facilitators = [p for p in people if p.role == Role.FACILITATOR] or [admin]
    host = facilitators[0]
    now = timezone.now()
    today = timezone.localdate()
    first_friday = today - timedelta(days=(today.weekday() - 4) % 7) - timedelta(weeks=WEEKS)
    with without_emails():
        series = actions.series_create(
            actor=host,
            hosts=[admin, *facilitators[1:2]],
            data=actions.SeriesInput(
                title=TITLE, rrule="FREQ=WEEKLY;BYDAY=FR", start_date=first_friday,
                start_time=time(12, 30), timezone="Europe/London",
                duration_minutes=30, location="Atrium, 2nd floor", video_url="https://meet.example.org/ripple-show",
                description=(
                    "Every Friday, five minutes each: show something you tried with AI this week.\n\n"
                    "* **Demos** of what worked — a prompt, a workflow, a shortcut.\n"
                    "* **AI fails** are welcome: what went wrong teaches as much as what worked.\n"
                    "* **Questions for the room** when you are stuck.\n\n"
                    "Link the prompt from the library so people can reuse it."
                ),
            ),
        )  # fmt: skip
        _history(rng, series, people, host, now)
        _ahead(rng, series, people, member, host, now)
        finance = Department.objects.filter(name="Finance").first()
        if finance is not None:
            actions.series_create(
                actor=host,
                data=actions.SeriesInput(
                    title="Finance AI clinic", rrule="FREQ=MONTHLY;BYDAY=+1TU",
                    start_date=today + timedelta(days=1),
                    start_time=time(9, 0), timezone="Europe/London",
                    duration_minutes=45, slot_minutes=10, slots_per_session=4, location="Finance room",
                    visibility="department", department_id=finance.pk,
                    description="Month-end close and forecasts: where AI helps, where it must not.",
                ),
            )  # fmt: skip


def _history(rng: random.Random, series: Series, people: list[User], host: User, now: datetime) -> None:
    past = list(Occurrence.objects.filter(series=series, ends_at__lte=now).order_by("starts_at"))
    regulars = rng.sample(people, k=min(30, len(people)))
    for person in regulars[:18]:
        actions.always_attend_set(actor=person, series=series, on=True)
    presented: list[User] = []
    prompts_by_owner: dict[int, int] = {}
    for pk, owner_id in (
        Prompt.objects.filter(visibility="everyone", deleted_at__isnull=True)
        .order_by("-reuse_count", "id")
        .values_list("pk", "owner_id")
    ):
        prompts_by_owner.setdefault(owner_id, pk)
    for week, occ in enumerate(past):
        if week == 9:  # the summer break
            Occurrence.objects.filter(pk=occ.pk).update(
                status="cancelled", cancel_reason="Summer break", sequence=1
            )
            continue
        n = rng.randint(3, 6)
        chosen: list[User] = []
        while len(chosen) < n:
            pool = presented if presented and rng.random() < 0.55 else people
            person = rng.choice(pool)
            if person not in chosen and person.pk != host.pk:
                chosen.append(person)
        slots = []
        for position, person in enumerate(chosen, start=1):
            kind, title = _kind_title(rng, week)
            slots.append(
                Slot(
                    occurrence=occ, presenter=person, title=title, kind=kind, position=position,
                    prompt_id=_linked(rng, prompts_by_owner, person, kind),
                    created_at=occ.starts_at - timedelta(days=rng.randint(1, 6)),
                )
            )  # fmt: skip
            if person not in presented:
                presented.append(person)
        Slot.objects.bulk_create(slots)
        Occurrence.objects.filter(pk=occ.pk).update(booked_count=len(slots), capacity=max(6, len(slots)))
        crowd = rng.sample(people, k=min(len(people), 8 + week // 2 + rng.randint(0, 6)))
        actions.attendance_mark(actor=host, occurrence=occ, people=crowd + chosen, now=occ.ends_at)
        saved = list(Slot.objects.filter(occurrence=occ).order_by("position"))
        for slot in saved:
            fans = [
                p
                for p in rng.sample(crowd, k=rng.randint(0, min(12, len(crowd))))
                if p.pk != slot.presenter_id
            ]
            Applause.objects.bulk_create(
                [Applause(slot=slot, person=p, created_at=occ.ends_at) for p in fans]
            )
            Slot.objects.filter(pk=slot.pk).update(applause_count=len(fans))
        lines = [f"**{len(crowd) + len(chosen)} people came.** Thanks to everyone who presented!\n"]
        lines += [f"{i}. *{s.title}* — {s.presenter.name}" for i, s in enumerate(saved, start=1)]
        lines.append(f"\nTakeaway: {rng.choice(TAKEAWAYS)}")
        recording = f"https://video.example.org/show-{occ.starts_at:%Y%m%d}"
        actions.occurrence_notes(
            actor=host, occurrence=occ, notes="\n".join(lines), now=occ.ends_at,
            recording_url=recording if rng.random() < 0.5 else "",
        )  # fmt: skip


def _ahead(
    rng: random.Random, series: Series, people: list[User], member: User, host: User, now: datetime
) -> None:
    ahead = list(Occurrence.objects.filter(series=series, starts_at__gt=now).order_by("starts_at")[:4])
    plan = [6, 3, 1, 0]  # the next week is full (with a waiting list), then fewer
    used: set[int] = {host.pk, member.pk}
    for occ, count in zip(ahead, plan, strict=False):
        for _ in range(count):
            person = rng.choice([p for p in people if p.pk not in used])
            used.add(person.pk)
            kind, title = _kind_title(rng, 0)
            actions.slot_sign_up(actor=person, occurrence=occ, title=title, kind=kind)
    if ahead:
        waiting = rng.choice([p for p in people if p.pk not in used])
        actions.slot_sign_up(actor=waiting, occurrence=ahead[0], title="Drafting RFP answers", waitlist=True)
    if len(ahead) > 1:
        actions.slot_sign_up(
            actor=member, occurrence=ahead[1], title="My prompt for meeting notes", kind="demo"
        )
    if len(ahead) > 2:
        invitee = rng.choice([p for p in people if p.pk not in used])
        actions.invitation_send(
            actor=host, occurrence=ahead[2], person=invitee, reason="shared a win this month"
        )
    for person in rng.sample(people, k=min(12, len(people))):
        if ahead:
            actions.rsvp_set(actor=person, occurrence=ahead[0], going=True)
