"""Denormalised counters stay exact when many clients write at once.

Parallel clients are threads, each with its own database connection, all released at the same moment
by a barrier, talking to the real HTTP endpoints. Afterwards every counter is compared with the rows
it counts. PostgreSQL only: SQLite takes the write lock at BEGIN (IMMEDIATE transactions), so its
writers never interleave and there is no race to provoke.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from django.db import connection, connections
from django.db.models import Sum
from django.test import Client

from ripple.feed import actions as feed_actions
from ripple.feed.models import Reaction, Reply
from ripple.library import actions
from ripple.library.models import CollectionItem, Prompt, Rating, Reuse, Suggestion
from ripple.people import actions as people_actions
from tests.factories import DepartmentFactory, UserFactory
from tests.library.factories import make_prompt

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite serialises writers at BEGIN IMMEDIATE: concurrent writes cannot interleave there",
    ),
]

ROUNDS = 2  # each round is a fresh burst; a race that needs luck gets several chances


def parallel(calls: list[Callable[[], int]]) -> list[int]:
    """Run every call at once, each in its own thread and connection; returns the HTTP statuses."""
    barrier = threading.Barrier(len(calls))
    statuses: list[int] = [0] * len(calls)
    failures: list[BaseException] = []

    def run(i: int, call: Callable[[], int]) -> None:
        try:
            barrier.wait(timeout=30)
            statuses[i] = call()
        except BaseException as exc:  # noqa: BLE001 - reported below, with the request that raised it
            failures.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not failures, failures
    return statuses


def token_client(user) -> Client:
    _token, raw = people_actions.token_create(user=user, name="concurrency")
    return Client(headers={"Authorization": f"Bearer {raw}"})


def post_json(client: Client, path: str, data: dict | None = None) -> Callable[[], int]:
    return lambda: client.post(path, data or {}, content_type="application/json").status_code


def put_json(client: Client, path: str, data: dict) -> Callable[[], int]:
    return lambda: client.put(path, data, content_type="application/json").status_code


@pytest.fixture
def crowd():
    """Twenty people in four departments, each with an API client."""
    departments = [DepartmentFactory(name=f"Concurrency dept {i}") for i in range(4)]
    people = [UserFactory(department=departments[i % 4]) for i in range(20)]
    return [(person, token_client(person)) for person in people]


def test_reuse_counters_match_their_rows(crowd):
    owner = UserFactory()
    for _ in range(ROUNDS):
        prompt = make_prompt(owner=owner)
        path = f"/api/v1/prompts/{prompt.pk}/reuses"
        # Everyone at once, and five of them twice: repeat reusers count once, departments once.
        calls = [post_json(c, path, {"minutes_saved": 7}) for _p, c in crowd]
        calls += [post_json(c, path, {"minutes_saved": 3}) for _p, c in crowd[:5]]
        assert set(parallel(calls)) == {201}
        prompt.refresh_from_db()
        rows = Reuse.objects.filter(prompt=prompt)
        assert prompt.reuse_count == rows.count() == 25
        assert prompt.reuser_count == rows.values("person").distinct().count() == 20
        assert prompt.department_count == rows.values("person__department").distinct().count() == 4
        assert prompt.minutes_saved_total == rows.aggregate(s=Sum("minutes_saved"))["s"] == 155


def test_rating_counters_match_their_rows(crowd):
    owner = UserFactory()
    for _ in range(ROUNDS):
        prompt = make_prompt(owner=owner)
        path = f"/api/v1/prompts/{prompt.pk}/rating"
        calls = [put_json(c, path, {"stars": 1 + i % 5}) for i, (_p, c) in enumerate(crowd)]
        calls += [put_json(c, path, {"stars": 5}) for _p, c in crowd[:5]]  # the same people change theirs
        assert set(parallel(calls)) == {200}
        prompt.refresh_from_db()
        rows = Rating.objects.filter(prompt=prompt)
        assert prompt.rating_count == rows.count() == 20
        assert prompt.rating_sum == rows.aggregate(s=Sum("stars"))["s"]
        assert prompt.rating_avg == round(prompt.rating_sum / 20, 2)


def test_fork_and_suggestion_counters_match_their_rows(crowd):
    owner = UserFactory()
    owner_client = token_client(owner)
    for _ in range(ROUNDS):
        prompt = make_prompt(owner=owner)
        forks = [post_json(c, f"/api/v1/prompts/{prompt.pk}/fork") for _p, c in crowd[:10]]
        suggestions = [
            post_json(c, f"/api/v1/prompts/{prompt.pk}/suggestions", {"body": f"Better body {i}"})
            for i, (_p, c) in enumerate(crowd[10:])
        ]
        assert set(parallel(forks + suggestions)) == {201}
        prompt.refresh_from_db()
        assert prompt.fork_count == Prompt.objects.filter(forked_from=prompt).count() == 10
        assert prompt.open_suggestion_count == Suggestion.objects.filter(prompt=prompt, status="open").count()
        assert prompt.open_suggestion_count == 10
        # The owner declines every suggestion twice at once (two tabs): each closes once.
        pending = list(Suggestion.objects.filter(prompt=prompt).values_list("pk", flat=True))
        decline = [
            post_json(owner_client, f"/api/v1/suggestions/{pk}/decline", {"response": "Not now"})
            for pk in pending * 2
        ]
        statuses = parallel(decline)
        assert statuses.count(200) == 10 and set(statuses) <= {200, 422}
        prompt.refresh_from_db()
        assert prompt.open_suggestion_count == 0


def test_collection_prompt_count_matches_its_rows(crowd):
    owner = crowd[0][0]
    prompts = [make_prompt(owner=owner, title=f"Collected {i}") for i in range(10)]

    def add(collection_id: int, prompt_id: int) -> Callable[[], int]:
        client = Client()  # one browser session per request: a Client is not shared between threads
        client.force_login(owner)
        url = f"/library/prompts/{prompt_id}/collect/"
        return lambda: client.post(url, {"collection": collection_id}).status_code

    for _ in range(ROUNDS):
        collection = actions.collection_create(actor=owner, title="Bursty pack")
        # Every prompt twice at once: the second add is a no-op.
        assert set(parallel([add(collection.pk, p.pk) for p in prompts * 2])) == {302}
        collection.refresh_from_db()
        items = CollectionItem.objects.filter(collection=collection)
        assert collection.prompt_count == items.count() == 10
        assert sorted(items.values_list("position", flat=True)) == list(range(1, 11))


def test_feed_counters_match_their_rows(crowd):
    author = UserFactory()
    for _ in range(ROUNDS):
        post = feed_actions.post_create(actor=author, kind="question", title="Pivot help?", body="How?")
        replies = [post_json(c, f"/api/v1/posts/{post.pk}/replies", {"body": "Try this"}) for _p, c in crowd]
        reactions = [
            post_json(c, f"/api/v1/posts/{post.pk}/reactions", {"emoji": e})
            for _p, c in crowd
            for e in ("tried", "thanks")
        ]
        statuses = parallel(replies + reactions)
        assert set(statuses) <= {200, 201}, statuses
        post.refresh_from_db()
        reply_rows = Reply.objects.filter(post=post, deleted_at__isnull=True)
        reaction_rows = Reaction.objects.filter(post=post)
        assert post.reply_count == reply_rows.count() == 20
        assert post.reaction_count == reaction_rows.count() == 40
        people = set(reply_rows.values_list("author_id", flat=True)) | set(
            reaction_rows.values_list("user_id", flat=True)
        )
        assert post.people_count == len(people | {author.pk}) == 21


def test_rate_limit_counts_every_concurrent_request(crowd, settings):
    """The API's rate count is shared by every process: parallel requests from one person all count."""
    settings.RATE_API = "15/min"
    person, _client = crowd[0]
    clients = [token_client(person) for _ in range(20)]
    statuses = parallel([(lambda c=c: c.get("/api/v1/me").status_code) for c in clients])
    assert sorted(statuses) == [200] * 15 + [429] * 5
