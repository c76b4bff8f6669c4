"""Who may see or change what in cohorts. Every rule is here, by name.

* A cohort is as visible as its space (`spaces.access`): an open cohort is listed for everyone, a private
  one only for its members and the people it invited or who asked to join — everyone else gets a 404 on
  every path (pages, API, board, report, CSV), admins included (private means private).
* Facilitators and admins create cohorts; a cohort's facilitators (space leads) run it.
* The board and the members' check-ins are for the cohort (members and its facilitators).
* The outcomes report: the cohort's facilitators, and for an open cohort also organization facilitators
  and admins.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from ripple.cohorts.models import Cohort, Enrolment, Status
from ripple.people.models import User
from ripple.spaces import access as space_access
from ripple.spaces.models import Visibility


def _signed_in(viewer: Any) -> bool:
    return bool(getattr(viewer, "is_authenticated", False) and getattr(viewer, "is_active", False))


def visible_q(viewer: Any) -> Q:
    """Cohorts `viewer` may know exist: open ones, those whose space they are in, and those that invited
    them or that they asked to join (they need the page to answer)."""
    if not _signed_in(viewer):
        return Q(pk__in=[])
    pending = Enrolment.objects.filter(
        person_id=viewer.pk, status__in=[Status.INVITED, Status.REQUESTED, Status.WAITING]
    ).values_list("cohort_id", flat=True)
    return Q(space__in=space_access.readable_spaces(viewer)) | Q(pk__in=pending)


def visible_cohorts(viewer: Any) -> QuerySet[Cohort]:
    return Cohort.objects.filter(visible_q(viewer))


def access_cohort(viewer: Any, cohort_id: Any) -> Cohort:
    """The cohort, or 404 when it does not exist or `viewer` may not know it does."""
    try:
        return visible_cohorts(viewer).select_related("space", "created_by").get(pk=int(cohort_id))
    except (Cohort.DoesNotExist, ValueError, TypeError, OverflowError) as exc:
        raise Http404("No such cohort.") from exc


def can_create(viewer: Any) -> bool:
    return _signed_in(viewer) and bool(viewer.is_facilitator)


def is_member(viewer: Any, cohort: Cohort) -> bool:
    return space_access.is_member(viewer, cohort.space)


def is_facilitator(viewer: Any, cohort: Cohort) -> bool:
    return space_access.is_lead(viewer, cohort.space)


def can_see_board(viewer: Any, cohort: Cohort) -> bool:
    return is_member(viewer, cohort)


def can_see_report(viewer: Any, cohort: Cohort) -> bool:
    if is_facilitator(viewer, cohort):
        return True
    return cohort.space.visibility == Visibility.OPEN and _signed_in(viewer) and bool(viewer.is_facilitator)


def require(condition: bool, message: str) -> None:
    if not condition:
        raise PermissionDenied(message)


def require_facilitator(viewer: Any, cohort: Cohort) -> None:
    require(is_facilitator(viewer, cohort), "Only this cohort's facilitators can do that.")


def require_board(viewer: Any, cohort: Cohort) -> None:
    """Outsiders of a private cohort never get here (404); outsiders of an open one are refused."""
    require(can_see_board(viewer, cohort), "The board is for the cohort's members: join it first.")


def require_report(viewer: Any, cohort: Cohort) -> None:
    require(can_see_report(viewer, cohort), "The outcomes report is for the cohort's facilitators.")


def visible_checkin_ids(viewer: User, ids: Any) -> set[int]:
    """Check-ins (ledger objects) `viewer` may see: those of cohorts whose space they may read."""
    from ripple.cohorts.models import CheckIn

    return set(
        CheckIn.objects.filter(pk__in=list(ids))
        .filter(space_access.readable_q(viewer, "cohort__space"))
        .values_list("pk", flat=True)
    )


def hidden_checkin_ids(ids: Any) -> set[int]:
    """Check-ins not everyone may see: those of private cohorts."""
    from ripple.cohorts.models import CheckIn

    return set(
        CheckIn.objects.filter(pk__in=list(ids), cohort__space__visibility=Visibility.PRIVATE).values_list(
            "pk", flat=True
        )
    )
