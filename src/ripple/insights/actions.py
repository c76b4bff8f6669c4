"""Rebuild insights' rollup tables from the learning-event ledger and the surveys' results.

A full rebuild of the event rollups (simple, always right: one pass over the ledger, writing only the
rows that changed, about a second per twenty thousand events) and an incremental survey step (a closed
round is recomputed only when what its figures come from changed), run by the background task
`tasks.refresh_rollups` (`ripple insights-refresh`, the Refresh button); pages only read rollups.
docs/adr/0018-insights-metrics-and-privacy.md, "Rollups"."""

from __future__ import annotations

import datetime as dt
import hashlib
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import connection, models, transaction
from django.db.models import Count, Max, Sum
from django.utils import timezone

from ripple.core import registry
from ripple.core.models import LearningEvent
from ripple.insights.models import (
    DepartmentWeek,
    EdgeSpan,
    EdgeWeek,
    PersonWeek,
    Refresh,
    SurveyTrend,
    TeamWeek,
)
from ripple.insights.weeks import default_spans, monday, week_of
from ripple.people.models import User

WINDOW = 4  # weeks: habitual = active in at least 3 of the last 4
CHUNK = 2000


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


def _replace(model: type[models.Model], fields: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """Make the table hold exactly `rows` (tuples of `fields`), writing only the difference: rows that
    are gone or changed are deleted, new or changed ones inserted with plain batched INSERTs (no model
    instances). Most of the history is the same from one refresh to the next, so a refresh mostly reads."""
    wanted = {tuple(row) for row in rows}
    stale: list[int] = []
    for pk, *row in model._default_manager.values_list("pk", *fields).iterator(chunk_size=CHUNK):
        key = tuple(row)
        if key in wanted:
            wanted.discard(key)  # kept as it is (a duplicate of it would be deleted below)
        else:
            stale.append(pk)
    for i in range(0, len(stale), CHUNK):
        model._default_manager.filter(pk__in=stale[i : i + CHUNK]).delete()
    quote = connection.ops.quote_name
    columns = [model._meta.get_field(f).column for f in fields]  # type: ignore[union-attr]
    sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608 (names from the model, values bound)
        quote(model._meta.db_table),
        ", ".join(quote(str(c)) for c in columns),
        ", ".join(["%s"] * len(columns)),
    )
    listed = list(wanted)
    with connection.cursor() as cursor:
        for i in range(0, len(listed), CHUNK):
            cursor.executemany(sql, listed[i : i + CHUNK])


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
    # Kinds counted as transfers: registered transfer kinds, and kinds nobody registers (any more).
    skip = {k.name for k in registry.learning_kinds if not k.transfer}

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
        if source is None or kind in skip:
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

    _replace(
        PersonWeek,
        (
            "week",
            "person_id",
            "department_id",
            "team_id",
            "learned",
            "taught",
            "cross_team",
            "minutes",
            "reuses",
        ),
        ((w, p, *people.get(p, (0, 0)), *v) for (w, p), v in pw.items()),
    )
    team_weeks: dict[tuple[dt.date, int], list[int]] = defaultdict(lambda: [0, 0])
    for (w, p), v in pw.items():
        team = people.get(p, (0, 0))[1]
        if team:
            team_weeks[(w, team)][0] += v[0] + v[1]
            team_weeks[(w, team)][1] += v[2]
    _replace(
        TeamWeek,
        ("week", "team_id", "events", "cross_team"),
        ((w, t, *v) for (w, t), v in team_weeks.items()),
    )
    edge_fields = (
        "learner_id",
        "source_id",
        "kind",
        "learner_department_id",
        "source_department_id",
        "object_type",
        "object_id",
        "count",
    )
    _replace(EdgeWeek, ("week", *edge_fields), ((*k, n) for k, n in edges.items()))
    spans = default_spans()
    summed: dict[str, dict[tuple[Any, ...], int]] = {key: defaultdict(int) for key in ("all", *spans)}
    bounds = [(key, p.first_week, p.last_week) for key, p in spans.items()]
    for k, n in edges.items():
        tie = k[1:]
        summed["all"][tie] += n
        for span, lo, hi in bounds:
            if lo <= k[0] <= hi:
                summed[span][tie] += n
    _replace(
        EdgeSpan,
        ("span", *edge_fields),
        ((key, *tie, n) for key, ties in summed.items() for tie, n in ties.items()),
    )
    _department_weeks(pw, dept_events, people, now)
    _survey_trends()
    if connection.vendor == "postgresql":  # fresh statistics, so the pages' range scans stay index scans
        with connection.cursor() as cursor:
            for model in (PersonWeek, TeamWeek, DepartmentWeek, EdgeWeek, EdgeSpan):
                cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
    return Refresh.objects.create(
        finished_at=timezone.now(),
        events=len(events),
        seconds=round(time.perf_counter() - started, 3),
        spans=sorted(spans),
    )


