"""The outcomes report of one cohort: completion, check-in rate by week, minutes saved (self-reported),
prompts created and reused in its space, cross-department ties, before→after change per item (only
where at least k pairs: `surveys.results`), and the quotes its facilitators chose. A fixed number of
queries whatever the cohort's size; the page, CSV and API render the same dictionary."""

from __future__ import annotations

import csv
import io
from datetime import datetime, time, timedelta
from math import ceil
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import Count

from ripple.cohorts.models import CheckIn, Cohort, Enrolment, Status
from ripple.core.models import LearningEvent
from ripple.library.models import Prompt, Reuse
from ripple.surveys.results import round_results

COMPLETION_SHARE = 0.75  # checked in in at least three weeks of four


def window(cohort: Cohort) -> tuple[datetime, datetime]:
    tz = ZoneInfo(cohort.time_zone)
    start = datetime.combine(cohort.start_date, time.min, tzinfo=tz)
    return start, datetime.combine(cohort.end_date + timedelta(days=1), time.min, tzinfo=tz)


def _survey(cohort: Cohort) -> dict[str, Any]:
    after = cohort.after_round
    if after is None:
        return {"available": False, "reason": "the after survey has not been sent", "questions": []}
    results = round_results(after)
    pairs = results.get("pairs")
    if not results.get("available") or results.get("suppressed") or not pairs:
        return {
            "available": False,
            "reason": results.get("reason", "results appear when the round closes"),
            "questions": [],
        }
    return {**pairs, "k": results["k"]}


def report(cohort: Cohort) -> dict[str, Any]:
    members = list(
        Enrolment.objects.filter(cohort=cohort, status=Status.MEMBER, facilitator=False)
        .select_related("person__department")
        .order_by("person__name", "person_id")
    )
    ids = {e.person_id for e in members}
    rows = list(
        CheckIn.objects.filter(cohort=cohort, person_id__in=ids).values_list(
            "person_id", "week", "minutes_saved"
        )
    )
    n = len(members)
    weeks = list(range(1, cohort.weeks + 1))
    per_week = {w: 0 for w in weeks}
    per_person: dict[int, dict[str, int]] = {pk: {"weeks": 0, "minutes": 0} for pk in ids}
    for person_id, week, minutes in rows:
        per_week[week] = per_week.get(week, 0) + 1
        per_person[person_id]["weeks"] += 1
        per_person[person_id]["minutes"] += minutes
    need = max(1, ceil(cohort.weeks * COMPLETION_SHARE))
    completed = sum(1 for p in per_person.values() if p["weeks"] >= need)
    start, end = window(cohort)
    prompts = Prompt.objects.filter(
        space=cohort.space, deleted_at__isnull=True, created_at__gte=start, created_at__lt=end
    )
    reuse = Reuse.objects.filter(prompt__in=prompts).aggregate(
        n=Count("id"), people=Count("person", distinct=True)
    )
    created = prompts.count()
    departments = {e.person_id: e.person.department_id for e in members}
    ties = {
        frozenset((a, b))
        for a, b in LearningEvent.objects.filter(
            learner_id__in=ids, source_id__in=ids, created_at__gte=start, created_at__lt=end
        ).values_list("learner_id", "source_id")
        if departments.get(a) is not None
        and departments.get(b) is not None
        and departments[a] != departments[b]
    }
    quotes = list(
        CheckIn.objects.filter(cohort=cohort, quote=True, person_id__in=ids)
        .select_related("person__department")
        .order_by("week", "id")
    )
    total = sum(p["minutes"] for p in per_person.values())
    return {
        "cohort": {
            "id": cohort.pk,
            "name": cohort.name,
            "start_date": cohort.start_date,
            "end_date": cohort.end_date,
            "weeks": cohort.weeks,
        },
        "members": n,
        "completion": {
            "completed": completed,
            "of": n,
            "rate": round(100 * completed / n, 1) if n else 0.0,
            "rule": f"a check-in in at least {need} of {cohort.weeks} weeks",
        },
        "checkin_rate": [
            {"week": w, "checked_in": per_week[w], "rate": round(100 * per_week[w] / n, 1) if n else 0.0}
            for w in weeks
        ],
        "minutes": {
            "total": total,
            "self_reported": True,
            "per_person": [
                {
                    "person": e.person,
                    "minutes": per_person[e.person_id]["minutes"],
                    "weeks": per_person[e.person_id]["weeks"],
                }
                for e in members
            ],
        },
        "prompts": {"created": created, "reuses": reuse["n"] or 0, "reused_by": reuse["people"] or 0},
        "ties": len(ties),
        "survey": _survey(cohort),
        "quotes": [{"person": q.person, "week": q.week, "text": q.happened or q.tried} for q in quotes],
    }


def report_csv(data: dict[str, Any]) -> str:
    out = io.StringIO()
    w = csv.writer(out)

    def safe(value: Any) -> Any:
        text = str(value)
        return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else value

    def row(*values: Any) -> None:
        w.writerow([safe(v) for v in values])

    row("section", "item", "value", "note")
    row(
        "cohort",
        "name",
        data["cohort"]["name"],
        f"{data['cohort']['start_date']} to {data['cohort']['end_date']}",
    )
    row("completion", "completed", data["completion"]["completed"], data["completion"]["rule"])
    row("completion", "members", data["completion"]["of"], "")
    row("completion", "rate %", data["completion"]["rate"], "")
    for week in data["checkin_rate"]:
        row(
            "check-in rate",
            f"week {week['week']}",
            week["rate"],
            f"{week['checked_in']} of {data['members']}",
        )
    row("minutes saved", "total", data["minutes"]["total"], "self-reported")
    for person in data["minutes"]["per_person"]:
        row("minutes saved", person["person"].name, person["minutes"], "self-reported")
    row("prompts", "created in the cohort's space", data["prompts"]["created"], "")
    row("prompts", "reuses of them", data["prompts"]["reuses"], f"by {data['prompts']['reused_by']} people")
    row(
        "ties",
        "cross-department ties formed",
        data["ties"],
        "learning events between members of different departments",
    )
    survey = data["survey"]
    if not survey.get("available"):
        row("before/after", "", "", survey.get("reason", ""))
    for q in survey.get("questions", []):
        if q.get("suppressed"):
            row("before/after", q["text"], "", q["reason"])
        else:
            row(
                "before/after",
                q["text"],
                q["mean_change"],
                f"{q['pairs']} pairs, 95% CI {q['ci_low']} to {q['ci_high']}",
            )
    for quote in data["quotes"]:
        row("quote", f"week {quote['week']}", quote["text"], quote["person"].name)
    return out.getvalue()
