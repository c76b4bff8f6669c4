"""Relevance of library search on the real prompts.chat export, imported with the library's importer.

Every labelled query (tests/library/relevance.py) goes through `search_prompts`, the selector the
library page and the API use; the goals hold on SQLite and on PostgreSQL alike.
"""

from __future__ import annotations

import pytest
from django.db import transaction

from ripple.library import importing
from ripple.library.selectors import search_prompts
from tests.factories import UserFactory
from tests.library.relevance import QUERIES, evaluate

TOP5_GOAL, TOP1_GOAL = 0.90, 0.70


@pytest.fixture(scope="module")
def real_library(django_db_setup, django_db_blocker):
    """The 1,529 rows of the real export, imported once for this module and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        owner = UserFactory(email="importer@example.org")
        viewer = UserFactory(email="reader@example.org")
        with importing.PROMPTS_CHAT_CSV.open("rb") as stream:
            result = importing.import_rows(actor=owner, rows=importing.parse(stream, "csv"))
        assert result.errors == [] and len(result.created) > 1500
        yield viewer
        transaction.set_rollback(True)


def titles(viewer, query: str) -> list[str]:
    return [p.title for p in search_prompts(viewer=viewer, text=query, size=5).items]


@pytest.mark.django_db
def test_relevance_goals_on_real_prompts(real_library):
    scores = evaluate(lambda q: titles(real_library, q))
    print(scores.line(), *scores.misses, sep="\n")
    assert len(QUERIES) >= 40
    assert scores.top5 >= TOP5_GOAL, scores.misses
    assert scores.top1 >= TOP1_GOAL, scores.line()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("Linux Terminal", "Linux Terminal"),  # an exact title, in the middle of 1,529 prompts
        ("english translator and improver", "English Translator and Improver"),
        ("I want you to act as a travel guide", "Travel Guide"),  # the stop words change nothing
        ("job interviewer", "Job Interviewer"),
    ],
)
def test_exact_titles_come_first_among_real_prompts(real_library, query, first):
    assert titles(real_library, query)[0] == first
