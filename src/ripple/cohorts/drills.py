"""A cohort week's spot-the-flaw drills, listed on the week's pages through `hooks.week_extras`
(drills sit below cohorts: drills attach to the cohort's space and a week number)."""

from __future__ import annotations

from typing import Any

from ripple.drills import selectors as drill_selectors


def week_drills(viewer: Any, cohort: Any, week: int) -> list[dict[str, str]]:
    """The drills of `cohort`'s space for `week` (none when `viewer` may not read the space)."""
    items = []
    for drill in drill_selectors.drills_for_space(viewer, cohort.space, week=week):
        if drill.attempted:
            note = "done — see the key and how you did"
        elif drill.gave_up:
            note = "key seen"
        else:
            note = "spot the flaw before you see the key"
        items.append(
            {"title": f"Spot the flaw: {drill.title}", "url": drill.get_absolute_url(), "note": note}
        )
    return items
