"""Answering through the page and the API: once per round, changeable until close; bad input is a clear
error and changes nothing."""

from __future__ import annotations

import pytest

from ripple.notifications.models import Notification
from ripple.surveys.models import Answer, AnswerSet, Participant
from tests.surveys.conftest import people, qid, send

pytestmark = pytest.mark.django_db


def full(r, **over):
    out = {
        str(qid(r, k)): 4
        for k in ("skill", "confidence_new", "confidence_judge", "check_output", "safe_to_share_fail")
    }
    out[str(qid(r, "frequency"))] = "Weekly"
    out.update({str(qid(r, k)): v for k, v in over.items()})
    return out


def form(r, **over):
    data = {f"q{k}": v for k, v in full(r).items()}
    data.update({f"q{qid(r, k)}": v for k, v in over.items()})
    return data


def nothing_stored(r, person):
    return (
        not AnswerSet.objects.filter(round=r).exists()
        and not Answer.objects.exists()
        and not (Participant.objects.get(round=r, user=person).answered)
    )


def test_answer_on_the_page_then_it_leaves_my_open_list(boss, member, member_client):
    r = send(boss, closed=False, audience="people", people=[member], title="Spring pulse")
    assert Notification.objects.filter(recipient=member, kind="survey_open").count() == 1
    index = member_client.get("/surveys/").content.decode()
    assert "Spring pulse" in index and ">Answer<" in index
    assert ">1<" in member_client.get("/surveys/badge/").content.decode()
    page = member_client.get(f"/surveys/rounds/{r.pk}/")
    assert page.status_code == 200 and "Just starting" in page.content.decode()
    response = member_client.post(f"/surveys/rounds/{r.pk}/", form(r, uses=["Other", "Analysing data"]))
    assert response.status_code == 302
    assert Participant.objects.get(round=r, user=member).answered
    assert AnswerSet.objects.filter(round=r).count() == 1
    assert "aria-label" not in member_client.get("/surveys/badge/").content.decode()
    index = member_client.get("/surveys/").content.decode()
    assert "Answered" in index and "Change answers" in index
    # change my answers: the form shows my own answers, the change replaces them
    page = member_client.get(f"/surveys/rounds/{r.pk}/").content.decode()
    assert f'name="q{qid(r, "skill")}" value="4" checked' in page
    member_client.post(f"/surveys/rounds/{r.pk}/", form(r, skill="2"))
    assert AnswerSet.objects.filter(round=r).count() == 1
    assert Answer.objects.get(question_id=qid(r, "skill")).number == 2


def test_api_answer_change_and_my_surveys(boss, member, api):
    r = send(boss, closed=False, audience="people", people=[member])
    assert [x["id"] for x in api.get("/api/v1/me/surveys").json()["items"]] == [r.pk]
    detail = api.get(f"/api/v1/rounds/{r.pk}").json()
    assert detail["answered"] is False and len(detail["questions"]) == 8
    assert api.post(f"/api/v1/rounds/{r.pk}/responses", {"answers": full(r)}).status_code == 201
    assert api.get("/api/v1/me/surveys").json()["items"][0]["answered"] is True
    twice = api.post(f"/api/v1/rounds/{r.pk}/responses", {"answers": full(r)})
    assert twice.status_code == 422 and "already answered" in twice.json()["errors"]["round"][0]
    changed = api.post(f"/api/v1/rounds/{r.pk}/responses", {"answers": full(r, skill=1), "replace": True})
    assert changed.status_code == 201 and AnswerSet.objects.count() == 1
    assert Answer.objects.get(question_id=qid(r, "skill")).number == 1


