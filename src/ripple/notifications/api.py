"""The notifications endpoint under /api/v1: the signed-in person's inbox."""

from __future__ import annotations

from typing import Any

from ninja import Query, Router

from ripple.core.api import Page, clamp, errors
from ripple.notifications import selectors
from ripple.notifications.schemas import NotificationOut, NotificationQuery
from ripple.people.http import AuthedRequest

router = Router(tags=["notifications"])


@router.get(
    "/notifications",
    response={200: Page[NotificationOut], **errors()},
    summary="Your notifications, newest first",
)
def list_notifications(request: AuthedRequest, params: Query[NotificationQuery]) -> dict[str, Any]:
    page = selectors.inbox_page(
        user=request.user, cursor=params.cursor, size=clamp(params.limit), unread_only=params.unread
    )
    return {"items": page.items, "next": page.next_cursor}
