"""Who may see or change what in challenges. The one place for those rules.

* Every signed-in member sees every challenge and its submitted entries; a draft only its entrants.
* Facilitators and admins start challenges; the one who started it (and admins) run it.
* Judges are named people; a judge never scores an entry they are on.
* Tallies (votes per entry) are shown to nobody, organisers included, until voting closes.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404

from ripple.challenges.models import Challenge, Submission
from ripple.people.models import User


def can_create(viewer: User) -> bool:
    return bool(viewer.is_active and viewer.is_facilitator)


def require_can_create(viewer: User) -> None:
    if not can_create(viewer):
        raise PermissionDenied("Only facilitators and admins start challenges.")


def can_manage(viewer: User, challenge: Challenge) -> bool:
    return bool(viewer.is_active and (challenge.created_by_id == viewer.pk or viewer.is_admin))


def require_manager(viewer: User, challenge: Challenge) -> None:
    if not can_manage(viewer, challenge):
        raise PermissionDenied("Only the challenge's facilitator (or an admin) can do that.")


def _pk(value: Any, what: str) -> int:
    try:
        pk = int(value)
    except (TypeError, ValueError, OverflowError) as exc:
        raise Http404(f"No such {what}.") from exc
    if not 0 < pk < 2**63:
        raise Http404(f"No such {what}.")
    return pk


def access_challenge(viewer: User, challenge_id: Any) -> Challenge:
    if not viewer.is_active:
        raise Http404("No such challenge.")
    challenge = (
        Challenge.objects.select_related("created_by", "collection")
        .filter(pk=_pk(challenge_id, "challenge"))
        .first()
    )
    if challenge is None:
        raise Http404("No such challenge.")
    return challenge


def can_see_submission(viewer: User, submission: Submission, entrant_ids: set[int]) -> bool:
    return not submission.is_draft or viewer.pk in entrant_ids


def access_submission(viewer: User, submission_id: Any, challenge: Challenge | None = None) -> Submission:
    """An entry `viewer` may see (of `challenge` when given), with its challenge; else 404."""
    qs = Submission.objects.select_related("challenge__created_by", "challenge__collection", "submitter")
    if challenge is not None:
        qs = qs.filter(challenge=challenge)
    submission = qs.filter(pk=_pk(submission_id, "entry")).first()
    if submission is None or not viewer.is_active:
        raise Http404("No such entry.")
    entrants = set(submission.entrants.values_list("person_id", flat=True))
    if not can_see_submission(viewer, submission, entrants):
        raise Http404("No such entry.")
    submission.entrant_ids = entrants  # type: ignore[attr-defined]
    return submission


def is_entrant(viewer: User, submission: Submission) -> bool:
    ids = getattr(submission, "entrant_ids", None)
    if ids is None:
        ids = set(submission.entrants.values_list("person_id", flat=True))
    return viewer.pk in ids


def is_judge(viewer: User, challenge: Challenge) -> bool:
    return bool(viewer.is_active and challenge.judges.filter(pk=viewer.pk).exists())


def require_judge(viewer: User, submission: Submission) -> None:
    if not is_judge(viewer, submission.challenge):
        raise PermissionDenied("Only this challenge's judges score entries.")
    if is_entrant(viewer, submission):
        raise PermissionDenied("Judges do not score an entry they are on.")


def can_see_judging(viewer: User, challenge: Challenge) -> bool:
    """The judges' ranking: everyone once results are published; before that the organisers only."""
    return challenge.results_published_at is not None or can_manage(viewer, challenge)
