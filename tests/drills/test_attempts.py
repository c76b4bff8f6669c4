"""Doing a drill through the page and the API: scored against the key, locked once submitted; bad input
(an attempt after seeing the key, a span outside the text, confidence outside 50–100) is a clear error
and changes nothing."""

from __future__ import annotations

import pytest

from ripple.drills.models import Attempt, Drill, KeyView, Mark
from tests.drills.conftest import OUTPUT, SECRET, attempt, span
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_api_attempt_is_scored_and_answers_with_the_key(api, member, drill):
    marks = [
        {**span("40% drop"), "reason": "5 to 4 is 20%"},
        {"quote": "annual plans churn less", "reason": "no data for this"},
    ]
    r = api.post(f"/api/v1/drills/{drill.pk}/attempts", {"marks": marks, "confidence": 90})
    assert r.status_code == 201, r.json()
    body = r.json()
    assert (body["found"], body["missed"], body["false_alarms"]) == (1, 1, 1)
    assert body["score"] == pytest.approx(1 / 3, abs=0.001)
    assert [m["outcome"] for m in body["marks"]] == ["found", "false_alarm"]
    assert body["marks"][0]["flaw_position"] == 1
    assert [f["found"] for f in body["key"]] == [True, False]
    assert SECRET in body["key"][1]["explanation"]
    assert api.get(f"/api/v1/drills/{drill.pk}/attempts/mine").json()["id"] == body["id"]
    detail = api.get(f"/api/v1/drills/{drill.pk}").json()
    assert detail["status"] == "attempted" and len(detail["key"]) == 2
    drill.refresh_from_db()
    assert drill.attempt_count == 1


def test_a_second_attempt_is_refused_and_changes_nothing(api, member, drill):
    attempt(member, drill, [span("40%")], confidence=60)
    r = api.post(f"/api/v1/drills/{drill.pk}/attempts", {"marks": [], "confidence": 99})
    assert r.status_code == 422
    assert "already submitted" in r.json()["errors"]["drill"][0]
    mine = Attempt.objects.get()
    assert (mine.confidence, mine.found, Mark.objects.count()) == (60, 1, 1)
    assert Drill.objects.get().attempt_count == 1


def test_an_attempt_after_seeing_the_key_is_refused(api, member, drill):
    revealed = api.post(f"/api/v1/drills/{drill.pk}/reveal")
    assert revealed.status_code == 200 and revealed.json()["status"] == "gave_up"
    assert len(revealed.json()["key"]) == 2
    r = api.post(f"/api/v1/drills/{drill.pk}/attempts", {"marks": [span("40%")], "confidence": 80})
    assert r.status_code == 422
    assert "seen the key" in r.json()["errors"]["drill"][0]
    assert not Attempt.objects.exists() and KeyView.objects.count() == 1


def test_the_author_cannot_attempt_their_own_drill(client, fay, drill):
    client.force_login(fay)
    r = client.post(f"/drills/{drill.pk}/", {"confidence": "80", "quote_1": "40%"})
    assert r.status_code == 400
    page = r.content.decode()
    assert "You wrote this drill" in page and "Submit my attempt" not in page
    assert not Attempt.objects.exists()


@pytest.mark.parametrize(
    ("mark", "message"),
    [
        ({"start": 5, "end": 5000}, "outside the text"),
        ({"start": -1, "end": 3}, "outside the text"),
        ({"start": 10, "end": 4}, "outside the text"),
        ({"start": 3}, "give both start and end"),
        ({"quote": "not in the output"}, "does not appear"),
        ({"lines": "9-12"}, "are not in the text"),
        ({"reason": "somewhere"}, "say where"),
    ],
)
def test_a_mark_outside_the_text_is_refused(api, member, drill, mark, message):
    r = api.post(f"/api/v1/drills/{drill.pk}/attempts", {"marks": [mark], "confidence": 80})
    assert r.status_code == 422
    assert message in " ".join(r.json()["errors"]["marks"])
    assert not Attempt.objects.exists() and not Mark.objects.exists()


