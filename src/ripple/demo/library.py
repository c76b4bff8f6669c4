"""The demo organization's library (filled in by the library feature)."""

from __future__ import annotations

import random


def build_library(*, rng: random.Random) -> None:
    """Add six months of realistic library activity; does nothing if it is already there."""
