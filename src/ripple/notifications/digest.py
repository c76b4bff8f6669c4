"""The weekly digest: sections that apps register, scheduled and sent by this app.

    from ripple.notifications import digest
    digest.sections.register(digest.DigestSection("feed", "What people shared", 10, build=..., ...))

`build(viewer, since)` returns the section's context (only what `viewer` may see) or None to leave the
section out. Each section has a page template (an HTML fragment), a plain-text and an HTML-email
template; each is rendered with `{"digest": <what build returned>, "viewer", "site_url", "since"}`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.utils import timezone

from ripple.core.registry import Registry
from ripple.people.models import User


@dataclass(frozen=True)
class DigestSection:
    name: str
    order: int
    build: Callable[[User, datetime], Any] = field(compare=False)
    page_template: str
    text_template: str
    email_template: str


@dataclass
class Digest:
    since: datetime
    parts: list[tuple[DigestSection, Any]]


sections: Registry[DigestSection] = Registry("digest section")


def window_start(days: int = 7) -> datetime:
    """The digest covers whole days: from the start of the day `days` days ago, in the current time zone."""
    start = timezone.localtime() - timedelta(days=days)
    return start.replace(hour=0, minute=0, second=0, microsecond=0)


def build(*, viewer: User, days: int = 7) -> Digest:
    """Every registered section for `viewer`, in order; sections with nothing to say are left out."""
    since = window_start(days)
    parts = []
    for section in sorted(sections, key=lambda s: (s.order, s.name)):
        data = section.build(viewer, since)
        if data is not None:
            parts.append((section, data))
    return Digest(since=since, parts=parts)
