"""Every read of the surveys app. Results (figures and suppression) live in `surveys.results`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from ripple.people.models import Department, Team, User
from ripple.surveys import keys
from ripple.surveys.models import Answer, AnswerSet, Instrument, Participant, Question, Round
from ripple.surveys.results import response_rate, round_results
from ripple.surveys.results.export import results_csv

__all__ = ["response_rate", "round_results", "results_csv"]


@dataclass
class MyRound:
    round: Round
    answered: bool


def my_open_rounds(user: User, *, now: datetime | None = None) -> list[MyRound]:
    """Rounds open now that were sent to `user`: not yet answered first, then soonest closing."""
    now = now or timezone.now()
    rows = (
        Participant.objects.filter(user=user, round__opens_at__lte=now, round__closes_at__gt=now)
        .select_related("round__instrument")
        .order_by("answered", "round__closes_at", "round_id")
    )
    return [MyRound(round=p.round, answered=p.answered) for p in rows]


def my_closed_rounds(user: User, *, now: datetime | None = None, limit: int = 10) -> list[MyRound]:
    now = now or timezone.now()
    rows = (
        Participant.objects.filter(user=user, round__closes_at__lte=now)
        .select_related("round")
        .order_by("-round__closes_at")[:limit]
    )
    return [MyRound(round=p.round, answered=p.answered) for p in rows]


def open_count(user: User, *, now: datetime | None = None) -> int:
    """How many open rounds wait for `user`'s answers (the badge)."""
    now = now or timezone.now()
    return Participant.objects.filter(
        user=user, answered=False, round__opens_at__lte=now, round__closes_at__gt=now
    ).count()


def questions(instrument_id: int) -> list[Question]:
    return list(Question.objects.filter(instrument_id=instrument_id).order_by("position", "id"))


def my_answers(user: User, round_: Round) -> dict[int, Any]:
    """`user`'s own current answers (question id → value), found through their keyed hash; empty once
    the round is sealed. Nobody else can compute the key for them."""
    key = keys.respondent_key(round_id=round_.pk, user_id=user.pk)
    answer_set = AnswerSet.objects.filter(round=round_, respondent_key=key).first()
    if answer_set is None:
        return {}
    out: dict[int, Any] = {}
    for a in Answer.objects.filter(answer_set=answer_set).select_related("question"):
        kind = a.question.kind
        out[a.question_id] = (
            a.number
            if kind == "likert"
            else a.choices[0]
            if kind == "single" and a.choices
            else a.choices
            if kind == "multi"
            else a.text
        )
    return out


def instruments() -> QuerySet[Instrument]:
    """Current versions (older versions stay reachable from their rounds), with question and round counts."""
    return (
        Instrument.objects.filter(superseded=False)
        .annotate(
            question_count=Count("questions", distinct=True), round_count=Count("rounds", distinct=True)
        )
        .order_by("-builtin", "title", "id")
    )


def instrument_in_use(instrument: Instrument) -> bool:
    return Round.objects.filter(instrument=instrument).exists()


def instrument_versions(instrument: Instrument) -> list[Instrument]:
    family = instrument.family_id or instrument.pk
    return list(Instrument.objects.filter(Q(pk=family) | Q(family_id=family)).order_by("version"))


def instrument_rounds(instrument: Instrument) -> list[Round]:
    return list(rounds().filter(instrument=instrument))


def rounds() -> QuerySet[Round]:
    """Every round, newest first, with how many were asked and answered."""
    return (
        Round.objects.select_related("instrument")
        .annotate(
            asked=Count("participants"),
            answered_count=Count("participants", filter=Q(participants__answered=True)),
        )
        .order_by("-opens_at", "-id")
    )


def before_rounds() -> list[Round]:
    """ "Before" rounds that have no "after" round yet (the choices for pairing)."""
    return list(
        Round.objects.filter(pair_role="before", after_round__isnull=True)
        .select_related("instrument")
        .order_by("-opens_at")
    )


def get_question(instrument: Instrument, question_id: int | str) -> Question | None:
    try:
        return (
            Question.objects.select_related("instrument")
            .filter(instrument=instrument, pk=int(question_id))
            .first()
        )
    except (TypeError, ValueError):
        return None


def department(pk: int | str | None) -> Department | None:
    if pk in (None, ""):
        return None
    try:
        return Department.objects.filter(pk=int(pk)).first()  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


def team(pk: int | str | None) -> Team | None:
    if pk in (None, ""):
        return None
    try:
        return Team.objects.select_related("department").filter(pk=int(pk)).first()  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


def filter_choices() -> tuple[list[Department], list[Team]]:
    return list(Department.objects.order_by("name")), list(
        Team.objects.select_related("department").order_by("department__name", "name")
    )


def round_by_id(pk: int | str) -> Round | None:
    try:
        return Round.objects.select_related("instrument").filter(pk=int(pk)).first()
    except (TypeError, ValueError):
        return None


def digest(viewer: User, since: datetime) -> dict[str, Any] | None:
    """The digest section "Surveys waiting for you": open rounds the viewer has not answered (no figures)."""
    waiting = [m.round for m in my_open_rounds(viewer) if not m.answered]
    return {"rounds": waiting} if waiting else None


def _ids(values: list[int], what: str) -> list[int]:
    if len(values) > 5000:
        raise ValidationError({what: "Too many ids."})
    return sorted(set(values))


def departments_by_ids(ids: list[int]) -> list[Department]:
    wanted = _ids(ids, "departments")
    found = list(Department.objects.filter(pk__in=wanted))
    if len(found) != len(wanted):
        raise ValidationError({"departments": "Some of these departments do not exist."})
    return found


def teams_by_ids(ids: list[int]) -> list[Team]:
    wanted = _ids(ids, "teams")
    found = list(Team.objects.filter(pk__in=wanted))
    if len(found) != len(wanted):
        raise ValidationError({"teams": "Some of these teams do not exist."})
    return found


def people_by_ids(ids: list[int]) -> list[User]:
    wanted = _ids(ids, "people")
    found = list(User.objects.filter(pk__in=wanted, is_active=True))
    if len(found) != len(wanted):
        raise ValidationError({"people": "Some of these people do not exist or are deactivated."})
    return found
