"""Small display helpers for library pages (`{% load library %}`)."""

from __future__ import annotations

from django import template

register = template.Library()


@register.filter
def minutes(value: int | None) -> str:
    """45 → "45 min", 150 → "2.5 h", 6000 → "100 h"."""
    total = int(value or 0)
    if total < 60:
        return f"{total} min"
    hours = total / 60
    return f"{hours:.1f} h".replace(".0 h", " h") if hours < 10 else f"{round(hours):,} h"


@register.filter
def stars(value: float | None) -> str:
    return f"{value:.1f}" if value else "–"


@register.filter
def get_item(mapping: dict[object, object], key: object) -> object:
    return mapping.get(key) if mapping else None
