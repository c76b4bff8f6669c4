from __future__ import annotations

import io
from typing import Any

import pytest

from ripple.people.models import User
from ripple.radar import actions
from tests.factories import UserFactory
from tests.radar import exports


@pytest.fixture
def people(db: Any) -> dict[str, User]:
    return {
        "ana": UserFactory(name="Ana Asker", email="ana@example.org"),
        "ben": UserFactory(name="Ben Helper", email="ben@example.org"),
    }


def run(data: bytes, **options: Any) -> actions.Outcome:
    return actions.import_export(stream=io.BytesIO(data), **options)


@pytest.fixture
def imported(people: dict[str, User]) -> actions.Outcome:
    return run(exports.export())
