"""Reading the database as an admin would: no answer row can be linked to a person — no shared id, no
timestamp, no order, no key an admin can compute — and no path of the app shows one person's answers."""

from __future__ import annotations

import hashlib

import pytest
from django.db import connection

from ripple.surveys import actions, keys
from ripple.surveys.models import Answer, AnswerSet, Participant
from tests.surveys.conftest import answer, people, send

pytestmark = pytest.mark.django_db

ANSWER_TABLES = ("surveys_answerset", "surveys_answer")


def columns(table):
    with connection.cursor() as cur:
        return [c.name for c in connection.introspection.get_table_description(cur, table)]


def test_answer_tables_have_no_person_and_no_time():
    for table in ANSWER_TABLES:
        cols = columns(table)
        assert not [
            c for c in cols if "user" in c or "person" in c or c.endswith("_at") or "time" in c or "date" in c
        ]
    assert set(columns("surveys_participant")) == {"id", "round_id", "user_id", "answered", "reminded_at"}


def test_an_admin_with_the_database_cannot_link_answers_to_people(boss):
    crowd = people(12)
    r = send(boss, closed=False, audience="people", people=crowd)
    for i, p in enumerate(crowd):
        answer(r, p, skill=1 + i % 5)
    # everything an admin can read, raw
    with connection.cursor() as cur:
        cur.execute("SELECT * FROM surveys_answerset")
        sets = cur.fetchall()
        cur.execute("SELECT * FROM surveys_answer")
        rows = sets + cur.fetchall()
    obvious = set()
    for p in crowd:  # hashes an admin could compute without the secret
        for raw in (str(p.pk), p.email, f"{r.pk}:{p.pk}"):
            obvious |= {hashlib.sha256(raw.encode()).hexdigest(), hashlib.md5(raw.encode()).hexdigest()}  # noqa: S324
    for row in rows:
        for value in row:
            assert str(value) not in obvious
    # ids are random, not a counter: in answering order (known only to this test, through the secret)
    # they do not increase, and the table's own order is not the answering order
    by_time = [
        AnswerSet.objects.get(respondent_key=keys.respondent_key(round_id=r.pk, user_id=p.pk)).pk
        for p in crowd
    ]
    assert by_time != sorted(by_time)  # 1 in 12! to fail by chance
    with connection.cursor() as cur:
        cur.execute("SELECT id FROM surveys_answerset")
        stored_order = [row[0] for row in cur.fetchall()]
    if connection.vendor == "sqlite":
        assert stored_order != by_time
    assert max(by_time) > 2**40
    if connection.vendor == "sqlite":  # the rowid *is* the random id, so storage order is random too
        with connection.cursor() as cur:
            cur.execute("SELECT rowid, id FROM surveys_answerset")
            assert all(rowid == pk for rowid, pk in cur.fetchall())


def test_sealing_erases_the_keys_and_rewrites_the_rows(boss):
    crowd = people(6)
    r = send(boss, audience="people", people=crowd)  # closed now; answered in the past
    for p in crowd:
        answer(r, p, skill=3)
    before_ids = set(AnswerSet.objects.filter(round=r).values_list("pk", flat=True))
    assert AnswerSet.objects.filter(round=r, respondent_key__isnull=False).count() == 6
    assert actions.seal_round(round_id=r.pk) is True
    assert actions.seal_round(round_id=r.pk) is False  # once
    after = AnswerSet.objects.filter(round=r)
    assert after.count() == 6 and not after.filter(respondent_key__isnull=False).exists()
    assert not after.filter(pair_key__isnull=False).exists()  # not a paired round: no pseudonym kept
    assert before_ids.isdisjoint(set(after.values_list("pk", flat=True)))
    assert Answer.objects.filter(answer_set__round=r, question__key="skill").count() == 6
    # the person themself can no longer find them either
    assert not AnswerSet.objects.filter(
        respondent_key=keys.respondent_key(round_id=r.pk, user_id=crowd[0].pk)
    ).exists()


def test_pair_keys_are_keyed_pseudonyms_not_user_ids(boss):
    crowd = people(5)
    before = send(boss, days_ago=60, pair_role="before", audience="people", people=crowd)
    for p in crowd:
        answer(before, p)
    stored = set(AnswerSet.objects.filter(round=before).values_list("pair_key", flat=True))
    assert len(stored) == 5
    assert stored == {keys.pair_key(pair_id=before.pk, user_id=p.pk) for p in crowd}
    assert not stored & {hashlib.sha256(f"{before.pk}:{p.pk}".encode()).hexdigest() for p in crowd}


def test_changing_answers_leaves_no_second_row(boss, member):
    r = send(boss, closed=False, audience="people", people=[member])
    answer(r, member, skill=1)
    first_set = AnswerSet.objects.get(round=r)
    old_answer_ids = set(Answer.objects.values_list("pk", flat=True))
    actions_payload = {}
    answer(r, member, by_key=actions_payload, replace=True, skill=5)
    assert AnswerSet.objects.get(round=r).pk == first_set.pk and AnswerSet.objects.count() == 1
    assert set(Answer.objects.values_list("pk", flat=True)).isdisjoint(old_answer_ids)


def test_no_page_or_endpoint_shows_one_persons_answers(boss, boss_client, member):
    crowd = people(5) + [member]
    r = send(boss, audience="people", people=crowd)
    for i, p in enumerate(crowd):
        answer(r, p, skill=1 + i % 5, help_wanted=f"secret thought {i}" if i < 2 else "")
    page = boss_client.get(f"/surveys/rounds/{r.pk}/").content.decode()
    assert member.name not in page and "checked" not in page
    results = boss_client.get(f"/api/v1/rounds/{r.pk}/results").json()
    text = str(results)
    assert member.email not in text and "secret thought" not in text  # 2 written answers < k
    for forbidden in ("respondent", "pair_key", "answer_set", "user"):
        assert forbidden not in text
    assert Participant.objects.filter(round=r, answered=True).count() == 6
