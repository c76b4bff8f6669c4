"""Every read in challenges, joined up front: each page costs the same number of queries at 3 entries
or 60."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet

from ripple.challenges.models import Attachment, Challenge, Criterion, Entrant, Score, Submission, Vote
from ripple.challenges.selectors.results import Results, results
from ripple.drills import selectors as drill_selectors
from ripple.library.models import Prompt
from ripple.people.models import User

__all__ = [
    "Results",
    "attachment",
    "challenge_for_api",
    "challenges_for_api",
    "vote_counts",
    "challenge_list",
    "criteria",
    "entries",
    "judges",
    "my_entry",
    "my_scores",
    "my_votes",
    "people_by_emails",
    "people_by_ids",
    "results",
    "submission_detail",
]


def challenge_list() -> QuerySet[Challenge]:
    """Every challenge, newest first, with its number of submitted entries (never a tally of votes)."""
    return (
        Challenge.objects.select_related("created_by")
        .annotate(entry_count=Count("submissions", filter=Q(submissions__submitted_at__isnull=False)))
        .order_by("-submissions_open_at", "-id")
    )


def _api_qs() -> QuerySet[Challenge]:
    return Challenge.objects.select_related("created_by__department").prefetch_related(
        "criteria", Prefetch("judges", queryset=User.objects.select_related("department").order_by("name"))
    )


def challenges_for_api(*, limit: int) -> list[Challenge]:
    return list(_api_qs().order_by("-submissions_open_at", "-id")[:limit])


def challenge_for_api(challenge: Challenge) -> Challenge:
    return _api_qs().get(pk=challenge.pk)


def vote_counts(challenge: Challenge) -> dict[int, int]:
    """Votes per entry. Only for closed voting: callers check `challenge.voting_closed()` first."""
    rows = Vote.objects.filter(challenge=challenge).values("submission_id").annotate(n=Count("id"))
    return {r["submission_id"]: r["n"] for r in rows}


def criteria(challenge: Challenge) -> list[Criterion]:
    return list(challenge.criteria.all())


def judges(challenge: Challenge) -> list[User]:
    return list(challenge.judges.select_related("department").order_by("name"))


def _entry_qs() -> QuerySet[Submission]:
    return Submission.objects.select_related("submitter__department").prefetch_related(
        Prefetch(
            "entrants", queryset=Entrant.objects.select_related("person__department").order_by("person__name")
        ),
        Prefetch("prompts", queryset=Prompt.objects.only("id", "title", "deleted_at").order_by("id")),
    )


def _with_file(submissions: list[Submission]) -> list[Submission]:
    files = {
        a.submission_id: a
        for a in Attachment.objects.defer("data").filter(submission__in=[s.pk for s in submissions])
    }
    for s in submissions:
        s.file = files.get(s.pk)  # type: ignore[attr-defined]
        s.entrant_ids = {e.person_id for e in s.entrants.all()}  # type: ignore[attr-defined]
    return submissions


def entries(challenge: Challenge, viewer: User) -> list[Submission]:
    """The submitted entries (oldest first) and the viewer's own draft."""
    qs = (
        _entry_qs()
        .filter(challenge=challenge)
        .filter(Q(submitted_at__isnull=False) | Q(entrants__person=viewer))
        .distinct()
        .order_by("created_at", "id")
    )
    return _with_file(list(qs))


def submission_detail(submission: Submission) -> Submission:
    return _with_file(list(_entry_qs().filter(pk=submission.pk)))[0]


def my_entry(challenge: Challenge, viewer: User) -> Submission | None:
    entrant = Entrant.objects.filter(challenge=challenge, person=viewer).select_related("submission").first()
    return entrant.submission if entrant else None


def my_votes(challenge: Challenge, viewer: User) -> set[int]:
    return set(Vote.objects.filter(challenge=challenge, voter=viewer).values_list("submission_id", flat=True))


def my_scores(submission: Submission, judge: User) -> dict[int, int]:
    return dict(Score.objects.filter(submission=submission, judge=judge).values_list("criterion_id", "value"))


def attachment(submission: Submission) -> Attachment | None:
    return Attachment.objects.filter(submission=submission).first()


def people_by_ids(ids: list[int]) -> list[User]:
    return list(User.objects.filter(pk__in=ids, is_active=True))


def people_by_emails(emails: list[str]) -> tuple[list[User], list[str]]:
    """Active people with these emails, and the emails that match nobody."""
    wanted = {e.strip().lower() for e in emails if e.strip()}
    found = list(User.objects.filter(email__in=wanted, is_active=True))
    known = {u.email.lower() for u in found}
    return found, sorted(wanted - known)


def drills(challenge: Challenge, viewer: Any) -> list[Any]:
    """Spot-the-flaw drills posted for this challenge (`Drill.challenge_id`), those `viewer` may see,
    each with `attempted` / `gave_up` for them (one query)."""
    return list(drill_selectors.drills_for_challenge(viewer, challenge.pk))
