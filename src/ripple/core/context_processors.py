from __future__ import annotations

from typing import Any

from django.http import HttpRequest

NAV = [
    ("feed", "Feed", "feed:index"),
    ("library", "Library", "library:index"),
    ("cohorts", "Cohorts", "core:cohorts"),
    ("showcase", "Show & tell", "core:showcase"),
    ("communities", "Communities", "core:communities"),
    ("insights", "Insights", "core:insights"),
]


def ripple(request: HttpRequest) -> dict[str, Any]:
    """Navigation for the base layout; the active section is the first path segment."""
    section = request.path.strip("/").split("/")[0]
    return {"nav_items": NAV, "nav_section": section}
