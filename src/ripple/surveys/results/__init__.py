"""Round results: every figure computed from answer sets, and shown only for groups big enough
(`suppression.visible_cells`). The page, the CSV, the API and anything else read `round_results`; none
of them see an answer row.

A result is plain data (dicts and lists) so the template, the JSON API and the CSV share one shape.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q

from ripple.people.models import Department, Team
from ripple.surveys import keys
from ripple.surveys.models import Answer, AnswerSet, Kind, Participant, Question, Round
from ripple.surveys.results.stats import summarise
from ripple.surveys.results.suppression import visible_cells

NONE: Hashable = "__none__"  # people without a department / team: counted, never shown on their own


def too_few(k: int) -> str:
    return f"fewer than {k} answers"


@dataclass
class Loaded:
    """A round's answers, without people: answer set id -> department, team, pair key, answers."""

    round: Round
    questions: list[Question]
    dept: dict[int, Any] = field(default_factory=dict)
    team: dict[int, Any] = field(default_factory=dict)
    pair: dict[int, str | None] = field(default_factory=dict)
    answers: dict[int, dict[int, Answer]] = field(default_factory=lambda: defaultdict(dict))


def load(round_: Round, questions: list[Question] | None = None) -> Loaded:
    """Two or three queries whatever the number of answers."""
    if questions is None:
        questions = list(
            Question.objects.filter(instrument_id=round_.instrument_id).order_by("position", "id")
        )
    data = Loaded(round=round_, questions=questions)
    for set_id, dept_id, team_id, pair in AnswerSet.objects.filter(round=round_).values_list(
        "id", "department_id", "team_id", "pair_key"
    ):
        data.dept[set_id] = dept_id if dept_id is not None else NONE
        data.team[set_id] = team_id if team_id is not None else NONE
        data.pair[set_id] = pair
    for answer in Answer.objects.filter(answer_set__round=round_):
        data.answers[answer.answer_set_id][answer.question_id] = answer
    return data


def _answered(data: Loaded, question: Question, sets: Iterable[int]) -> list[int]:
    return [s for s in sets if question.pk in data.answers.get(s, {})]


@dataclass
class Group:
    """Which slice of a round a result is about, and whether it may be shown."""

    department: Department | None = None
    team: Team | None = None
    allowed: bool = True
    reason: str = ""
    members: list[int] = field(default_factory=list)
    level: str = "all"  # all | department | team
    label: str = "Everyone who answered"


def select_group(data: Loaded, department: Department | None, team: Team | None) -> Group:
    """The answer sets of the filtered group, and whether the suppression rule lets it show."""
    k = data.round.k
    everyone = list(data.dept)
    if team is not None:
        department = team.department
    if department is None:
        group = Group(members=everyone)
        if len(everyone) < k:
            group.allowed, group.reason = False, too_few(k)
        return group
    dept_counts = Counter(data.dept.values())
    in_dept = [s for s in everyone if data.dept[s] == department.pk]
    group = Group(department=department, level="department", label=department.name, members=in_dept)
    if department.pk not in visible_cells(dept_counts, k, frozenset({NONE})):
        group.allowed = False
        group.reason = (
            too_few(k)
            if len(in_dept) < k
            else (f"showing it would let the other departments' answers (fewer than {k}) be worked out")
        )
        if team is None:
            return group
    if team is None:
        return group
    in_team = [s for s in in_dept if data.team[s] == team.pk]
    group = Group(
        department=department,
        team=team,
        level="team",
        label=f"{department.name} · {team.name}",
        members=in_team,
    )
    if not group_allowed_in_parent(data, department, team):
        group.allowed = False
        group.reason = (
            too_few(k)
            if len(in_team) < k
            else (
                f"showing it would let the rest of {department.name} (fewer than {k} answers) be worked out"
            )
        )
    return group


def group_allowed_in_parent(data: Loaded, department: Department, team: Team) -> bool:
    k = data.round.k
    if department.pk not in visible_cells(Counter(data.dept.values()), k, frozenset({NONE})):
        return False
    team_counts = Counter(data.team[s] for s in data.dept if data.dept[s] == department.pk)
    return team.pk in visible_cells(team_counts, k, frozenset({NONE}))


def _question_visible(data: Loaded, question: Question, group: Group) -> bool:
    """A question's figures inside an allowed group: the same rule on the people who answered it."""
    k = data.round.k
    answered = set(_answered(data, question, data.dept))
    if group.level == "all":
        return len(answered) >= k
    dept_counts = Counter(data.dept[s] for s in answered)
    if group.department is None:
        return False
    if group.department.pk not in visible_cells(dept_counts, k, frozenset({NONE})):
        return False
    if group.level == "team":
        if group.team is None:
            return False
        team_counts = Counter(data.team[s] for s in answered if data.dept[s] == group.department.pk)
        return group.team.pk in visible_cells(team_counts, k, frozenset({NONE}))
    return True


