"""Challenge figures for insights (core.registry.outcomes): entries, participants, votes and departments
taking part, for challenges whose voting closed in the period. Nothing here is anonymous (entries and
entrants are shown to everyone), so no minimum group size applies; tallies count only closed challenges."""

from __future__ import annotations

from datetime import date, datetime, time

from django.utils import timezone

from ripple.challenges.models import Challenge, Entrant, Submission, Vote


def figures(*, start: date, end: date, department_id: int | None) -> list[dict]:
    lo = timezone.make_aware(datetime.combine(start, time.min))
    hi = timezone.make_aware(datetime.combine(end, time.max))
    closed = Challenge.objects.filter(voting_close_at__gte=lo, voting_close_at__lte=min(hi, timezone.now()))
    entrants = Entrant.objects.filter(challenge__in=closed, submission__submitted_at__isnull=False)
    votes = Vote.objects.filter(challenge__in=closed)
    if department_id is not None:
        entrants = entrants.filter(person__department_id=department_id)
        votes = votes.filter(voter__department_id=department_id)
    entries = Submission.objects.filter(pk__in=entrants.values("submission_id")).count()
    note = "" if department_id is None else "entries with someone from this department; votes they cast"
    return [
        {"label": "Challenges closed", "value": closed.count(), "note": ""},
        {"label": "Challenge entries", "value": entries, "note": note},
        {"label": "People who entered", "value": entrants.values("person_id").distinct().count(), "note": ""},
        {"label": "Votes cast", "value": votes.count(), "note": ""},
        {
            "label": "Departments taking part",
            "value": entrants.filter(person__department__isnull=False)
            .values("person__department_id")
            .distinct()
            .count(),
            "note": "departments with at least one entrant",
        },
    ]
