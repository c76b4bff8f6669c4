"""Small display helpers for library pages (`{% load library %}`)."""

from __future__ import annotations

from django import template

register = template.Library()


@register.filter
def stars(value: float | None) -> str:
    return f"{value:.1f}" if value else "–"


@register.filter
def get_item(mapping: dict[object, object], key: object) -> object:
    return mapping.get(key) if mapping else None
