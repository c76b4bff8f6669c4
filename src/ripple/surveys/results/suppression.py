"""Which groups may show figures: at least k answers, and never a set of shown groups whose difference
from their parent reveals fewer than k people (the "all minus all-but-X" attack).

A breakdown is a partition of a parent group into cells (departments of the organization, teams of a
department). Cells under k are hidden; if the hidden cells together hold between 1 and k-1 answers, the
parent total minus the shown cells would reveal them, so the smallest shown cells are hidden too until the
hidden remainder is 0 or at least k ("complementary suppression"). A filter can only select a cell that
this rule shows, so filters, breakdowns, CSV and API all agree.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping


def visible_cells(
    counts: Mapping[Hashable, int], k: int, never: frozenset[Hashable] = frozenset()
) -> set[Hashable]:
    """The cells of a partition that may be shown. `never`: cells that are never shown on their own
    (people without a department or team) but still count in the remainder."""
    shown = {c for c, n in counts.items() if n >= k and c not in never}
    hidden = sum(n for c, n in counts.items() if c not in shown)
    while 0 < hidden < k and shown:
        smallest = min(shown, key=lambda c: (counts[c], str(c)))
        shown.discard(smallest)
        hidden += counts[smallest]
    return shown
