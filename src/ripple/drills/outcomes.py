"""The drills' figures for insights (`core.registry.outcomes`): attempts, mean flaws found and the
calibration gap in a period, optionally for one department (as it was when people submitted). Only
drills readable by everyone count (no space, or an open one); means are suppressed below k people."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from django.utils import timezone

from ripple.drills import access, scoring
from ripple.drills.models import Attempt
from ripple.spaces import access as spaces


def figures(*, start: date, end: date, department_id: int | None) -> list[dict[str, Any]]:
    tz = timezone.get_current_timezone()
    since = timezone.make_aware(datetime.combine(start, time.min), tz)
    until = timezone.make_aware(datetime.combine(end + timedelta(days=1), time.min), tz)
    attempts = Attempt.objects.filter(
        spaces.public_q("drill__space"), submitted_at__gte=since, submitted_at__lt=until
    )
    if department_id is not None:
        attempts = attempts.filter(department_id=department_id)
    rows = list(attempts.values_list("person_id", "confidence", "score", "found"))
    k = access.min_group()
    people = len({r[0] for r in rows})
    out: list[dict[str, Any]] = [{"label": "Drill attempts", "value": len(rows), "note": ""}]
    if people < k:
        note = f"Not shown: fewer than {k} people tried drills in this period."
        out += [
            {"label": "People who tried drills", "value": None, "note": note},
            {"label": "Mean flaws found per attempt", "value": None, "note": note},
            {"label": "Calibration gap (points)", "value": None, "note": note},
        ]
        return out
    calibration = scoring.calibration([(c, s) for _, c, s, _ in rows])
    out += [
        {"label": "People who tried drills", "value": people, "note": ""},
        {
            "label": "Mean flaws found per attempt",
            "value": round(sum(r[3] for r in rows) / len(rows), 2),
            "note": "",
        },
        {
            "label": "Calibration gap (points)",
            "value": calibration["gap"],
            "note": "Mean stated confidence minus mean score; positive means overconfident.",
        },
    ]
    return out