@pytest.mark.parametrize(
    ("over", "field", "message"),
    [
        ({"skill": 6}, "skill", "from 1 to 5"),
        ({"skill": 0}, "skill", "from 1 to 5"),
        ({"skill": "4"}, "skill", "from 1 to 5"),
        ({"skill": True}, "skill", "from 1 to 5"),
        ({"skill": 2.5}, "skill", "from 1 to 5"),
        ({"frequency": "Hourly"}, "frequency", "listed options"),
        ({"frequency": ["Daily"]}, "frequency", "listed options"),
        ({"uses": "Other"}, "uses", "list"),
        ({"uses": ["Other", "Other"]}, "uses", "each once"),
        ({"uses": ["Gardening"]}, "uses", "listed options"),
        ({"help_wanted": 5}, "help_wanted", "as text"),
        ({"help_wanted": "x" * 2001}, "help_wanted", "under 2000"),
        ({"skill": None}, "skill", "needs an answer"),
    ],
)
def test_out_of_range_or_wrong_kind_answers(boss, member, api, over, field, message):
    r = send(boss, closed=False, audience="people", people=[member])
    response = api.post(f"/api/v1/rounds/{r.pk}/responses", {"answers": full(r, **over)})
    assert response.status_code == 422
    assert message in response.json()["errors"][str(qid(r, field))][0]
    assert nothing_stored(r, member)


def test_unknown_question_and_not_an_object(boss, member, api):
    r = send(boss, closed=False, audience="people", people=[member])
    response = api.post(f"/api/v1/rounds/{r.pk}/responses", {"answers": {**full(r), "999999": 3}})
    assert response.status_code == 422 and "999999" in response.json()["errors"]["answers"][0]
    assert api.post(f"/api/v1/rounds/{r.pk}/responses", {"answers": [1, 2]}).status_code == 422
    assert api.post(f"/api/v1/rounds/{r.pk}/responses", "nonsense").status_code in (400, 422)
    assert nothing_stored(r, member)


def test_closed_round_and_not_addressed_to_me(boss, member, api, other_member):
    closed = send(boss, closed=True, audience="people", people=[member])
    response = api.post(f"/api/v1/rounds/{closed.pk}/responses", {"answers": full(closed)})
    assert response.status_code == 422 and "closed" in response.json()["errors"]["round"][0]
    assert nothing_stored(closed, member)
    theirs = send(boss, closed=False, audience="people", people=[other_member])
    assert api.post(f"/api/v1/rounds/{theirs.pk}/responses", {"answers": full(theirs)}).status_code == 404
    assert api.get(f"/api/v1/rounds/{theirs.pk}").status_code == 404
    assert not AnswerSet.objects.filter(round=theirs).exists()


def test_page_shows_errors_next_to_questions_and_keeps_nothing(boss, member, member_client):
    r = send(boss, closed=False, audience="people", people=[member])
    data = form(r)
    data.pop(f"q{qid(r, 'skill')}")
    response = member_client.post(f"/surveys/rounds/{r.pk}/", data)
    assert response.status_code == 400 and "This question needs an answer." in response.content.decode()
    assert nothing_stored(r, member)
    bad = member_client.post(f"/surveys/rounds/{r.pk}/", form(r, skill="99"))
    assert bad.status_code == 400 and "from 1 to 5" in bad.content.decode()


def test_scheduled_round_cannot_be_answered_yet(boss, member, api):
    from datetime import timedelta

    from django.utils import timezone

    from ripple.surveys import actions

    start = timezone.now() + timedelta(days=2)
    r = actions.round_create(
        actor=boss,
        instrument=actions.ensure_builtin_instrument(),
        title="Later",
        opens_at=start,
        closes_at=start + timedelta(days=7),
        audience="people",
        people=[member],
    )
    response = api.post(f"/api/v1/rounds/{r.pk}/responses", {"answers": full(r)})
    assert response.status_code == 422 and "not open yet" in response.json()["errors"]["round"][0]
    assert not Notification.objects.filter(recipient=member).exists()  # announced when it opens


def test_many_answer_at_once_each_once(boss):
    crowd = people(3)
    r = send(boss, closed=False, audience="people", people=crowd)
    from ripple.surveys import actions

    for p in crowd:
        actions.submit_answers(actor=p, round_=r, answers=full(r))
    assert (
        AnswerSet.objects.filter(round=r).count() == 3
        and Participant.objects.filter(round=r, answered=True).count() == 3
    )
