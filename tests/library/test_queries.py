"""Query counts do not grow with the library: list, search and the prompt page at 10 and 1,000 prompts."""

from __future__ import annotations

import pytest
from django.urls import reverse

from ripple.library import actions
from ripple.library.models import Prompt
from tests.factories import UserFactory
from tests.library.factories import make_prompt

pytestmark = pytest.mark.django_db

PROMPT_PAGE_QUERIES = 12
COLLECTION_AND_LINEAGE_QUERIES = (4, 5)


def _add(owners, n: int, start: int = 0) -> None:
    """Prompts showing every part of a card: a department or none, rated or not, a check or none."""
    departments = [owner.department for owner in owners]
    Prompt.objects.bulk_create(
        [
            Prompt(
                title=f"Contract summary {start + i}",
                body=f"Summarise this contract for {{{{audience}}}} number {start + i}",
                purpose="Quick contract summaries",
                tags=["contracts", f"t{i % 7}"],
                tags_text=f"contracts t{i % 7}",
                tools=["Claude"],
                owner=owners[i % len(owners)],
                reuse_count=i % 13,
                visibility="everyone" if i % 5 else "private",
                department=departments[i % len(owners)] if i % 2 else None,
                rating_count=i % 3,
                rating_sum=4 * (i % 3),
                rating_avg=4.0 if i % 3 else None,
                check_output="Check the totals" if i % 4 == 0 else "",
            )
            for i in range(n)
        ],
        batch_size=500,
    )


@pytest.mark.parametrize(
    ("params", "exactly"),
    [
        ({}, 5),
        ({"sort": "recent"}, 5),
        ({"sort": "rated"}, 5),
        ({"tool": "Claude", "tag": "contracts"}, 5),
        ({"q": "contract summary"}, 6),
    ],
    ids=["reused", "recent", "rated", "filtered", "search"],
)
def test_library_list_and_search_queries_are_flat(member_client, member, params, exactly, queries):
    owners = [UserFactory() for _ in range(5)]
    _add(owners, 10)
    queries.flat(
        lambda: queries.count(member_client, reverse("library:index"), params),
        lambda: _add(owners, 990, start=10),
        exactly=exactly,
    )
    assert Prompt.objects.count() == 1000


def test_prompt_page_queries_are_flat(member_client, member, queries):
    owner = UserFactory()
    prompt = make_prompt(owner)
    actions.reuse_record(actor=member, prompt=prompt, minutes_saved=5)
    page = prompt.get_absolute_url()
    queries.flat(
        lambda: queries.count(member_client, page),
        lambda: _crowd(member, prompt),
        exactly=PROMPT_PAGE_QUERIES,
    )


def _crowd(member, prompt) -> None:
    people = [UserFactory() for _ in range(12)]
    for person in people:
        actions.reuse_record(actor=person, prompt=prompt, minutes_saved=10)
        actions.rating_set(actor=person, prompt=prompt, stars=4)
        actions.prompt_fork(actor=person, prompt=prompt)
        actions.suggestion_create(actor=person, prompt=prompt, title=prompt.title, body=prompt.body + " more")
        actions.collection_add(
            actor=member,
            collection=actions.collection_create(actor=member, title=f"C {person.pk}"),
            prompt=prompt,
        )


def test_collection_and_lineage_pages_are_flat(member_client, member, queries):
    owner = UserFactory()
    root = make_prompt(owner)
    collection = actions.collection_create(actor=member, title="Pack")
    actions.collection_add(actor=member, collection=collection, prompt=root)

    def grow() -> None:
        parent = root
        for _ in range(15):
            parent = actions.prompt_fork(actor=UserFactory(), prompt=parent)
            actions.collection_add(actor=member, collection=collection, prompt=parent)

    def measure() -> tuple[int, int]:
        lineage = reverse("library:prompt_lineage", args=[root.pk])
        return (
            queries.count(member_client, collection.get_absolute_url()),
            queries.count(member_client, lineage),
        )

    queries.flat(measure, grow, exactly=COLLECTION_AND_LINEAGE_QUERIES)
