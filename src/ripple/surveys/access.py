"""Who may see or change what in surveys. Every rule is here, by name.

* members answer the rounds sent to them, and see nothing else of a round;
* facilitators and admins manage instruments and rounds and see results — figures only, for groups of
  at least k, after the round closes; nobody (admins included) sees one person's answers.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from ripple.people.models import User
from ripple.surveys.models import Instrument, Participant, Round


def can_manage_instrument(viewer: User) -> bool:
    return bool(getattr(viewer, "is_authenticated", False) and viewer.is_facilitator)


def can_edit_instrument(viewer: User, instrument: Instrument, *, in_use: bool) -> bool:
    """Edit in place: only a copy (not the built-in), and only while no round uses this version."""
    return (
        can_manage_instrument(viewer) and not instrument.builtin and not in_use and not instrument.superseded
    )


def can_manage_rounds(viewer: User) -> bool:
    return can_manage_instrument(viewer)


def can_see_results(viewer: User, round_: Round) -> bool:
    return can_manage_rounds(viewer)


def require_manager(viewer: User) -> None:
    if not can_manage_instrument(viewer):
        raise PermissionDenied("Only facilitators and admins manage surveys.")


def access_instrument(viewer: User, instrument_id: int | str) -> Instrument:
    require_manager(viewer)
    try:
        return Instrument.objects.select_related("created_by").get(pk=int(instrument_id))
    except (Instrument.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("No such survey.") from exc


def participation(viewer: User, round_: Round) -> Participant | None:
    return Participant.objects.filter(round=round_, user=viewer).first()


def access_round(viewer: User, round_id: int | str) -> tuple[Round, Participant | None]:
    """A round the viewer was sent or manages (with their participation); Http404 otherwise."""
    try:
        round_ = Round.objects.select_related("instrument").get(pk=int(round_id))
    except (Round.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("No such survey round.") from exc
    mine = participation(viewer, round_)
    if mine is None and not can_manage_rounds(viewer):
        raise Http404("No such survey round.")
    return round_, mine


def require_results(viewer: User, round_: Round) -> None:
    if not can_see_results(viewer, round_):
        raise PermissionDenied("Only facilitators and admins see survey results.")
