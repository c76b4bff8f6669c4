"""The demo library's imported prompts: the real prompts.chat collection (CC0), shared by demo people.

Runs before `build_library`, which adds the department-specific prompts, forks, reuses and ratings.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import datetime, timedelta

from django.utils import timezone

from ripple.demo.people import ADMIN_EMAIL
from ripple.library import importing
from ripple.library.models import Prompt
from ripple.people.models import User

SPREAD_DAYS = 182  # six months


def build_library_import(*, rng: random.Random) -> None:
    """Import the bundled prompts-chat.csv with owners spread over the demo people (a few prolific
    sharers, a long tail) and creation times over the last six months; does nothing the second time."""
    if Prompt.objects.filter(origin_label=importing.PROMPTS_CHAT_LABEL).exists():
        return
    people = list(User.objects.filter(is_active=True).order_by("id"))
    if not people:
        return
    importer = next((p for p in people if p.email == ADMIN_EMAIL), people[0])
    with importing.PROMPTS_CHAT_CSV.open("rb") as stream:
        rows = importing.parse(stream, "csv", name=importing.PROMPTS_CHAT_CSV.name)
    sharers = people[:]
    rng.shuffle(sharers)
    weights = [1 / (rank + 1) ** 0.7 for rank in range(len(sharers))]

    def owners() -> Iterator[User]:
        while True:
            yield rng.choices(sharers, weights=weights)[0]

    now = timezone.now()
    dates: list[datetime] = sorted(
        now - timedelta(seconds=rng.randrange(SPREAD_DAYS * 24 * 3600)) for _ in rows
    )
    importing.import_rows(actor=importer, rows=rows, owners=owners(), dates=dates)
