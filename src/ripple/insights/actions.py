"""Rebuild insights' rollup tables from the learning-event ledger and the surveys' results.

A full rebuild (simple, always right, a few seconds per hundred thousand events) run by the background
task `tasks.refresh_rollups` (`ripple insights-refresh`, the Refresh button); pages only read rollups."""

from __future__ import annotations

import datetime as dt
import time
from collections import defaultdict
from typing import Any

from django.db import transaction
from django.utils import timezone

from ripple.core import registry
from ripple.core.models import LearningEvent
from ripple.insights.models import DepartmentWeek, EdgeWeek, PersonWeek, Refresh, SurveyTrend
from ripple.insights.weeks import monday, week_of
from ripple.people.models import User

WINDOW = 4  # weeks: habitual = active in at least 3 of the last 4
CHUNK = 2000


def transfer_kinds() -> set[str]:
    return {k.name for k in registry.learning_kinds if k.transfer}


def classify(active: set[int], first: int | None, w: int) -> str:
    """The engagement state as of week index `w` (docs/adr/0014): habitual, new, occasional, lapsed or ""."""
    if first is None or first > w:
        return ""
    k = sum(1 for i in range(w - WINDOW + 1, w + 1) if i in active)
    if k >= 3:
        return "habitual"
    if first > w - WINDOW:
        return "new"
    if k:
        return "occasional"
    return "lapsed"


def _hidden(objects: dict[str, set[int]]) -> set[tuple[str, int]]:
    out: set[tuple[str, int]] = set()
    for object_type, ids in objects.items():
        listed = sorted(ids)
        for i in range(0, len(listed), CHUNK):
            out |= {
                (object_type, pk) for pk in registry.hidden_object_ids(object_type, listed[i : i + CHUNK])
            }
    return out


@transaction.atomic
def refresh(*, now: dt.datetime | None = None) -> Refresh:
    """Rebuild every rollup in one transaction (readers see the old tables until it commits)."""
    started = time.perf_counter()
    now = now or timezone.now()
    people = {
        pk: (dept or 0, team or 0)
        for pk, dept, team in User.objects.filter(is_active=True).values_list(
            "pk", "department_id", "team_id"
        )
    }
    teams = dict(User.objects.values_list("pk", "team_id"))
    transfers = transfer_kinds()
    events = list(
        LearningEvent.objects.values_list(
            "kind",
            "learner_id",
            "source_id",
            "learner_department_id",
            "source_department_id",
            "object_type",
            "object_id",
            "minutes_saved",
            "created_at",
        ).iterator(chunk_size=CHUNK)
    )
    objects: dict[str, set[int]] = defaultdict(set)
    for e in events:
        if e[5] and e[6] is not None and e[2] is not None:
            objects[e[5]].add(e[6])
    hidden = _hidden(objects)

    pw: dict[tuple[dt.date, int], list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0])
    edges: dict[tuple[Any, ...], int] = defaultdict(int)
    dept_events: dict[tuple[dt.date, int], list[int]] = defaultdict(
        lambda: [0, 0, 0]
    )  # events, cross, internal
    for kind, learner, source, ldept, sdept, otype, oid, minutes, at in events:
        week = week_of(at)
        ldept, sdept = ldept or 0, sdept or 0
        row = pw[(week, learner)]
        row[0] += 1
        row[3] += minutes
        row[4] += kind == "reuse"
        dept_events[(week, ldept)][0] += 1
        if source is None or (kind not in transfers and registry.learning_kinds.get(kind) is not None):
            continue
        pw[(week, source)][1] += 1
        lteam, steam = teams.get(learner) or 0, teams.get(source) or 0
        if lteam and steam and lteam != steam:
            row[2] += 1
            pw[(week, source)][2] += 1
        if ldept and sdept:
            if ldept == sdept:
                dept_events[(week, ldept)][2] += 1
            else:
                dept_events[(week, ldept)][1] += 1
                dept_events[(week, sdept)][1] += 1
        restricted = (otype, oid) in hidden if oid is not None else False
        key = (
            week,
            learner,
            source,
            kind,
            ldept,
            sdept,
            otype if restricted else "",
            oid if restricted else None,
        )
        edges[key] += 1

    PersonWeek.objects.all().delete()
    PersonWeek.objects.bulk_create(
        (
            PersonWeek(
                week=w,
                person_id=p,
                department_id=people.get(p, (0, 0))[0],
                team_id=people.get(p, (0, 0))[1],
                learned=v[0],
                taught=v[1],
                cross_team=v[2],
                minutes=v[3],
                reuses=v[4],
            )
            for (w, p), v in pw.items()
        ),
        batch_size=CHUNK,
    )
    EdgeWeek.objects.all().delete()
    EdgeWeek.objects.bulk_create(
        (
            EdgeWeek(
                week=k[0],
                learner_id=k[1],
                source_id=k[2],
                kind=k[3],
                learner_department_id=k[4],
                source_department_id=k[5],
                object_type=k[6],
                object_id=k[7],
                count=n,
            )
            for k, n in edges.items()
        ),
        batch_size=CHUNK,
    )
    _department_weeks(pw, dept_events, people, now)
    _survey_trends()
    return Refresh.objects.create(
        finished_at=timezone.now(), events=len(events), seconds=round(time.perf_counter() - started, 3)
    )


