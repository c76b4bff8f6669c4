"""Instruments: the built-in one, copies, versions (never edited in place once used), questions."""

from __future__ import annotations

import pytest

from ripple.surveys import actions
from ripple.surveys.models import Instrument, Question
from tests.surveys.conftest import answer, send

pytestmark = pytest.mark.django_db


def test_builtin_instrument_covers_the_capability_and_confidence_items(boss_client):
    data = boss_client.get("/api/v1/surveys").json()["items"]
    builtin = next(i for i in data if i["builtin"])
    detail = boss_client.get(f"/api/v1/surveys/{builtin['id']}").json()
    keys = [q["key"] for q in detail["questions"]]
    assert keys == [
        "skill",
        "confidence_new",
        "confidence_judge",
        "check_output",
        "safe_to_share_fail",
        "frequency",
        "uses",
        "help_wanted",
    ]
    kinds = {q["key"]: q["kind"] for q in detail["questions"]}
    assert kinds["frequency"] == "single" and kinds["uses"] == "multi" and kinds["help_wanted"] == "text"
    freq = next(q for q in detail["questions"] if q["key"] == "frequency")
    assert freq["choices"][0] == "Never" and freq["choices"][-1] == "Daily"
    skill = detail["questions"][0]
    assert skill["scale"] == 5 and skill["low_label"] and skill["high_label"] and isinstance(skill["id"], int)


def test_create_with_only_a_title_uses_the_builtin_questions(boss_client):
    response = boss_client.post("/api/v1/surveys", {"title": "Sales pulse"}, content_type="application/json")
    assert response.status_code == 201
    body = response.json()
    assert body["title"] == "Sales pulse" and len(body["questions"]) == 8 and body["builtin"] is False


def test_create_with_questions_and_bad_questions(boss_client):
    good = {"title": "Mine", "questions": [
        {"kind": "likert", "text": "Seven?", "scale": 7, "low_label": "No", "high_label": "Yes"},
        {"kind": "single", "text": "Pick", "choices": ["a", "b"]},
        {"kind": "text", "text": "Why?", "required": False},
    ]}  # fmt: skip
    body = boss_client.post("/api/v1/surveys", good, content_type="application/json").json()
    assert [q["scale"] for q in body["questions"]] == [7, None, None]
    before = Instrument.objects.count()
    for bad in (
        {"kind": "likert", "text": "x", "scale": 6, "low_label": "a", "high_label": "b"},
        {"kind": "likert", "text": "x"},
        {"kind": "single", "text": "x", "choices": ["only one"]},
        {"kind": "multi", "text": "x", "choices": ["a", "a"]},
        {"kind": "ranking", "text": "x"},
        {"kind": "text", "text": ""},
    ):
        r = boss_client.post(
            "/api/v1/surveys", {"title": "Bad", "questions": [bad]}, content_type="application/json"
        )
        assert r.status_code == 422, bad
    assert (
        boss_client.post("/api/v1/surveys", {"title": "  "}, content_type="application/json").status_code
        == 422
    )
    assert Instrument.objects.count() == before


def test_members_cannot_manage_instruments(member_client):
    assert member_client.get("/api/v1/surveys").status_code == 403
    assert (
        member_client.post("/api/v1/surveys", {"title": "x"}, content_type="application/json").status_code
        == 403
    )
    assert member_client.get("/surveys/manage/").status_code == 403


def test_copy_then_edit_then_in_use_is_versioned(boss, boss_client):
    builtin = actions.ensure_builtin_instrument()
    assert (
        boss_client.post(
            f"/surveys/instruments/{builtin.pk}/questions/", {"kind": "text", "text": "New?"}
        ).status_code
        == 403
    )
    response = boss_client.post(f"/surveys/instruments/{builtin.pk}/copy/")
    copy = Instrument.objects.exclude(pk=builtin.pk).get()
    assert response.url == f"/surveys/instruments/{copy.pk}/"
    r = boss_client.post(
        f"/surveys/instruments/{copy.pk}/questions/",
        {
            "kind": "likert",
            "text": "Enjoy it?",
            "scale": "7",
            "low_label": "No",
            "high_label": "Very",
            "required": "on",
        },
    )
    assert r.status_code == 302 and copy.questions.count() == 9
    bad = boss_client.post(
        f"/surveys/instruments/{copy.pk}/questions/", {"kind": "likert", "text": "No labels", "scale": "5"}
    )
    assert (
        bad.status_code == 400 and "Label both ends" in bad.content.decode() and copy.questions.count() == 9
    )
    first = copy.questions.order_by("position").first()
    boss_client.post(f"/surveys/instruments/{copy.pk}/questions/{first.pk}/move/", {"direction": "down"})
    assert copy.questions.order_by("position").first().pk != first.pk
    # now a round uses it: no edits in place; a new version instead
    rnd = send(boss, instrument=copy)
    assert boss_client.post(f"/surveys/instruments/{copy.pk}/questions/{first.pk}/delete/").status_code == 403
    assert copy.questions.count() == 9
    boss_client.post(f"/surveys/instruments/{copy.pk}/version/")
    v2 = Instrument.objects.get(family=copy, version=2)
    assert v2.questions.count() == 9 and Instrument.objects.get(pk=copy.pk).superseded
    assert list(v2.questions.values_list("key", flat=True)) == list(
        copy.questions.values_list("key", flat=True)
    )
    q = v2.questions.first()
    boss_client.post(f"/surveys/instruments/{v2.pk}/questions/{q.pk}/", {"kind": "text", "text": "Changed"})
    assert Question.objects.get(pk=q.pk).text == "Changed"
    assert not copy.questions.filter(text="Changed").exists() and rnd.instrument_id == copy.pk


def test_previous_round_compares_across_versions(boss, boss_client):
    from tests.surveys.conftest import people

    crowd = people(5)
    mine = actions.instrument_create(actor=boss, title="Mine")
    q1 = send(boss, instrument=mine, days_ago=100)
    for p in crowd:
        answer(q1, p, skill=2)
    v2 = actions.instrument_new_version(actor=boss, instrument=mine)
    q2 = send(boss, instrument=v2, days_ago=10)
    for p in crowd:
        answer(q2, p, skill=3)
    skill = next(
        q
        for q in boss_client.get(f"/api/v1/rounds/{q2.pk}/results").json()["questions"]
        if q["key"] == "skill"
    )
    assert skill["previous"] == {"mean": 2.0, "n": 5, "change": 1.0}


def test_pages_render(boss, boss_client):
    builtin = actions.ensure_builtin_instrument()
    for url in (
        "/surveys/",
        "/surveys/manage/",
        f"/surveys/instruments/{builtin.pk}/",
        "/surveys/instruments/new/",
        f"/surveys/instruments/{builtin.pk}/rounds/new/",
    ):
        assert boss_client.get(url).status_code == 200, url
    r = boss_client.post("/surveys/instruments/new/", {"title": "Blank", "start": "empty"})
    blank = Instrument.objects.get(title="Blank")
    assert r.url == f"/surveys/instruments/{blank.pk}/" and not blank.questions.exists()
    assert "No questions yet" in boss_client.get(r.url).content.decode()