def _department_weeks(
    pw: dict[tuple[dt.date, int], list[int]],
    dept_events: dict[tuple[dt.date, int], list[int]],
    people: dict[int, tuple[int, int]],
    now: dt.datetime,
) -> None:
    """Engagement depth per department and week, from the first week with an event to this week."""
    if not pw:
        _replace(DepartmentWeek, ("week",), [])
        return
    origin = min(w for w, _ in pw)
    last = monday(now.astimezone(dt.UTC).date())
    index = lambda d: (d - origin).days // 7  # noqa: E731
    active: dict[int, set[int]] = defaultdict(set)
    for week_start, person in pw:
        active[person].add(index(week_start))
    first = {p: min(weeks) for p, weeks in active.items()}
    members: dict[int, list[int]] = defaultdict(list)
    for p, (dept, _team) in people.items():
        members[dept].append(p)
    empty: set[int] = set()
    rows = []
    for i in range(index(last) + 1):
        week = origin + dt.timedelta(weeks=i)
        for dept, who in members.items():
            counts: dict[str, int] = defaultdict(int)
            for p in who:
                weeks = active.get(p, empty)
                counts[classify(weeks, first.get(p), i)] += 1
                counts["active"] += i in weeks
            ev = dept_events.get((week, dept), [0, 0, 0])
            rows.append(
                (
                    week,
                    dept,
                    len(who),
                    counts["habitual"],
                    counts["occasional"],
                    counts["new"],
                    counts["lapsed"],
                    counts["active"],
                    *ev,
                )
            )
    _replace(
        DepartmentWeek,
        (
            "week",
            "department_id",
            "members",
            "habitual",
            "occasional",
            "new",
            "lapsed",
            "active",
            "events",
            "cross",
            "internal",
        ),
        rows,
    )


def _fingerprint(round_: Any, departments: list[tuple[int, str]]) -> str:
    """What a closed round's trend rows are computed from: the round, its answers (sealed at close), the
    departments, the minimum group size and the previous round it is compared with."""
    from ripple.surveys.models import Answer, AnswerSet
    from ripple.surveys.results import previous_round

    def answers(r: Any) -> tuple[Any, ...]:
        sets = AnswerSet.objects.filter(round=r).aggregate(
            n=Count("id"), top=Max("id"), depts=Sum("department_id"), placed=Count("department_id")
        )
        given = Answer.objects.filter(answer_set__round=r).aggregate(n=Count("id"), top=Max("id"))
        return (r.pk, r.title, r.closes_at.isoformat(), r.instrument_id, r.k, *sets.values(), *given.values())

    prev = previous_round(round_)
    parts = (answers(round_), answers(prev) if prev is not None and prev.is_closed else None, departments)
    return hashlib.sha256(repr(parts).encode()).hexdigest()


def _survey_trends() -> None:
    """Each closed round's scale-question means, for everyone and per department, as surveys shows them;
    a round whose fingerprint is unchanged keeps its rows (round_results is the costly part)."""
    from ripple.people.models import Department
    from ripple.surveys.models import Round
    from ripple.surveys.results import round_results

    all_departments = list(Department.objects.order_by("pk"))
    departments = [None, *all_departments]
    names = [(d.pk, d.name) for d in all_departments]
    kept = dict(SurveyTrend.objects.values_list("round_id", "fingerprint").distinct())
    closed = {}
    for round_ in Round.objects.select_related("instrument").order_by("closes_at"):
        if round_.is_closed:
            closed[round_.pk] = (round_, _fingerprint(round_, names))
    stale = [pk for pk, fp in kept.items() if pk not in closed or closed[pk][1] != fp]
    SurveyTrend.objects.filter(round_id__in=stale).delete()
    rows = []
    for round_, fingerprint in closed.values():
        if kept.get(round_.pk) == fingerprint:
            continue
        for dept in departments:
            result = round_results(round_, department=dept)
            base = {
                "round_id": round_.pk,
                "round_title": round_.title[:200],
                "closed_on": round_.closes_at.date(),
                "department_id": dept.pk if dept else 0,
                "fingerprint": fingerprint,
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
