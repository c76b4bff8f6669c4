"""Rounds: sending an instrument to an audience, announcing it when it opens, one reminder, sealing."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from ripple.notifications.actions import notify
from ripple.people.models import Department, Team, User
from ripple.surveys import access
from ripple.surveys.kinds import Notice
from ripple.surveys.models import Audience, Instrument, PairRole, Participant, Round, default_min_group

MAX_MIN_GROUP = 1000


def _aware(moment: datetime | None) -> datetime | None:
    """Times without a zone are read in the current time zone (the person's, on pages)."""
    if moment is not None and timezone.is_naive(moment):
        return timezone.make_aware(moment)
    return moment


def _clean_min_group(value: object) -> int:
    if value is None or value == "":
        return default_min_group()
    try:
        k = int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError) as exc:
        raise ValidationError({"min_group": "The minimum group size must be a whole number."}) from exc
    if isinstance(value, bool) or k < 3:
        raise ValidationError({"min_group": "The minimum group size can never be below 3."})
    if k > MAX_MIN_GROUP:
        raise ValidationError({"min_group": f"The minimum group size can be at most {MAX_MIN_GROUP}."})
    return k


def _audience_people(
    audience: str, departments: list[Department], teams: list[Team], people: list[User]
) -> list[int]:
    active = User.objects.filter(is_active=True)
    if audience == Audience.EVERYONE:
        qs = active
    elif audience == Audience.DEPARTMENTS:
        if not departments:
            raise ValidationError({"departments": "Choose at least one department."})
        qs = active.filter(department__in=departments)
    elif audience == Audience.TEAMS:
        if not teams:
            raise ValidationError({"teams": "Choose at least one team."})
        qs = active.filter(team__in=teams)
    elif audience == Audience.PEOPLE:
        if not people:
            raise ValidationError({"people": "Choose at least one person."})
        qs = active.filter(pk__in=[p.pk for p in people])
    else:
        raise ValidationError({"audience": f"Choose one of: {', '.join(Audience.values)}."})
    ids = sorted(qs.values_list("pk", flat=True))
    if not ids:
        raise ValidationError({"audience": "Nobody active is in this audience."})
    return ids


def _check_pair(
    instrument: Instrument, pair_role: str, paired_with: Round | None, opens_at: datetime
) -> None:
    if pair_role not in PairRole.values:
        raise ValidationError({"pair_role": "Choose before, after or not paired."})
    if pair_role != PairRole.AFTER:
        if paired_with is not None:
            raise ValidationError({"paired_with": "Only an “after” round is paired with a before round."})
        return
    if paired_with is None:
        raise ValidationError({"paired_with": "Choose the “before” round this round is compared with."})
    family = instrument.family_id or instrument.pk
    before_family = paired_with.instrument.family_id or paired_with.instrument_id
    if paired_with.pair_role != PairRole.BEFORE:
        raise ValidationError({"paired_with": "That round was not sent as a “before” round."})
    if before_family != family:
        raise ValidationError({"paired_with": "A before round must use the same survey."})
    if Round.objects.filter(paired_with=paired_with).exists():
        raise ValidationError({"paired_with": "That before round already has its after round."})
    if paired_with.opens_at >= opens_at:
        raise ValidationError({"paired_with": "The after round must open after the before round."})


