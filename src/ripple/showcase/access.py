"""Who may see or change what in show-and-tell. The one place for those rules.

* A series for everyone is seen by every signed-in member; a department series by that department's
  members and its hosts (like the library's department prompts). Admins manage every series they see.
* Facilitators and admins start series; hosts (and admins) run them.
* Members sign up for future sessions, cancel their own slot, RSVP, check in while a session runs.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from ripple.people.models import User
from ripple.showcase.models import (
    Invitation,
    Occurrence,
    OccurrenceStatus,
    Series,
    Slot,
    SlotStatus,
    Visibility,
)

# Self check-in opens a little before the start and closes a while after the end.
CHECK_IN_OPENS = timedelta(minutes=15)
CHECK_IN_CLOSES = timedelta(hours=2)


def visible_series_q(viewer: User, via: str = "") -> Q:
    """The series `viewer` may see, as a condition (on series, or through a relation with `via`)."""
    if not getattr(viewer, "is_authenticated", False) or not viewer.is_active:
        return Q(pk__in=[])
    q = Q(**{f"{via}visibility": Visibility.EVERYONE}) | Q(**{f"{via}hosts": viewer.pk})
    if viewer.department_id:
        q |= Q(**{f"{via}visibility": Visibility.DEPARTMENT, f"{via}department_id": viewer.department_id})
    return Q(q, **{f"{via}archived_at__isnull": True})


def visible_series(viewer: User) -> QuerySet[Series]:
    """Every live series `viewer` may open (distinct: the hosts join can repeat a row)."""
    ids = Series.objects.filter(visible_series_q(viewer)).values("pk")
    return Series.objects.filter(pk__in=ids)


def can_view_series(viewer: User, series: Series, host_ids: set[int] | None = None) -> bool:
    if not viewer.is_active or series.archived_at is not None:
        return False
    if series.visibility == Visibility.EVERYONE:
        return True
    hosts = host_ids if host_ids is not None else set(series.hosts.values_list("pk", flat=True))
    return viewer.pk in hosts or bool(viewer.department_id and viewer.department_id == series.department_id)


def access_series(viewer: User, slug_or_id: Any) -> Series:
    """The series by slug (pages) or id (API), or 404 when it does not exist or `viewer` may not see it."""
    qs = visible_series(viewer).select_related("department")
    key = str(slug_or_id)
    series = qs.filter(pk=int(key)).first() if key.isdigit() else qs.filter(slug=key[:80]).first()
    if series is None:
        raise Http404("No such series.")
    return series


def access_occurrence(viewer: User, occurrence_id: Any, series: Series | None = None) -> Occurrence:
    """A session of a series `viewer` may see (of `series` when given), or 404."""
    try:
        pk = int(occurrence_id)
    except (TypeError, ValueError) as exc:
        raise Http404("No such session.") from exc
    qs = Occurrence.objects.select_related("series", "series__department").filter(
        pk=pk, series__in=visible_series(viewer)
    )
    if series is not None:
        qs = qs.filter(series=series)
    occurrence = qs.first()
    if occurrence is None:
        raise Http404("No such session.")
    return occurrence


def access_slot(viewer: User, slot_id: Any) -> Slot:
    """A live slot (booked or waiting) in a session `viewer` may see, or 404."""
    try:
        pk = int(slot_id)
    except (TypeError, ValueError) as exc:
        raise Http404("No such slot.") from exc
    slot = (
        Slot.objects.select_related("occurrence__series", "presenter")
        .filter(pk=pk, occurrence__series__in=visible_series(viewer))
        .exclude(status=SlotStatus.CANCELLED)
        .first()
    )
    if slot is None:
        raise Http404("No such slot.")
    return slot


def access_invitation(viewer: User, occurrence: Occurrence, invitation_id: Any) -> Invitation:
    """The viewer's own invitation to `occurrence`, or 404 (nobody else's invitations are visible)."""
    try:
        pk = int(invitation_id)
    except (TypeError, ValueError) as exc:
        raise Http404("No such invitation.") from exc
    invitation = (
        Invitation.objects.select_related("occurrence__series", "invited_by")
        .filter(pk=pk, occurrence=occurrence, person=viewer)
        .first()
    )
    if invitation is None:
        raise Http404("No such invitation.")
    return invitation


def can_create_series(viewer: User) -> bool:
    """Facilitators (show-and-tell hosts are facilitators in the product) and admins start series."""
    return viewer.is_facilitator


def is_host(viewer: User, series: Series) -> bool:
    return viewer.is_active and (viewer.is_admin or series.hosts.filter(pk=viewer.pk).exists())


def host_ids(series: Series) -> set[int]:
    return set(series.hosts.values_list("pk", flat=True))


def is_past(occurrence: Occurrence, now: datetime | None = None) -> bool:
    return occurrence.starts_at <= (now or timezone.now())


def has_started(occurrence: Occurrence, now: datetime | None = None) -> bool:
    return occurrence.starts_at <= (now or timezone.now())


def is_open_for_sign_up(occurrence: Occurrence, now: datetime | None = None) -> bool:
    return occurrence.status == OccurrenceStatus.SCHEDULED and not is_past(occurrence, now)


def can_check_in_now(occurrence: Occurrence, now: datetime | None = None) -> bool:
    """Self check-in: from shortly before the start until a while after the end of a held session."""
    now = now or timezone.now()
    return (
        occurrence.status == OccurrenceStatus.SCHEDULED
        and occurrence.starts_at - CHECK_IN_OPENS <= now <= occurrence.ends_at + CHECK_IN_CLOSES
    )


def can_cancel_slot(viewer: User, slot: Slot, *, hosting: bool) -> bool:
    """The presenter cancels their own slot before the session; a host removes any slot."""
    if hosting:
        return True
    return slot.presenter_id == viewer.pk and not is_past(slot.occurrence)


def require(condition: bool, message: str) -> None:
    if not condition:
        raise PermissionDenied(message)


def require_host(viewer: User, series: Series) -> None:
    require(is_host(viewer, series), "Only the hosts of this series can do this.")
