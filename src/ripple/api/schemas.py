"""Shapes shared by every API list: {"items": [...], "next": cursor-or-null}."""

from __future__ import annotations

from typing import Generic, TypeVar

from ninja import Schema

T = TypeVar("T")


class Paged(Schema, Generic[T]):
    items: list[T]
    next: str | None


class Error(Schema):
    detail: str
