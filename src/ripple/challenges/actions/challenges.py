"""Starting a challenge, publishing its results, announcing the winners, the closing reminder."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from ripple.challenges import access
from ripple.challenges.kinds import Notice
from ripple.challenges.models import (
    MAX_CRITERIA,
    Challenge,
    Criterion,
    Entrant,
    EntryKind,
    Submission,
)
from ripple.core import markdown
from ripple.feed import actions as feed_actions
from ripple.library import actions as library_actions
from ripple.notifications.actions import notify
from ripple.people.models import User

REMIND_BEFORE = timedelta(hours=24)
VOTES_MAX = 20


@dataclass
class ChallengeInput:
    title: str
    brief: str
    submissions_open_at: datetime
    submissions_close_at: datetime
    voting_open_at: datetime
    voting_close_at: datetime
    rules: str = ""
    entry_kind: str = EntryKind.INDIVIDUAL
    votes_per_member: int = 3
    criteria: list[tuple[str, str]] = field(default_factory=list)
    judges: list[User] = field(default_factory=list)


FIELDS = (
    "title", "brief", "rules", "entry_kind", "submissions_open_at", "submissions_close_at", "voting_open_at",
    "voting_close_at", "votes_per_member",
)  # fmt: skip
"""The plain fields of ChallengeInput, as forms and the API name them."""


def _clean(data: ChallengeInput) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}

    def add(name: str, message: str) -> None:
        errors.setdefault(name, []).append(message)

    data.title = " ".join((data.title or "").split())
    if not data.title:
        add("title", "Give the challenge a title.")
    elif len(data.title) > 160:
        add("title", "Keep the title to 160 characters.")
    if not (data.brief or "").strip():
        add("brief", "Write the brief: what should people make?")
    elif len(data.brief) > 20_000:
        add("brief", "Keep the brief to 20,000 characters.")
    if len(data.rules or "") > 10_000:
        add("rules", "Keep the rules to 10,000 characters.")
    if data.entry_kind not in EntryKind.values:
        add("entry_kind", "Choose individual or team entries.")
    if not 1 <= int(data.votes_per_member) <= VOTES_MAX:
        add("votes_per_member", f"Give each member between 1 and {VOTES_MAX} votes.")
    if data.submissions_close_at <= data.submissions_open_at:
        add("submissions_close_at", "Entries must close after they open.")
    if data.voting_close_at <= data.voting_open_at:
        add("voting_close_at", "Voting must close after it opens.")
    if data.voting_open_at < data.submissions_open_at:
        add("voting_open_at", "Voting cannot open before entries open (it may overlap the entry window).")
    if data.voting_close_at <= data.submissions_close_at:
        add("voting_close_at", "Voting must close after entries close, so every entry can get votes.")
    criteria = [(" ".join((n or "").split()), " ".join((d or "").split())) for n, d in data.criteria]
    criteria = [(n, d) for n, d in criteria if n or d]
    if len(criteria) > MAX_CRITERIA:
        add("criteria", f"At most {MAX_CRITERIA} criteria (you gave {len(criteria)}).")
    for number, (name, description) in enumerate(criteria, start=1):
        if not name:
            add("criteria", f"Criterion {number} needs a name.")
        elif len(name) > 80 or len(description) > 300:
            add("criteria", f"Criterion {number}: a name up to 80 and a description up to 300 characters.")
    names = [n.casefold() for n, _ in criteria if n]
    if len(set(names)) != len(names):
        add("criteria", "Two criteria have the same name.")
    if data.judges and not criteria:
        add("criteria", "Judges score against criteria: name at least one.")
    if any(not j.is_active for j in data.judges):
        add("judges", "Judges must be active members.")
    data.criteria = criteria
    return errors


@transaction.atomic
def challenge_create(*, actor: User, data: ChallengeInput) -> Challenge:
    """Start a challenge (facilitators and admins), with its criteria, judges and library collection."""
    access.require_can_create(actor)
    errors = _clean(data)
    if errors:
        raise ValidationError(errors)
    challenge = Challenge.objects.create(
        title=data.title,
        brief=data.brief,
        brief_html=markdown.render(data.brief),
        rules=data.rules or "",
        rules_html=markdown.render(data.rules) if data.rules else "",
        entry_kind=data.entry_kind,
        submissions_open_at=data.submissions_open_at,
        submissions_close_at=data.submissions_close_at,
        voting_open_at=data.voting_open_at,
        voting_close_at=data.voting_close_at,
        votes_per_member=int(data.votes_per_member),
        created_by=actor,
        created_at=min(timezone.now(), data.submissions_open_at),
    )
    Criterion.objects.bulk_create(
        [
            Criterion(challenge=challenge, name=n, description=d, position=i)
            for i, (n, d) in enumerate(data.criteria)
        ]
    )
    challenge.judges.set(list({j.pk: j for j in data.judges}.values()))
    challenge.collection = library_actions.collection_create(
        actor=actor,
        title=f"Challenge: {data.title}"[:120],
        description=f"The prompts entered in the challenge “{data.title}”."[:2000],
    )
    challenge.save(update_fields=["collection"])
    return challenge


def _lock(challenge: Challenge) -> Challenge:
    return Challenge.objects.select_for_update().get(pk=challenge.pk)


def _entrant_people(challenge: Challenge) -> list[User]:
    ids = Entrant.objects.filter(challenge=challenge, submission__submitted_at__isnull=False).values(
        "person_id"
    )
    return list(User.objects.filter(pk__in=ids, is_active=True))


@transaction.atomic
def results_publish(*, actor: User, challenge: Challenge, now: datetime | None = None) -> Challenge:
    """Publish the judges' ranking (the people's choice shows by itself once voting closes) and tell
    every entrant."""
    access.require_manager(actor, challenge)
    challenge = _lock(challenge)
    if not challenge.voting_closed(now):
        raise ValidationError({"challenge": "Publish the results once voting has closed."})
    if challenge.results_published_at is not None:
        raise ValidationError({"challenge": "The results are already published."})
    challenge.results_published_at = now or timezone.now()
    challenge.save(update_fields=["results_published_at"])
    url = reverse("challenges:results", args=[challenge.pk])
    for person in _entrant_people(challenge):
        notify(
            recipient=person,
            kind=Notice.RESULTS,
            text=f"The results of “{challenge.title}” are out.",
            url=url,
            actor=actor,
        )
    return challenge


@transaction.atomic
def winners_announce(
    *, actor: User, challenge: Challenge, winners: list[tuple[Submission, str]], at: datetime | None = None
) -> Challenge:
    """Post the winners to the feed (a win, by the facilitator) linking the winning prompts; once."""
    access.require_manager(actor, challenge)
    challenge = _lock(challenge)
    if challenge.results_published_at is None:
        raise ValidationError({"challenge": "Publish the results before announcing winners."})
    if challenge.announced_post_id is not None:
        raise ValidationError({"challenge": "The winners are already announced."})
    if not winners:
        raise ValidationError({"challenge": "There is no winner to announce (no entry got votes or scores)."})
    lines = [f"The winners of **{challenge.title}**:", ""]
    prompt_ids: list[int] = []
    for submission, why in winners:
        lines.append(f"- **{submission.title}** — {why}")
        prompt_ids.extend(p.pk for p in submission.prompts.all())
    lines += ["", "Their prompts are in the library; thank you to everyone who entered, voted and judged."]
    post = feed_actions.post_create(
        actor=actor,
        kind="win",
        title=f"Winners of {challenge.title}"[:160],
        body="\n".join(lines),
        minutes_saved=0,
        prompt_ids=list(dict.fromkeys(prompt_ids))[:10],
        at=at,
    )
    challenge.announced_post = post
    challenge.save(update_fields=["announced_post"])
    return challenge


@transaction.atomic
def reminders_send_due(*, now: datetime | None = None) -> int:
    """A day before entries close, tell everyone on a draft entry that it is not in yet. Once each."""
    now = now or timezone.now()
    due = Challenge.objects.select_for_update().filter(
        reminder_sent_at__isnull=True,
        submissions_open_at__lte=now,
        submissions_close_at__gt=now,
        submissions_close_at__lte=now + REMIND_BEFORE,
    )
    sent = 0
    for challenge in due:
        drafts = Entrant.objects.filter(challenge=challenge, submission__submitted_at__isnull=True)
        for entrant in drafts.select_related("person", "submission"):
            if notify(
                recipient=entrant.person,
                kind=Notice.CLOSING,
                text=f"“{challenge.title}” closes for entries soon: your draft “{entrant.submission.title}” "
                "is not submitted yet.",
                url=entrant.submission.get_absolute_url(),
            ):
                sent += 1
        challenge.reminder_sent_at = now
        challenge.save(update_fields=["reminder_sent_at"])
    return sent