@transaction.atomic
def round_create(
    *,
    actor: User,
    instrument: Instrument,
    title: str,
    opens_at: datetime,
    closes_at: datetime,
    remind_at: datetime | None = None,
    min_group: object = None,
    audience: str = Audience.EVERYONE,
    departments: Iterable[Department] = (),
    teams: Iterable[Team] = (),
    people: Iterable[User] = (),
    pair_role: str = "",
    paired_with: Round | None = None,
    now: datetime | None = None,
) -> Round:
    """Send `instrument` to an audience (fixed now: who is in it when the round is created)."""
    access.require_manager(actor)
    now = now or timezone.now()
    title = (title or "").strip()
    if not title:
        raise ValidationError({"title": "Give the round a title (e.g. “Pulse, spring”)."})
    if len(title) > 160:
        raise ValidationError({"title": "Keep the title under 160 characters."})
    opens_at, closes_at, remind_at = _aware(opens_at), _aware(closes_at), _aware(remind_at)  # type: ignore[assignment]
    if opens_at is None or closes_at is None:
        raise ValidationError({"opens_at": "Give both an opening and a closing time."})
    if closes_at <= opens_at:
        raise ValidationError({"closes_at": "The round must close after it opens."})
    if instrument.superseded:
        raise ValidationError({"instrument": "A newer version of this survey exists: send that one."})
    if not instrument.questions.exists():
        raise ValidationError({"instrument": "This survey has no questions yet."})
    if remind_at is None:
        remind_at = max(closes_at - timedelta(days=2), opens_at + (closes_at - opens_at) / 2)
    elif not opens_at < remind_at < closes_at:
        raise ValidationError({"remind_at": "The reminder must fall between opening and closing."})
    k = _clean_min_group(min_group)
    departments, teams, people = list(departments), list(teams), list(people)
    _check_pair(instrument, pair_role or "", paired_with, opens_at)
    user_ids = _audience_people(audience, departments, teams, people)
    round_ = Round.objects.create(
        instrument=instrument, title=title, opens_at=opens_at, closes_at=closes_at, remind_at=remind_at,
        min_group=k, audience=audience, pair_role=pair_role or "", paired_with=paired_with, created_by=actor,
        created_at=now,
    )  # fmt: skip
    if audience == Audience.DEPARTMENTS:
        round_.departments.set(departments)
    if audience == Audience.TEAMS:
        round_.teams.set(teams)
    Participant.objects.bulk_create(Participant(round=round_, user_id=pk) for pk in user_ids)
    if round_.status(now) == "open":
        announce_round(round_id=round_.pk, now=now)
    return round_


def _when(moment: datetime, with_time: bool = False) -> str:
    local = timezone.localtime(moment)
    return f"{local.day} {local:%b}" + (f" {local:%H:%M}" if with_time else "")


def _url(round_: Round) -> str:
    return reverse("surveys:round", args=[round_.pk])


@transaction.atomic
def announce_round(*, round_id: int, now: datetime | None = None) -> int:
    """Tell everyone asked that the round is open — once; returns how many were told."""
    now = now or timezone.now()
    round_ = Round.objects.select_for_update().filter(pk=round_id).first()
    if round_ is None or round_.announced_at is not None or round_.status(now) != "open":
        return 0
    told = 0
    closes = _when(round_.closes_at)
    for p in Participant.objects.filter(round=round_, answered=False).select_related("user"):
        if notify(
            recipient=p.user,
            kind=Notice.ROUND_OPEN,
            text=f"A survey is waiting for you: {round_.title} (open until {closes})",
            url=_url(round_),
        ):
            told += 1
    round_.announced_at = now
    round_.save(update_fields=["announced_at"])
    return told


@transaction.atomic
def remind_round(*, round_id: int, now: datetime | None = None) -> int:
    """Remind the people who have not answered — once per round, never twice a person."""
    now = now or timezone.now()
    round_ = Round.objects.select_for_update().filter(pk=round_id).first()
    if round_ is None or round_.reminded_at is not None or round_.status(now) != "open":
        return 0
    if round_.remind_at is not None and now < round_.remind_at:
        return 0
    pending = list(
        Participant.objects.select_for_update()
        .filter(round=round_, answered=False, reminded_at__isnull=True)
        .select_related("user")
    )
    closes = _when(round_.closes_at, with_time=True)
    for p in pending:
        notify(
            recipient=p.user,
            kind=Notice.REMINDER,
            text=f"Reminder: “{round_.title}” closes {closes}. It takes about three minutes.",
            url=_url(round_),
        )
    Participant.objects.filter(pk__in=[p.pk for p in pending]).update(reminded_at=now)
    round_.reminded_at = now
    round_.save(update_fields=["reminded_at"])
    return len(pending)


def sweep(*, now: datetime | None = None) -> dict[str, int]:
    """Announce rounds that opened, send due reminders, seal rounds that closed. Safe to run often."""
    from ripple.surveys.actions.answers import seal_round

    now = now or timezone.now()
    due = Round.objects.filter(opens_at__lte=now, closes_at__gt=now)
    announced = sum(
        announce_round(round_id=pk, now=now)
        for pk in due.filter(announced_at__isnull=True).values_list("pk", flat=True)
    )
    reminded = sum(
        remind_round(round_id=pk, now=now)
        for pk in due.filter(
            Q(remind_at__lte=now) | Q(remind_at__isnull=True), reminded_at__isnull=True
        ).values_list("pk", flat=True)
    )
    closed = Round.objects.filter(closes_at__lte=now, sealed_at__isnull=True).values_list("pk", flat=True)
    sealed = sum(1 for pk in closed if seal_round(round_id=pk, now=now))
    return {"announced": announced, "reminded": reminded, "sealed": sealed}