def _r(x: float, places: int = 2) -> float:
    return round(x + 0.0, places)


def question_figures(data: Loaded, question: Question, sets: list[int]) -> dict[str, Any]:
    """Every figure of one question for answer sets `sets` (already known to be big enough)."""
    answered = _answered(data, question, sets)
    out: dict[str, Any] = {"n": len(answered)}
    rows = [data.answers[s][question.pk] for s in answered]
    if question.kind == Kind.LIKERT:
        values = [a.number for a in rows if a.number is not None]
        counts = Counter(values)
        out["distribution"] = [
            {"value": v, "label": _scale_label(question, v), "count": counts.get(v, 0),
             "percent": _r(100 * counts.get(v, 0) / len(values), 1)}
            for v in question.scale_values
        ]  # fmt: skip
        s = summarise([float(v) for v in values])
        out.update(mean=_r(s.mean), sd=_r(s.sd), ci_low=_r(s.ci_low), ci_high=_r(s.ci_high))
    elif question.kind in (Kind.SINGLE, Kind.MULTI):
        counts = Counter(c for a in rows for c in a.choices)
        out["distribution"] = [
            {
                "value": c,
                "label": c,
                "count": counts.get(c, 0),
                "percent": _r(100 * counts.get(c, 0) / len(rows), 1),
            }
            for c in question.choices
        ]
    else:
        texts = [a.text for a in rows if a.text.strip()]
        out["texts"] = sorted(texts, key=lambda t: keys.shuffle_key(round_id=data.round.pk, text=t))
    return out


def _scale_label(question: Question, value: int) -> str:
    if value == 1 and question.low_label:
        return f"1 · {question.low_label}"
    if value == question.scale and question.high_label:
        return f"{value} · {question.high_label}"
    return str(value)


def _previous_means(prev: Loaded | None, group: Group) -> dict[str, dict[str, Any]]:
    """Means of the previous round of the same instrument for the same group, by question key, where
    that round's own rule lets them show."""
    if prev is None:
        return {}
    pgroup = select_group(prev, group.department, group.team)
    if not pgroup.allowed:
        return {}
    out = {}
    for q in prev.questions:
        if q.kind == Kind.LIKERT and _question_visible(prev, q, pgroup):
            figures = question_figures(prev, q, pgroup.members)
            out[q.key] = {"mean": figures["mean"], "n": figures["n"]}
    return out


def breakdown(data: Loaded, group: Group) -> list[dict[str, Any]]:
    """Means per department (for everyone) or per team (inside a department), each cell shown only
    where the partition rule allows it — per question, too."""
    if group.level == "team" or not group.allowed:
        return []
    k = data.round.k
    likert = [q for q in data.questions if q.kind == Kind.LIKERT]
    if group.level == "all":
        cell_of, names = (
            data.dept,
            dict(
                Department.objects.filter(pk__in=set(data.dept.values()) - {NONE}).values_list("pk", "name")
            ),
        )
        universe = list(data.dept)
    else:
        if group.department is None:
            return []
        universe = [s for s in data.dept if data.dept[s] == group.department.pk]
        cell_of = data.team
        names = dict(
            Team.objects.filter(pk__in={data.team[s] for s in universe} - {NONE}).values_list("pk", "name")
        )
    shown = visible_cells(Counter(cell_of[s] for s in universe), k, frozenset({NONE}))
    per_q = {
        q.pk: visible_cells(Counter(cell_of[s] for s in _answered(data, q, universe)), k, frozenset({NONE}))
        for q in likert
    }
    parent_ok = {q.pk: _question_visible(data, q, group) for q in likert}
    rows = []
    for cell_id, name in sorted(names.items(), key=lambda kv: kv[1]):
        members = [s for s in universe if cell_of[s] == cell_id]
        if cell_id not in shown:
            rows.append(
                {
                    "id": cell_id,
                    "name": name,
                    "suppressed": True,
                    "reason": too_few(k) if len(members) < k else "hidden to protect a smaller group",
                }
            )
            continue
        means = [
            {
                "key": q.key,
                "mean": question_figures(data, q, members)["mean"]
                if parent_ok[q.pk] and cell_id in per_q[q.pk]
                else None,
            }
            for q in likert
        ]
        rows.append({"id": cell_id, "name": name, "suppressed": False, "n": len(members), "means": means})
    return rows


