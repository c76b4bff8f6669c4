from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    """mapping[key] in a template (None when missing)."""
    try:
        return mapping.get(key)
    except AttributeError:
        return None


@register.filter
def get_str(mapping: Any, key: Any) -> str:
    """The first message stored under str(key) (error dicts are keyed by question id as text)."""
    try:
        value = mapping.get(str(key))
    except AttributeError:
        return ""
    if isinstance(value, list):
        return " ".join(str(v) for v in value)
    return str(value or "")
