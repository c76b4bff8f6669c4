"""Shapes of the notifications API."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ninja import Schema


class ActorRef(Schema):
    id: int
    name: str
    url: str

    @staticmethod
    def resolve_url(obj: Any) -> str:
        return str(obj.get_absolute_url())


class NotificationOut(Schema):
    id: int
    kind: str
    text: str
    url: str
    actor: ActorRef | None
    created_at: datetime
    read: bool

    @staticmethod
    def resolve_read(obj: Any) -> bool:
        return obj.read_at is not None


class NotificationPage(Schema):
    items: list[NotificationOut]
    next: str | None
