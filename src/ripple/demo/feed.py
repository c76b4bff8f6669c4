"""The demo organization's feed (filled in by the feed feature)."""

from __future__ import annotations

import random


def build_feed(*, rng: random.Random) -> None:
    """Add six months of realistic feed activity; does nothing if it is already there."""
