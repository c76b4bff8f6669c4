"""Where other apps add to a cohort's week page without cohorts importing them (drills, say).

    from ripple.cohorts import hooks
    hooks.week_extras.append(my_function)   # (viewer, cohort, week: int) -> list[dict(title, url, note)]

Each function answers the items to list under the week ("Spot the flaw: …"); the week page shows them
in the template block `week_extras`. Cohorts calls them; it never imports the app that added them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

WeekExtra = Callable[[Any, Any, int], list[dict[str, str]]]
week_extras: list[WeekExtra] = []


def extras_for(viewer: Any, cohort: Any, week: int) -> list[dict[str, str]]:
    items: list[dict[str, str]] = []
    for extra in week_extras:
        items.extend(extra(viewer, cohort, week))
    return items
