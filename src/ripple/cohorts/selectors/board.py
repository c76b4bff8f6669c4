"""The accountability board: members × weeks (checked in / missed / due / upcoming), drifting members
flagged (missed at least 2 of the last 3 weeks that have ended). Three queries, whatever the size."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from ripple.cohorts.actions.common import today_for
from ripple.cohorts.models import CheckIn, Cohort, Enrolment, Nudge, Status

DRIFT_WINDOW = 3
DRIFT_MISSES = 2


@dataclass
class Board:
    cohort: Cohort
    week: int
    weeks: list[int]
    rows: list[dict[str, Any]]

    @property
    def drifting(self) -> list[dict[str, Any]]:
        return [r for r in self.rows if r["drifting"]]

    def as_dict(self) -> dict[str, Any]:
        return {
            "week": self.week,
            "weeks": self.weeks,
            "rows": [
                {
                    "person": r["person"],
                    "cells": r["cells"],
                    "drifting": r["drifting"],
                    "checked_in": r["done"],
                }
                for r in self.rows
            ],
        }


def cell(week: int, current: int, done: bool) -> str:
    if done:
        return "checked_in"
    if week < current:
        return "missed"
    return "due" if week == current else "upcoming"


def board(cohort: Cohort, *, today: date | None = None) -> Board:
    today = today or today_for(cohort)
    current = cohort.current_week(today)
    members = list(
        Enrolment.objects.filter(cohort=cohort, status=Status.MEMBER, facilitator=False)
        .select_related("person__department")
        .order_by("person__name", "person_id")
    )
    done: dict[int, set[int]] = {}
    for person_id, week in CheckIn.objects.filter(cohort=cohort).values_list("person_id", "week"):
        done.setdefault(person_id, set()).add(week)
    nudged: dict[int, Any] = {}
    for person_id, at in (
        Nudge.objects.filter(cohort=cohort).order_by("sent_at").values_list("person_id", "sent_at")
    ):
        nudged[person_id] = at
    weeks = list(range(1, cohort.weeks + 1))
    ended = [w for w in weeks if w < current][-DRIFT_WINDOW:]
    rows = []
    for enrolment in members:
        mine = done.get(enrolment.person_id, set())
        cells = [cell(w, current, w in mine) for w in weeks]
        misses = sum(1 for w in ended if w not in mine)
        rows.append(
            {
                "person": enrolment.person,
                "cells": cells,
                "done": len(mine),
                "drifting": len(ended) >= DRIFT_MISSES and misses >= DRIFT_MISSES and current <= cohort.weeks,
                "nudged_at": nudged.get(enrolment.person_id),
            }
        )
    return Board(cohort=cohort, week=current, weeks=weeks, rows=rows)