def paired(data: Loaded) -> dict[str, Any] | None:
    """Before/after for a round marked "after": the change per scale question for people who answered
    both (matched by pair key), shown where at least k pairs exist. Only differences are shown."""
    rnd = data.round
    if rnd.pair_role != "after" or rnd.paired_with_id is None:
        return None
    before_round = Round.objects.select_related("instrument").get(pk=rnd.paired_with_id)
    result: dict[str, Any] = {
        "before_round": {"id": before_round.pk, "title": before_round.title},
        "k": rnd.k,
    }
    if not before_round.is_closed:
        result.update(available=False, reason="the before round has not closed yet", questions=[])
        return result
    before = load(before_round)
    by_pair_before = {p: s for s, p in before.pair.items() if p}
    matches = [(by_pair_before[p], s) for s, p in data.pair.items() if p and p in by_pair_before]
    before_q = {q.key: q for q in before.questions if q.kind == Kind.LIKERT}
    rows = []
    for q in data.questions:
        if q.kind != Kind.LIKERT or q.key not in before_q:
            continue
        bq = before_q[q.key]
        diffs = [
            data.answers[a][q.pk].number - before.answers[b][bq.pk].number  # type: ignore[operator]
            for b, a in matches
            if q.pk in data.answers.get(a, {}) and bq.pk in before.answers.get(b, {})
        ]
        if len(diffs) < rnd.k:
            rows.append(
                {
                    "key": q.key,
                    "text": q.text,
                    "suppressed": True,
                    "reason": f"fewer than {rnd.k} people answered both",
                }
            )
            continue
        s = summarise([float(d) for d in diffs])
        rows.append({
            "key": q.key, "text": q.text, "suppressed": False, "pairs": len(diffs),
            "mean_change": _r(s.mean), "ci_low": _r(s.ci_low), "ci_high": _r(s.ci_high),
        })  # fmt: skip
    result.update(available=True, questions=rows)
    return result


def previous_round(round_: Round) -> Round | None:
    """The latest earlier round of the same instrument (any version of it)."""
    family = round_.instrument.family_id or round_.instrument_id
    return (
        Round.objects.filter(
            Q(instrument_id=family) | Q(instrument__family_id=family), opens_at__lt=round_.opens_at
        )
        .exclude(pk=round_.pk)
        .order_by("-opens_at", "-id")
        .first()
    )


def response_rate(round_: Round) -> dict[str, Any]:
    asked = Participant.objects.filter(round=round_).count()
    answered = Participant.objects.filter(round=round_, answered=True).count()
    return {"asked": asked, "answered": answered, "rate": _r(100 * answered / asked, 1) if asked else 0.0}


def round_results(
    round_: Round, *, department: Department | None = None, team: Team | None = None
) -> dict[str, Any]:
    """Everything the results page, CSV and API show for one round and filter."""
    data = load(round_)
    group = select_group(data, department, team)
    k = round_.k
    out: dict[str, Any] = {
        "round": {"id": round_.pk, "title": round_.title, "closes_at": round_.closes_at},
        "k": k,
        "response": response_rate(round_),
        "group": {
            "department": group.department.pk if group.department else None,
            "team": group.team.pk if group.team else None,
            "label": group.label,
        },
    }
    if not round_.is_closed:
        out.update(suppressed=True, available=False, reason="results appear when the round closes")
        return out
    if not group.allowed:
        out.update(suppressed=True, available=True, reason=group.reason)
        return out
    prev_round = previous_round(round_)
    prev = load(prev_round) if prev_round is not None and prev_round.is_closed else None
    prev_means = _previous_means(prev, group)
    questions = []
    for q in data.questions:
        item: dict[str, Any] = {"id": q.pk, "key": q.key, "kind": q.kind, "text": q.text}
        if _question_visible(data, q, group):
            item["suppressed"] = False
            item.update(question_figures(data, q, group.members))
            if q.key in prev_means and "mean" in item:
                p = prev_means[q.key]
                item["previous"] = {"mean": p["mean"], "n": p["n"], "change": _r(item["mean"] - p["mean"])}
        else:
            item.update(suppressed=True, reason=too_few(k))
        questions.append(item)
    out.update(
        suppressed=False,
        available=True,
        n=len(group.members),
        questions=questions,
        breakdown=breakdown(data, group),
        previous_round={"id": prev_round.pk, "title": prev_round.title}
        if prev is not None and prev_round
        else None,
        pairs=paired(data) if group.level == "all" else None,
    )
    return out
