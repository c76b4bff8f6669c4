"""Cohort figures for insights (`core.registry.outcomes`): cohorts that ended in the period, how many
members completed, their check-ins and self-reported minutes. Only open cohorts count (a private
cohort's figures are its members' business); a department's figures need at least `MIN_GROUP` members."""

from __future__ import annotations

from datetime import date, timedelta
from math import ceil
from typing import Any

from django.conf import settings
from django.db.models import Count, Sum

from ripple.cohorts.models import CheckIn, Cohort, Enrolment, Status
from ripple.spaces.models import Visibility


def _min_group() -> int:
    return max(3, int(getattr(settings, "SURVEY_MIN_GROUP", 5)))


def figures(*, start: date, end: date, department_id: int | None) -> list[dict[str, Any]]:
    cohorts = [
        c
        for c in Cohort.objects.filter(space__visibility=Visibility.OPEN, start_date__lte=end)
        if start <= c.start_date + timedelta(days=7 * c.weeks - 1) <= end
    ]
    members = Enrolment.objects.filter(cohort__in=cohorts, status=Status.MEMBER, facilitator=False)
    if department_id is not None:
        members = members.filter(person__department_id=department_id)
    pairs = list(members.values_list("cohort_id", "person_id"))
    counts = {
        (row["cohort_id"], row["person_id"]): row
        for row in CheckIn.objects.filter(cohort__in=cohorts, person_id__in=[p for _c, p in pairs])
        .values("cohort_id", "person_id")
        .annotate(n=Count("id"), minutes=Sum("minutes_saved"))
    }
    weeks = {c.pk: c.weeks for c in cohorts}
    completed = sum(
        1 for key in pairs if counts.get(key, {}).get("n", 0) >= max(1, ceil(weeks[key[0]] * 0.75))
    )
    minutes = sum(counts.get(key, {}).get("minutes") or 0 for key in pairs)
    k = _min_group()
    small = department_id is not None and len(pairs) < k
    note = f"fewer than {k} members in this department" if small else ""

    def value(v: Any) -> Any:
        return None if small else v

    return [
        {"label": "Cohorts finished", "value": len(cohorts), "note": "open cohorts that ended in the period"},
        {"label": "Cohort members", "value": value(len(pairs)), "note": note},
        {
            "label": "Completed a cohort",
            "value": value(completed),
            "note": note or "a check-in in 3 of 4 weeks",
        },
        {"label": "Minutes saved in cohorts", "value": value(minutes), "note": note or "self-reported"},
    ]
