"""Template helpers available in every template (registered as a builtin)."""

from __future__ import annotations

import datetime as dt
import html
from typing import Any
from urllib.parse import urlencode

from django import template
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


def escape(value: Any) -> str:
    """Django's `escape` (the same characters, the same entities) without its lazy-string wrapper: for
    cards built in Python (library.cards, feed.postcard), which escape every value they show."""
    return html.escape(str(value))


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


@register.filter
def minutes(value: int | None) -> str:
    """Time saved, read at a glance: up to 90 → "45 min"; past that in hours: 150 → "2.5 h", 300 → "5 h",
    6000 → "100 h"."""
    total = int(value or 0)
    if total <= 90:
        return f"{total} min"
    hours = total / 60
    return f"{hours:.1f} h".replace(".0 h", " h") if hours < 10 else f"{round(hours):,} h"


def relative_text(value: dt.datetime, now: dt.datetime | None = None) -> str:
    """Within a week of now: "just now", "5 min ago", "3 h ago", "yesterday", "4 days ago" (and "in 2 h",
    "tomorrow", "in 3 days" ahead); beyond: the date, "12 Mar" this year, "12 Mar 2025" another year."""
    now = timezone.localtime(now or timezone.now())
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    seconds = (now - local).total_seconds()
    ahead = seconds < 0
    gap = abs(seconds)
    if gap < 60:
        return "just now"
    if gap < 3600:
        n = int(gap // 60)
        return f"in {n} min" if ahead else f"{n} min ago"
    days = abs((now.date() - local.date()).days)
    if gap < 12 * 3600 or days == 0:
        n = int(gap // 3600)
        return f"in {n} h" if ahead else f"{n} h ago"
    if days == 1:
        return "tomorrow" if ahead else "yesterday"
    if days < 7:
        return f"in {days} days" if ahead else f"{days} days ago"
    return date_format(local, "j M" if local.year == now.year else "j M Y")


@register.filter
def when(value: dt.datetime | dt.date | None) -> str:
    """A moment the same way on every page: relative within a week, the date beyond, as a <time> whose
    tooltip (title) gives the full date and time."""
    if not value:
        return ""
    if not isinstance(value, dt.datetime):
        return format_html('<time datetime="{}">{}</time>', value.isoformat(), date_format(value, "j M Y"))
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return format_html(
        '<time datetime="{}" title="{}">{}</time>',
        value.isoformat(),
        date_format(local, "j F Y, H:i"),
        relative_text(value),
    )
