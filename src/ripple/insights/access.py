"""Who may see insights: admins and leaders see the organization's; everyone sees their own ripple."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from ripple.people.models import User


def can_see_insights(viewer: User) -> bool:
    return bool(getattr(viewer, "is_authenticated", False) and viewer.is_leader)


def require_insights(viewer: User) -> None:
    if not can_see_insights(viewer):
        raise PermissionDenied("Insights are for leaders and admins; “My ripple” shows who learned from you.")


def require_spread(viewer: User, prompt: object) -> None:
    """A prompt's spread: leaders and admins, and the prompt's owner (their own ripple)."""
    if not (can_see_insights(viewer) or getattr(prompt, "owner_id", None) == viewer.pk):
        raise PermissionDenied("A prompt's spread is for its owner, leaders and admins.")
