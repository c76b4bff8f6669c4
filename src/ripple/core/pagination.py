"""Keyset pagination: `WHERE (a, b) < (x, y) ORDER BY a, b LIMIT n` stays flat at any depth.

A cursor is an opaque, URL-safe token holding the ordering values of the last row of a page.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any, Generic, TypeVar

from django.db.models import Model, Q, QuerySet
from django.utils.dateparse import parse_datetime

T = TypeVar("T", bound=Model)


class InvalidCursor(ValueError):
    pass


@dataclass
class Page(Generic[T]):
    items: list[T]
    next_cursor: str | None

    def __iter__(self) -> Iterator[T]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)


def _encode(values: list[Any]) -> str:
    def default(value: Any) -> Any:
        if isinstance(value, datetime):
            return {"dt": value.isoformat()}
        if isinstance(value, Decimal):
            return {"dec": str(value)}
        raise TypeError(type(value))

    raw = json.dumps(values, default=default, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode(cursor: str, size: int) -> list[Any]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        values = json.loads(raw)
    except (binascii.Error, ValueError, UnicodeDecodeError) as exc:
        raise InvalidCursor("The cursor is not valid; start again from the first page.") from exc
    if not isinstance(values, list) or len(values) != size:
        raise InvalidCursor("The cursor is not valid; start again from the first page.")
    out: list[Any] = []
    for value in values:
        if isinstance(value, dict) and "dt" in value:
            parsed = parse_datetime(str(value["dt"]))
            if parsed is None:
                raise InvalidCursor("The cursor is not valid; start again from the first page.")
            out.append(parsed)
        elif isinstance(value, dict) and "dec" in value:
            out.append(Decimal(str(value["dec"])))
        else:
            out.append(value)
    return out


def _after(ordering: tuple[str, ...], values: list[Any]) -> Q:
    """Rows strictly after `values` in `ordering` (each field may be descending with a leading '-')."""
    condition = Q()
    for i in range(len(ordering) - 1, -1, -1):
        field = ordering[i].lstrip("-")
        op = "lt" if ordering[i].startswith("-") else "gt"
        strict = Q(**{f"{field}__{op}": values[i]})
        condition = strict if i == len(ordering) - 1 else strict | (Q(**{field: values[i]}) & condition)
    return condition


def _value(obj: Any, path: str) -> Any:
    for part in path.split("__"):
        obj = getattr(obj, part)
    return obj


def paginate(
    queryset: QuerySet[T], *, ordering: tuple[str, ...], cursor: str | None, size: int = 25
) -> Page[T]:
    """One page of `queryset` after `cursor`; the last ordering field must be unique (usually `id`)."""
    qs = queryset.order_by(*ordering)
    if cursor:
        qs = qs.filter(_after(ordering, _decode(cursor, len(ordering))))
    rows = list(qs[: size + 1])
    items = rows[:size]
    next_cursor = None
    if len(rows) > size:
        last = items[-1]
        next_cursor = _encode([_value(last, f.lstrip("-")) for f in ordering])
    return Page(items=items, next_cursor=next_cursor)
