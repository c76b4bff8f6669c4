"""The notifications endpoint under /api/v1: the signed-in person's inbox."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router

from ripple.notifications import selectors
from ripple.notifications.schemas import NotificationPage
from ripple.people.models import User

router = Router(tags=["notifications"])


@router.get("/notifications", response=NotificationPage, summary="Your notifications, newest first")
def list_notifications(
    request: HttpRequest, unread: bool = False, cursor: str | None = None, limit: int = 30
) -> dict[str, Any]:
    user = request.user
    assert isinstance(user, User)  # noqa: S101 - the API's auth guarantees a signed-in person
    page = selectors.inbox_page(user=user, cursor=cursor, size=max(1, min(limit, 100)), unread_only=unread)
    return {"items": page.items, "next": page.next_cursor}
