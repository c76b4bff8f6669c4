"""What insights registers for the apps that exist before it: who may see the objects their learning
events point at (`registry.object_access`) and their outcome figures (`registry.outcomes`). Apps that
land later register their own from their `ready()`."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time
from typing import Any

from django.db.models import Count, Q, Sum
from django.utils import timezone

from ripple.core import registry
from ripple.insights.selectors.groups import MIN_GROUP
from ripple.people.models import User
from ripple.spaces import access as space_access


def _span(start: date, end: date) -> tuple[datetime, datetime]:
    tz = timezone.get_current_timezone()
    return (
        datetime.combine(start, time.min, tzinfo=tz),
        datetime.combine(end, time.max, tzinfo=tz),
    )


def _too_small(department_id: int | None) -> bool:
    return bool(
        department_id and User.objects.filter(department_id=department_id, is_active=True).count() < MIN_GROUP
    )


def _suppressed(labels: list[str]) -> list[dict[str, Any]]:
    return [{"label": label, "value": None, "note": f"fewer than {MIN_GROUP} people"} for label in labels]


# ---- library.prompt: private and department-only prompts ----
def prompt_visible_ids(viewer: User, ids: Iterable[int]) -> set[int]:
    from ripple.library.access import visible_prompts

    return set(visible_prompts(viewer).filter(pk__in=list(ids)).values_list("pk", flat=True))


def prompt_hidden_ids(ids: Iterable[int]) -> set[int]:
    from ripple.library.models import Prompt, Visibility

    rows = Prompt.objects.filter(pk__in=list(ids)).filter(
        ~Q(visibility=Visibility.EVERYONE) | Q(deleted_at__isnull=False) | ~space_access.public_q()
    )
    return set(rows.values_list("pk", flat=True))


# ---- feed.post: hidden or deleted posts, and anonymous ones (never a named edge) ----
def post_visible_ids(viewer: User, ids: Iterable[int]) -> set[int]:
    from ripple.feed.access import visible_posts

    return set(visible_posts(viewer).filter(pk__in=list(ids), anonymous=False).values_list("pk", flat=True))


def post_hidden_ids(ids: Iterable[int]) -> set[int]:
    from ripple.feed.models import Post, PostState

    rows = Post.objects.filter(pk__in=list(ids)).filter(
        ~Q(state=PostState.LIVE) | Q(anonymous=True) | ~space_access.public_q()
    )
    return set(rows.values_list("pk", flat=True))


# ---- showcase.slot: demos at sessions of department-only or archived series ----
def slot_visible_ids(viewer: User, ids: Iterable[int]) -> set[int]:
    from ripple.showcase.access import visible_series
    from ripple.showcase.models import Slot

    rows = Slot.objects.filter(pk__in=list(ids), occurrence__series__in=visible_series(viewer))
    return set(rows.values_list("pk", flat=True))


def slot_hidden_ids(ids: Iterable[int]) -> set[int]:
    from ripple.showcase.models import Slot, Visibility

    rows = Slot.objects.filter(pk__in=list(ids)).filter(
        ~Q(occurrence__series__visibility=Visibility.EVERYONE)
        | Q(occurrence__series__archived_at__isnull=False)
    )
    return set(rows.values_list("pk", flat=True))


# ---- outcome figures ----
def showcase_figures(*, start: date, end: date, department_id: int | None) -> list[dict[str, Any]]:
    """Show & tell in the period: sessions held, demos shown, attendances and distinct attendees."""
    from ripple.showcase.models import Attendance, Occurrence, Slot, SlotStatus

    labels = ["Sessions held", "Demos and AI fails shown", "Attendances", "Distinct attendees"]
    if _too_small(department_id):
        return _suppressed(labels)
    lo, hi = _span(start, end)
    held = Occurrence.objects.filter(
        starts_at__range=(lo, hi), status="scheduled", starts_at__lte=timezone.now()
    )
    slots = Slot.objects.filter(occurrence__in=held, status=SlotStatus.BOOKED)
    attendance = Attendance.objects.filter(occurrence__in=held)
    if department_id:
        slots = slots.filter(presenter__department_id=department_id)
        attendance = attendance.filter(person__department_id=department_id)
    seen = attendance.aggregate(n=Count("id"), people=Count("person", distinct=True))
    note = "in the department" if department_id else ""
    return [
        {"label": labels[0], "value": held.count(), "note": "whole organization"},
        {"label": labels[1], "value": slots.count(), "note": "presented " + note if note else ""},
        {"label": labels[2], "value": seen["n"], "note": note},
        {"label": labels[3], "value": seen["people"], "note": note},
    ]


def library_figures(*, start: date, end: date, department_id: int | None) -> list[dict[str, Any]]:
    """Prompt reuse in the period and the minutes people say it saved them (self-reported)."""
    from ripple.library.models import Prompt, Reuse

    labels = ["Prompt reuses", "Minutes saved (self-reported)", "Prompts shared"]
    if _too_small(department_id):
        return _suppressed(labels)
    lo, hi = _span(start, end)
    reuse = Reuse.objects.filter(created_at__range=(lo, hi))
    shared = Prompt.objects.filter(
        Q(created_at__range=(lo, hi), deleted_at__isnull=True, visibility="everyone")
        & space_access.public_q()
    )
    if department_id:
        reuse = reuse.filter(person__department_id=department_id)
        shared = shared.filter(owner__department_id=department_id)
    row = reuse.aggregate(n=Count("id"), minutes=Sum("minutes_saved"))
    return [
        {"label": labels[0], "value": row["n"], "note": ""},
        {"label": labels[1], "value": row["minutes"] or 0, "note": "what people reported when reusing"},
        {"label": labels[2], "value": shared.count(), "note": "visible to everyone"},
    ]


def register_builtin() -> None:
    here = "ripple.insights.hooks."
    for name, prefix in (("library.prompt", "prompt"), ("feed.post", "post"), ("showcase.slot", "slot")):
        registry.object_access.register(
            registry.ObjectAccess(name, here + f"{prefix}_visible_ids", here + f"{prefix}_hidden_ids")
        )
    registry.outcomes.register(
        registry.OutcomeSource("showcase", "Show & tell", here + "showcase_figures", order=30)
    )
    registry.outcomes.register(
        registry.OutcomeSource("library", "Prompt library", here + "library_figures", order=10)
    )
