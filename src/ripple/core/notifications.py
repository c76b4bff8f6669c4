"""Create inbox notifications. Any app's action calls `notify`; the feed app shows the inbox and
sends email (through background tasks) according to each person's preferences."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils import timezone

from ripple.core.models import Notification, NotificationKind

# Delivery channels (email, chat digests…) plug in here from higher layers, e.g. the feed app's
# email sender in its AppConfig.ready(); core cannot import them.
_deliveries: list[Callable[[Notification], None]] = []


def on_notify(deliver: Callable[[Notification], None]) -> None:
    """Call `deliver(notification)` for every notification created from now on (once per callable)."""
    if deliver not in _deliveries:
        _deliveries.append(deliver)


def notify(
    *, recipient: Any, kind: NotificationKind | str, text: str, url: str = "", actor: Any | None = None
) -> Notification | None:
    """Tell `recipient` something happened; nobody is notified of their own action, nor while deactivated."""
    if recipient is None or not recipient.is_active or (actor is not None and actor.pk == recipient.pk):
        return None
    notification = Notification.objects.create(
        recipient=recipient, actor=actor, kind=kind, text=text[:300], url=url[:500], created_at=timezone.now()
    )
    for deliver in _deliveries:
        deliver(notification)
    return notification
