"""Every read of the notifications app: the inbox, the unread badge and the preferences table."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from ripple.core import registry
from ripple.core.pagination import Page, paginate
from ripple.notifications.models import Notification, Preference
from ripple.people.models import User
from ripple.spaces import access as space_access


def muted_kinds(user: User) -> list[str]:
    return list(Preference.objects.filter(user=user, inbox=False).values_list("kind", flat=True))


def inbox_page(
    *, user: User, cursor: str | None = None, size: int = 30, unread_only: bool = False
) -> Page[Notification]:
    """`user`'s notifications, newest first, without muted types. 2 queries."""
    qs = (
        Notification.objects.filter(Q(recipient=user) & space_access.readable_q(user))
        .exclude(kind__in=muted_kinds(user))
        .select_related("actor__department")
    )
    if unread_only:
        qs = qs.filter(read_at__isnull=True)
    return paginate(qs, ordering=("-created_at", "-id"), cursor=cursor, size=size)


def unread_count(user: User) -> int:
    """Unread notifications of types `user` shows in the inbox (one query)."""
    return (
        Notification.objects.filter(Q(recipient=user, read_at__isnull=True) & space_access.readable_q(user))
        .exclude(kind__in=Preference.objects.filter(user=user, inbox=False).values("kind"))
        .count()
    )


def preferences(user: User) -> list[dict[str, Any]]:
    """Every registered notification type with `user`'s inbox and email choice (else the kind's defaults)."""
    stored = {p.kind: p for p in Preference.objects.filter(user=user)}
    return [
        {"kind": k.name, "label": k.label,
         "inbox": stored[k.name].inbox if k.name in stored else True,
         "email": stored[k.name].email if k.name in stored else k.email_default}
        for k in registry.notification_kinds
    ]  # fmt: skip


def pending_email_ids(limit: int = 500) -> list[int]:
    """Notifications not emailed (nor read) yet, oldest first."""
    return list(
        Notification.objects.filter(emailed_at__isnull=True, read_at__isnull=True)
        .order_by("created_at")
        .values_list("pk", flat=True)[:limit]
    )


def active_people_ids() -> list[int]:
    return list(User.objects.filter(is_active=True).values_list("pk", flat=True))
