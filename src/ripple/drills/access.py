"""Who may see or do what with drills. Every rule is here, by name.

* a drill with a space follows the spaces rule (`spaces.access.readable_q`): a drill of a private
  cohort space does not exist for non-members (404), admins included;
* facilitators (and admins) post drills; in a space only if they may post there (its members);
* the answer key — flaws, their spans, explanations and even how many there are — and any figure
  about other people's attempts is shown only to someone who has submitted an attempt, who gave up
  and saw the key (`KeyView`: they may no longer attempt), or the drill's author;
* one attempt per person per drill, locked once submitted; the author never attempts their own drill;
* a person's calibration is theirs alone: no route shows it for anyone else (admins and facilitators
  included); groups get aggregates only when at least k people (`SURVEY_MIN_GROUP`) are in them.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404

from ripple.drills.models import Attempt, Drill, KeyView
from ripple.spaces import access as spaces
from ripple.spaces.models import Space


def min_group() -> int:
    """The minimum group size for any figure about several people: the surveys' setting (never below 3)."""
    return max(3, int(getattr(settings, "SURVEY_MIN_GROUP", 5)))


def visible_drills(viewer: Any) -> QuerySet[Drill]:
    return Drill.objects.filter(spaces.readable_q(viewer, "space"))


def access_drill(viewer: Any, drill_id: int | str) -> Drill:
    try:
        return visible_drills(viewer).select_related("created_by", "space").get(pk=int(drill_id))
    except (Drill.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("No such drill.") from exc


def can_create(viewer: Any, space: Space | None = None) -> bool:
    if not getattr(viewer, "is_authenticated", False) or not viewer.is_facilitator:
        return False
    return space is None or spaces.can_post(viewer, space)


def require_create(viewer: Any, space: Space | None = None) -> None:
    if not can_create(viewer, space):
        raise PermissionDenied(
            "Only facilitators post drills, and in a cohort's space only its members."
            if space is not None
            else "Only facilitators and admins post drills."
        )


def is_author(viewer: Any, drill: Drill) -> bool:
    return drill.created_by_id == getattr(viewer, "pk", None)


def has_attempted(viewer: Any, drill: Drill) -> bool:
    return Attempt.objects.filter(drill=drill, person_id=viewer.pk).exists()


def has_seen_key(viewer: Any, drill: Drill) -> bool:
    return KeyView.objects.filter(drill=drill, person_id=viewer.pk).exists()


def state(viewer: Any, drill: Drill) -> dict[str, bool]:
    """What `viewer` may see and do with `drill` (two queries at most)."""
    author = is_author(viewer, drill)
    attempted = has_attempted(viewer, drill)
    gave_up = not attempted and not author and has_seen_key(viewer, drill)
    see_key = author or attempted or gave_up
    return {
        "author": author,
        "attempted": attempted,
        "gave_up": gave_up,
        "see_key": see_key,
        "can_attempt": not see_key,
    }


def require_key(viewer: Any, drill: Drill) -> None:
    if not state(viewer, drill)["see_key"]:
        raise PermissionDenied("The key and the results appear once you have submitted your attempt.")


def refuse_attempt(viewer: Any, drill: Drill) -> None:
    """A ValidationError (422 / a form error) when `viewer` may not attempt `drill` now."""
    if is_author(viewer, drill):
        raise ValidationError({"drill": "You wrote this drill's key, so you cannot attempt it."})
    if has_attempted(viewer, drill):
        raise ValidationError({"drill": "You have already submitted an attempt: it is locked."})
    if has_seen_key(viewer, drill):
        raise ValidationError({"drill": "You have seen the key for this drill, so an attempt is refused."})


def access_space(viewer: Any, space_id: int | str) -> Space:
    return spaces.access_space(viewer, space_id)