def _department_weeks(
    pw: dict[tuple[dt.date, int], list[int]],
    dept_events: dict[tuple[dt.date, int], list[int]],
    people: dict[int, tuple[int, int]],
    now: dt.datetime,
) -> None:
    """Engagement depth per department and week, from the first week with an event to this week."""
    DepartmentWeek.objects.all().delete()
    if not pw:
        return
    origin = min(w for w, _ in pw)
    last = monday(now.astimezone(dt.UTC).date())
    index = lambda d: (d - origin).days // 7  # noqa: E731
    active: dict[int, set[int]] = defaultdict(set)
    for week_start, person in pw:
        active[person].add(index(week_start))
    members: dict[int, list[int]] = defaultdict(list)
    for p, (dept, _team) in people.items():
        members[dept].append(p)
    rows = []
    for i in range(index(last) + 1):
        week = origin + dt.timedelta(weeks=i)
        for dept, who in members.items():
            counts: dict[str, int] = defaultdict(int)
            for p in who:
                weeks = active.get(p, set())
                counts[classify(weeks, min(weeks) if weeks else None, i)] += 1
                counts["active"] += i in weeks
            ev = dept_events.get((week, dept), [0, 0, 0])
            rows.append(
                DepartmentWeek(
                    week=week,
                    department_id=dept,
                    members=len(who),
                    habitual=counts["habitual"],
                    occasional=counts["occasional"],
                    new=counts["new"],
                    lapsed=counts["lapsed"],
                    active=counts["active"],
                    events=ev[0],
                    cross=ev[1],
                    internal=ev[2],
                )
            )
    DepartmentWeek.objects.bulk_create(rows, batch_size=CHUNK)


def _survey_trends() -> None:
    """Each closed round's scale-question means, for everyone and per department, as surveys shows them."""
    from ripple.people.models import Department
    from ripple.surveys.models import Round
    from ripple.surveys.results import round_results

    SurveyTrend.objects.all().delete()
    departments = [None, *Department.objects.all()]
    rows = []
    for round_ in Round.objects.select_related("instrument").order_by("closes_at"):
        if not round_.is_closed:
            continue
        for dept in departments:
            result = round_results(round_, department=dept)
            base = {
                "round_id": round_.pk,
                "round_title": round_.title[:200],
                "closed_on": round_.closes_at.date(),
                "department_id": dept.pk if dept else 0,
            }
            if result.get("suppressed"):
                rows.append(
                    SurveyTrend(
                        **base, question_key="", question_text="", reason=result.get("reason", "")[:120]
                    )
                )
                continue
            for q in result["questions"]:
                if q.get("suppressed"):
                    rows.append(
                        SurveyTrend(
                            **base,
                            question_key=q["key"][:80],
                            question_text=q["text"][:500],
                            reason=q.get("reason", "")[:120],
                        )
                    )
                elif "mean" in q:
                    rows.append(
                        SurveyTrend(
                            **base,
                            question_key=q["key"][:80],
                            question_text=q["text"][:500],
                            mean=q["mean"],
                            n=q["n"],
                        )
                    )
    SurveyTrend.objects.bulk_create(rows, batch_size=CHUNK)
