"""Template helpers available in every template (registered as a builtin)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django import template
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.filter
def initials(name: str) -> str:
    parts = [p for p in (name or "").split() if p]
    if not parts:
        return "?"
    return (parts[0][0] + (parts[-1][0] if len(parts) > 1 else "")).upper()


@register.filter
def avatar_hue(value: Any) -> int:
    """A stable hue (0–359) per person, so avatars are told apart without images."""
    return (int(value or 0) * 47) % 360


@register.simple_tag(takes_context=True)
def query(context: dict[str, Any], **changes: Any) -> str:
    """The current query string with `changes` applied (None removes a key); used for filters and cursors."""
    request = context["request"]
    params = request.GET.copy()
    for key, value in changes.items():
        if value is None or value == "":
            params.pop(key, None)
        else:
            params[key] = value
    return "?" + urlencode(list(params.lists()), doseq=True) if params else "?"


@register.filter
def trusted_html(value: str) -> SafeString:
    """Mark HTML that was sanitised on write (core.markdown.render) as safe to output."""
    return mark_safe(value or "")  # noqa: S308 - only ever applied to stored, nh3-sanitised HTML
