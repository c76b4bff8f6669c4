"""Shapes of the notifications API."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ninja import Schema

from ripple.core.api import In
from ripple.people.schemas import PersonRef


class NotificationOut(Schema):
    id: int
    kind: str
    text: str
    url: str
    actor: PersonRef | None
    created_at: datetime
    read: bool

    @staticmethod
    def resolve_read(obj: Any) -> bool:
        return obj.read_at is not None


class NotificationQuery(In):
    unread: bool = False
    cursor: str | None = None
    limit: int = 30
