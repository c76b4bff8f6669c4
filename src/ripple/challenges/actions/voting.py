"""Votes (each member has the challenge's number of votes, one per entry, never for an entry they are
on, only while voting is open; changeable and retractable then) and judges' scores (1–5 per criterion)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from ripple.challenges import access
from ripple.challenges.models import SCORE_MAX, SCORE_MIN, Challenge, Score, Submission, Vote
from ripple.people.models import User


def _open_for_voting(challenge: Challenge, now: datetime) -> None:
    if now < challenge.voting_open_at:
        raise ValidationError(
            {"vote": f"Voting opens {timezone.localtime(challenge.voting_open_at):%d %b %Y, %H:%M}."}
        )
    if now >= challenge.voting_close_at:
        raise ValidationError({"vote": "Voting has closed; votes can no longer change."})


@transaction.atomic
def vote_cast(*, actor: User, submission: Submission, now: datetime | None = None) -> Vote:
    """One vote for `submission`. Refused: outside the window, a draft, one's own or team's entry,
    a second vote for the same entry, more votes than the challenge gives each member."""
    now = now or timezone.now()
    challenge = Challenge.objects.select_for_update().get(
        pk=submission.challenge_id
    )  # one voter's votes take turns
    _open_for_voting(challenge, now)
    if submission.is_draft:
        raise ValidationError({"vote": "This entry is a draft; it cannot be voted for."})
    if access.is_entrant(actor, submission):
        raise ValidationError({"vote": "You cannot vote for an entry you are on (yours or your team's)."})
    mine = list(Vote.objects.filter(challenge=challenge, voter=actor).values_list("submission_id", flat=True))
    if submission.pk in mine:
        raise ValidationError({"vote": "You have already voted for this entry (one vote per entry)."})
    if len(mine) >= challenge.votes_per_member:
        n = challenge.votes_per_member
        raise ValidationError({"vote": f"You have used all {n} of your votes; take one back to vote here."})
    return Vote.objects.create(challenge=challenge, submission=submission, voter=actor, created_at=now)


@transaction.atomic
def vote_retract(*, actor: User, submission: Submission, now: datetime | None = None) -> None:
    """Take back one's vote for `submission` (only while voting is open)."""
    now = now or timezone.now()
    challenge = Challenge.objects.select_for_update().get(pk=submission.challenge_id)
    _open_for_voting(challenge, now)
    deleted, _ = Vote.objects.filter(submission=submission, voter=actor).delete()
    if not deleted:
        raise ValidationError({"vote": "You have not voted for this entry."})


@transaction.atomic
def scores_set(
    *, actor: User, submission: Submission, scores: Mapping[int, int], now: datetime | None = None
) -> list[Score]:
    """A judge's scores for `submission`, {criterion id: 1–5}; a judge may change them until the results
    are published. Every value is checked before anything is written."""
    now = now or timezone.now()
    access.require_judge(actor, submission)
    challenge = Challenge.objects.select_for_update().get(pk=submission.challenge_id)
    if submission.is_draft:
        raise ValidationError({"scores": "This entry is a draft; it cannot be scored."})
    if now < challenge.submissions_close_at:
        raise ValidationError({"scores": "Judging starts when entries close (entries may still change)."})
    if challenge.results_published_at is not None:
        raise ValidationError({"scores": "The results are published; scores can no longer change."})
    criteria = {c.pk: c for c in challenge.criteria.all()}
    errors: list[str] = []
    if not scores:
        errors.append("Give at least one score.")
    for criterion_id, value in scores.items():
        if criterion_id not in criteria:
            errors.append(f"There is no criterion {criterion_id} in this challenge.")
        elif isinstance(value, bool) or not isinstance(value, int) or not SCORE_MIN <= value <= SCORE_MAX:
            errors.append(
                f"“{criteria[criterion_id].name}”: a score is a whole number from {SCORE_MIN} to {SCORE_MAX}."
            )
    if errors:
        raise ValidationError({"scores": errors})
    if not criteria:
        raise PermissionDenied("This challenge has no criteria to score.")
    saved = []
    for criterion_id, value in scores.items():
        score, _ = Score.objects.update_or_create(
            submission=submission,
            criterion_id=criterion_id,
            judge=actor,
            defaults={"value": value, "updated_at": now},
        )
        saved.append(score)
    return saved