@pytest.mark.parametrize("confidence", [49, 101, 0, -5, 1000])
def test_confidence_outside_50_to_100_is_refused(api, member, drill, confidence):
    r = api.post(f"/api/v1/drills/{drill.pk}/attempts", {"marks": [], "confidence": confidence})
    assert r.status_code == 422
    assert "between 50 and 100" in r.json()["errors"]["confidence"][0]
    assert not Attempt.objects.exists()


def test_confidence_must_be_a_number(api, member, drill):
    r = api.post(f"/api/v1/drills/{drill.pk}/attempts", {"marks": [], "confidence": "sure"})
    assert r.status_code == 422
    assert "confidence" in r.json()["errors"]
    assert not Attempt.objects.exists()


def test_page_form_without_script_quotes_and_line_numbers(member_client, member, drill):
    r = member_client.post(
        f"/drills/{drill.pk}/",
        {
            "confidence": "75",
            "quote_1": "a 40% drop",
            "reason_1": "wrong maths",
            "lines_2": "3",
            "reason_2": "?",
        },
    )
    assert r.status_code == 302
    mine = Attempt.objects.get()
    assert (mine.found, mine.false_alarms, mine.confidence) == (1, 1, 75)
    lines = [m.start for m in Mark.objects.order_by("start")]
    assert lines[1] == OUTPUT.index("Customers")
    page = member_client.get(f"/drills/{drill.pk}/").content.decode()
    assert "Found 1 of 2" in page and SECRET in page and "false alarm" in page


def test_page_form_with_script_offsets(member_client, member, drill):
    s = span("Gartner's 2021 report")
    r = member_client.post(
        f"/drills/{drill.pk}/",
        {
            "confidence": "95",
            "mark_start": [str(s["start"])],
            "mark_end": [str(s["end"])],
            "mark_reason": ["made up"],
        },
    )
    assert r.status_code == 302
    assert Attempt.objects.get().found == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"confidence": "120", "quote_1": "40%"}, "between 50 and 100"),
        ({"confidence": "", "quote_1": "40%"}, "Say how sure you are"),
        ({"confidence": "80", "mark_start": ["2"], "mark_end": ["99999"]}, "outside the text"),
        ({"confidence": "80", "lines_1": "abc"}, "are not in the text"),
    ],
)
def test_page_form_bad_input_shows_the_error_and_keeps_the_key_hidden(member_client, drill, data, message):
    r = member_client.post(f"/drills/{drill.pk}/", data)
    assert r.status_code == 400
    page = r.content.decode()
    assert message in page and SECRET not in page
    assert "Submit my attempt" in page
    assert not Attempt.objects.exists()


def test_a_drill_with_no_flaws_scores_a_clean_attempt_as_full(api, fay, member):
    from tests.drills.conftest import make_drill

    clean = make_drill(fay, flaws=[])
    body = api.post(f"/api/v1/drills/{clean.pk}/attempts", {"marks": [], "confidence": 70}).json()
    assert body["score"] == 1 and body["key"] == []


def test_two_people_attempt_independently(drill):
    a, b = UserFactory(), UserFactory()
    attempt(a, drill, [span("40%")], 90)
    attempt(b, drill, [], 50)
    assert sorted(Attempt.objects.values_list("found", flat=True)) == [0, 1]
    assert Drill.objects.get().attempt_count == 2


def test_a_refused_form_keeps_the_scripts_marks(member_client, drill):
    s = span("a 40% drop")
    data = {
        "confidence": "30",
        "mark_start": [str(s["start"])],
        "mark_end": [str(s["end"])],
        "mark_reason": ["x"],
    }
    page = member_client.post(f"/drills/{drill.pk}/", data).content.decode()
    assert f'name="mark_start" value="{s["start"]}"' in page and "<q>a 40% drop</q>" in page
    assert not Attempt.objects.exists()
