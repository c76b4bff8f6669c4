"""The base layout's navigation, from what the apps registered (core names no app's URLs)."""

from __future__ import annotations

from functools import cache
from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from ripple.core import registry


@cache
def _resolved(placement: str) -> tuple[dict[str, Any], ...]:
    # URLs never change while the process runs; resolve each entry once.
    return tuple(
        {
            "name": e.name,
            "label": e.label,
            "url": reverse(e.url_name),
            "badge_url": reverse(e.badge_url_name) if e.badge_url_name else "",
            "admin_only": e.admin_only,
            "method": e.method,
            "section": reverse(e.url_name).strip("/").split("/")[0],
        }
        for e in registry.nav_entries(placement)
    )


def ripple(request: HttpRequest) -> dict[str, Any]:
    """Navigation for the base layout; the active section is the first path segment."""
    section = request.path.strip("/").split("/")[0]
    user = getattr(request, "user", None)
    is_admin = bool(getattr(user, "is_admin", False))

    def entries(placement: str) -> list[dict[str, Any]]:
        return [e for e in _resolved(placement) if is_admin or not e["admin_only"]]

    return {
        "nav_items": entries("main"),
        "nav_end": entries("end"),
        "nav_account": entries("account"),
        "nav_section": section,
    }


def home_url() -> str:
    """Where "/" leads: the first main section."""
    first = _resolved("main")
    return first[0]["url"] if first else reverse("core:health")
