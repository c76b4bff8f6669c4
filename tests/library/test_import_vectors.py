"""A big PostgreSQL import computes its search vectors on a second connection (importing/vectors.py):
the vectors are the trigger's own, a failing helper only leaves the work to the trigger, and a failing
import stops the helper and leaves nothing."""

from __future__ import annotations

import io
import threading
import time

import pytest
from django.db import DatabaseError, connection

from ripple.core import search
from ripple.library import importing
from ripple.library.importing import actions, bulk, vectors
from ripple.library.models import PROMPT_SEARCH, Prompt, PromptVersion

pytestmark = pytest.mark.django_db
postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the helper connection is PostgreSQL's"
)


def csv_rows(count: int) -> list[importing.PromptRow]:
    lines = ["title,body,purpose,tags"]
    for n in range(count):
        body = f"Write {n} gardening notes to {{{{customer}}}} about invoices"
        lines.append(f'Prompt {n} renewal,"{body}",Why {n},"t{n}, sales"')
    return importing.parse(io.BytesIO("\n".join(lines).encode()), "csv")


@pytest.fixture
def spy(monkeypatch):
    """Every batch written: (rows, whether it brought its vectors). Each write takes a tenth of a
    second longer, so the helper (connecting, then computing) surely delivers some batches."""
    written: list[tuple[int, bool]] = []
    real = bulk.insert

    def insert(model, records, **kwargs):
        written.append((len(records), kwargs.get("vectors") is not None))
        time.sleep(0.1)
        return real(model, records, **kwargs)

    monkeypatch.setattr(bulk, "insert", insert)
    return written


@pytest.fixture
def small_helper(monkeypatch):
    """The helper from the first row, 6 batches."""
    monkeypatch.setattr(actions, "HELPER_ROWS", 1)
    monkeypatch.setattr(actions, "HELPER_PARTS", 6)


def vectors_unlike_the_triggers() -> int:
    """Prompts whose stored search vector differs from what the trigger's expression gives."""
    with connection.cursor() as cursor:
        expression = search.indexes._pg_vector_expr(PROMPT_SEARCH, "library_prompt")
        sql = f"SELECT count(*) FROM library_prompt WHERE search_vector IS DISTINCT FROM {expression}"  # noqa: S608
        cursor.execute(sql)
        return cursor.fetchone()[0]


def helper_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "import-vectors"]


def test_split_keeps_order_and_evens_the_weight():
    records = [
        {"title": "t", "purpose": "", "tags_text": "", "body": "x" * size}
        for size in (10, 5000, 10, 10, 10, 10)
    ]
    batches = vectors.split(records, PROMPT_SEARCH, parts=3, most=2)
    assert [r for batch in batches for r in batch] == records
    assert all(1 <= len(batch) <= 2 for batch in batches)
    assert batches[1] == [records[1]]  # the long one alone: its batch is full by weight
    assert vectors.split([], PROMPT_SEARCH, parts=3, most=2) == []


@postgres_only
def test_the_helpers_vectors_are_the_triggers(member, spy, small_helper):
    rows = csv_rows(60)
    result = importing.import_rows(actor=member, rows=rows)
    assert len(result.created) == 60 and [p.title for p in result.created] == [r.title for r in rows]
    assert sum(n for n, _ in spy) == 60 and any(with_vectors for _, with_vectors in spy)
    assert vectors_unlike_the_triggers() == 0
    hits = search.rank(Prompt.objects.all(), PROMPT_SEARCH, "gardening invoices", limit=100).hits
    assert len(hits) == 60
    assert not helper_threads()


@postgres_only
def test_an_update_recomputes_a_vector_an_insert_brought(member, small_helper):
    importing.import_rows(actor=member, rows=csv_rows(20))
    prompt = Prompt.objects.order_by("id").first()
    prompt.body = "Something about kubernetes"
    prompt.save()
    assert vectors_unlike_the_triggers() == 0
    assert [h.id for h in search.rank(Prompt.objects.all(), PROMPT_SEARCH, "kubernetes").hits] == [prompt.pk]


@postgres_only
def test_a_failing_helper_leaves_the_vectors_to_the_trigger(member, spy, small_helper, monkeypatch):
    monkeypatch.setattr(vectors.search, "vectors_sql", lambda index: "SELECT 1 / 0")
    result = importing.import_rows(actor=member, rows=csv_rows(30))
    assert len(result.created) == 30 and not any(with_vectors for _, with_vectors in spy)
    assert vectors_unlike_the_triggers() == 0 and not helper_threads()


@postgres_only
def test_no_connection_to_spare_leaves_the_vectors_to_the_trigger(member, spy, small_helper, monkeypatch):
    def refuse(**kwargs):
        raise vectors.psycopg.OperationalError("too many connections")

    monkeypatch.setattr(vectors.psycopg, "connect", refuse)
    result = importing.import_rows(actor=member, rows=csv_rows(30))
    assert len(result.created) == 30 and not any(with_vectors for _, with_vectors in spy)
    assert vectors_unlike_the_triggers() == 0


@postgres_only
def test_a_write_error_while_the_helper_runs_leaves_nothing_and_stops_it(member, small_helper, monkeypatch):
    real = bulk.insert
    calls = []

    def insert(model, records, **kwargs):
        calls.append(kwargs.get("vectors") is not None)
        time.sleep(0.1)  # the helper is at work meanwhile
        if len(calls) == 3:
            raise DatabaseError("disk full")
        return real(model, records, **kwargs)

    monkeypatch.setattr(bulk, "insert", insert)
    with pytest.raises(DatabaseError, match="disk full"):
        importing.import_rows(actor=member, rows=csv_rows(60))
    assert (Prompt.objects.count(), PromptVersion.objects.count()) == (0, 0)
    assert not helper_threads()
    assert helper_backends() == 0  # the helper's connection is closed, not left idle


def helper_backends() -> int:
    """Other server processes on this database that ran the helper's query (waits for closed ones
    to go: a backend ends a moment after its client said goodbye)."""
    for _ in range(50):
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND pid <> pg_backend_pid() AND query LIKE 'SELECT setweight%%'"
            )
            left = cursor.fetchone()[0]
        if not left:
            return 0
        time.sleep(0.05)
    return left


def test_small_imports_and_sqlite_take_every_batch_in_order(member, spy):
    """No helper (SQLite, or a small import): the batches go in order, each written bare."""
    result = importing.import_rows(actor=member, rows=csv_rows(12))
    assert len(result.created) == 12 and spy == [(12, False)]
    record = {"title": "t", "purpose": "", "tags_text": "", "body": "b"}
    with vectors.VectorHelper([[record], [record], [record]], PROMPT_SEARCH, helper=False) as helper:
        taken = [helper.take(), helper.take(), helper.take(), helper.take()]
    assert taken == [(0, None), (1, None), (2, None), None]
