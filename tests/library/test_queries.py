"""Query counts do not grow with the library: list, search and the prompt page at 10 and 1,000 prompts."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ripple.library import actions
from ripple.library.models import Prompt
from tests.factories import UserFactory
from tests.library.factories import make_prompt

pytestmark = pytest.mark.django_db


def _add(owners, n: int, start: int = 0) -> None:
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
            )
            for i in range(n)
        ],
        batch_size=500,
    )


def _count(client, url: str, params: dict | None = None) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"sort": "recent"},
        {"sort": "rated"},
        {"tool": "Claude", "tag": "contracts"},
        {"q": "contract summary"},
    ],
    ids=["reused", "recent", "rated", "filtered", "search"],
)
def test_library_list_and_search_queries_are_flat(member_client, member, params):
    owners = [UserFactory() for _ in range(5)]
    _add(owners, 10)
    small = _count(member_client, reverse("library:index"), params)
    _add(owners, 990, start=10)
    assert Prompt.objects.count() == 1000
    assert _count(member_client, reverse("library:index"), params) == small


def test_prompt_page_queries_are_flat(member_client, member):
    owner = UserFactory()
    prompt = make_prompt(owner)
    actions.reuse_record(actor=member, prompt=prompt, minutes_saved=5)
    small = _count(member_client, prompt.get_absolute_url())
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
    assert _count(member_client, prompt.get_absolute_url()) == small


def test_collection_and_lineage_pages_are_flat(member_client, member):
    owner = UserFactory()
    root = make_prompt(owner)
    collection = actions.collection_create(actor=member, title="Pack")
    actions.collection_add(actor=member, collection=collection, prompt=root)
    small_c = _count(member_client, collection.get_absolute_url())
    small_l = _count(member_client, reverse("library:prompt_lineage", args=[root.pk]))
    parent = root
    for _ in range(15):
        parent = actions.prompt_fork(actor=UserFactory(), prompt=parent)
        actions.collection_add(actor=member, collection=collection, prompt=parent)
    assert _count(member_client, collection.get_absolute_url()) == small_c
    assert _count(member_client, reverse("library:prompt_lineage", args=[root.pk])) == small_l
