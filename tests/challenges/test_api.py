"""The API: the same rules as the pages, 422 with a reason for bad input, nothing changed."""

from __future__ import annotations

import pytest

from ripple.challenges import actions, selectors
from ripple.challenges.models import Challenge, EntryKind, Score, Submission, Vote
from ripple.people import actions as people_actions
from tests.challenges.conftest import enter, make_challenge, set_phase
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _payload(**extra):
    data = {
        "title": "API promptathon", "brief": "Build it", "submissions_open_at": "2030-01-01T09:00:00Z",
        "submissions_close_at": "2030-01-05T09:00:00Z", "voting_open_at": "2030-01-04T09:00:00Z",
        "voting_close_at": "2030-01-08T09:00:00Z", "criteria": [{"name": "Usefulness"}],
    }  # fmt: skip
    data.update(extra)
    return data


@pytest.fixture
def fac_api(client, facilitator):
    _t, raw = people_actions.token_create(user=facilitator, name="t")
    headers = {"Authorization": f"Bearer {raw}"}

    class Api:
        def get(self, path):
            return client.get(path, headers=headers)

        def post(self, path, data):
            return client.post(path, data, content_type="application/json", headers=headers)

    return Api()


def test_create_and_read(fac_api, api, facilitator, member):
    response = fac_api.post("/api/v1/challenges", _payload(judge_ids=[member.pk]))
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["criteria"][0]["name"] == "Usefulness" and body["judges"][0]["id"] == member.pk
    assert body["phase"] == "upcoming" and body["collection_id"]
    assert api.get(f"/api/v1/challenges/{body['id']}").json()["title"] == "API promptathon"
    assert [c["id"] for c in api.get("/api/v1/challenges").json()["items"]] == [body["id"]]


def test_member_may_not_create(api):
    assert api.post("/api/v1/challenges", _payload()).status_code == 403
    assert not Challenge.objects.exists()


@pytest.mark.parametrize(
    "extra, field",
    [
        ({"criteria": [{"name": f"C{i}"} for i in range(7)]}, "criteria"),
        ({"voting_close_at": "2030-01-04T10:00:00Z"}, "voting_close_at"),
        ({"voting_open_at": "2029-12-01T10:00:00Z"}, "voting_open_at"),
        ({"votes_per_member": 0}, "votes_per_member"),
        ({"judge_ids": [999999]}, "judge_ids"),
    ],
)
def test_bad_challenge_is_422(fac_api, extra, field):
    response = fac_api.post("/api/v1/challenges", _payload(**extra))
    assert response.status_code == 422
    assert field in response.json()["errors"]
    assert not Challenge.objects.exists()


def test_enter_and_list_with_votes_hidden_until_close(api, facilitator, member, people):
    challenge = make_challenge(facilitator)
    response = api.post(
        f"/api/v1/challenges/{challenge.pk}/submissions",
        {
            "title": "Mine",
            "new_prompt_title": "P",
            "new_prompt_body": "Prompt body",
            "demo_url": "https://x.test/d",
        },
    )
    assert response.status_code == 201, response.json()
    mine = response.json()
    assert len(mine["prompts"]) == 1 and mine["votes"] is None
    other = enter(challenge, people[0], title="Theirs")
    set_phase(challenge, "voting")
    assert api.post(f"/api/v1/submissions/{other.pk}/votes").json() == {
        "submission_id": other.pk, "voted": True, "votes_left": 2
    }  # fmt: skip
    items = api.get(f"/api/v1/challenges/{challenge.pk}/submissions").json()["items"]
    assert {i["votes"] for i in items} == {None}
    assert api.get(f"/api/v1/challenges/{challenge.pk}/results").status_code == 409
    set_phase(challenge, "closed")
    items = api.get(f"/api/v1/challenges/{challenge.pk}/submissions").json()["items"]
    assert {i["title"]: i["votes"] for i in items} == {"Mine": 0, "Theirs": 1}
    results = api.get(f"/api/v1/challenges/{challenge.pk}/results").json()
    assert results["people_choice"][0]["entry"]["title"] == "Theirs" and results["judges_ranking"] is None


def test_bad_entries_are_422(api, facilitator, member):
    challenge = make_challenge(facilitator)
    url = f"/api/v1/challenges/{challenge.pk}/submissions"
    assert "demo_url" in api.post(url, {"title": "X", "demo_url": "ftp://nope"}).json()["errors"]
    assert "title" in api.post(url, {"title": "  "}).json()["errors"]
    assert (
        "teammate_ids" in api.post(url, {"title": "X", "teammate_ids": [UserFactory().pk]}).json()["errors"]
    )
    set_phase(challenge, "voting")
    response = api.post(url, {"title": "Late"})
    assert response.status_code == 422 and "closed" in response.json()["errors"]["challenge"][0]
    assert not Submission.objects.exists()


def test_edit_until_the_deadline(api, facilitator, member):
    challenge = make_challenge(facilitator)
    entry = enter(challenge, member, title="One")
    response = api.put(f"/api/v1/submissions/{entry.pk}", {"title": "Two"})
    assert response.status_code == 200 and response.json()["title"] == "Two"
    set_phase(challenge, "voting")
    assert api.put(f"/api/v1/submissions/{entry.pk}", {"title": "Three"}).status_code == 422
    entry.refresh_from_db()
    assert entry.title == "Two"


def test_vote_refusals_are_422(api, facilitator, member, other_member, people):
    challenge = make_challenge(facilitator, entry_kind=EntryKind.TEAM, votes_per_member=1)
    mine = enter(challenge, other_member, title="Team", teammates=[member])
    a, b = (enter(challenge, p, title=f"E{i}") for i, p in enumerate(people[:2]))
    vote = lambda s: api.post(f"/api/v1/submissions/{s.pk}/votes")  # noqa: E731
    assert vote(a).status_code == 422  # before the window
    set_phase(challenge, "voting")
    refused = vote(mine)
    assert refused.status_code == 422 and "entry you are on" in refused.json()["errors"]["vote"][0]
    assert vote(a).status_code == 201
    assert "already voted" in vote(a).json()["errors"]["vote"][0]
    assert "used all 1" in vote(b).json()["errors"]["vote"][0]
    assert api.delete(f"/api/v1/submissions/{a.pk}/votes").json()["votes_left"] == 1
    assert api.delete(f"/api/v1/submissions/{a.pk}/votes").status_code == 422
    vote(b)
    set_phase(challenge, "closed")
    assert vote(a).status_code == 422 and api.delete(f"/api/v1/submissions/{b.pk}/votes").status_code == 422
    assert list(Vote.objects.values_list("submission_id", flat=True)) == [b.pk]


def test_scores(api, facilitator, member, people):
    challenge = make_challenge(facilitator, judges=[member])
    entry = enter(challenge, people[0])
    own = enter(challenge, member, title="Judge's own")
    set_phase(challenge, "voting")
    usefulness, craft = selectors.criteria(challenge)
    url = f"/api/v1/submissions/{entry.pk}/scores"
    for bad in (0, 6):
        response = api.post(url, {"scores": [{"criterion_id": usefulness.pk, "value": bad}]})
        assert response.status_code == 422 and "1 to 5" in response.json()["errors"]["scores"][0]
    assert api.post(url, {"scores": [{"criterion_id": 12345, "value": 3}]}).status_code == 422
    assert (
        api.post(
            f"/api/v1/submissions/{own.pk}/scores", {"scores": [{"criterion_id": usefulness.pk, "value": 5}]}
        ).status_code
        == 403
    )
    assert not Score.objects.exists()
    ok = api.post(
        url, {"scores": [{"criterion_id": usefulness.pk, "value": 4}, {"criterion_id": craft.pk, "value": 2}]}
    )
    assert ok.status_code == 200 and len(ok.json()) == 2


def test_non_judge_scoring_is_403(api, facilitator, people):
    challenge = make_challenge(facilitator, judges=[people[1]])
    entry = enter(challenge, people[0])
    set_phase(challenge, "voting")
    crit = selectors.criteria(challenge)[0]
    response = api.post(
        f"/api/v1/submissions/{entry.pk}/scores", {"scores": [{"criterion_id": crit.pk, "value": 3}]}
    )
    assert response.status_code == 403
    assert not Score.objects.exists()


def test_drafts_are_404_to_others(api, facilitator, people):
    challenge = make_challenge(facilitator)
    draft = enter(challenge, people[0], draft=True)
    assert api.get(f"/api/v1/submissions/{draft.pk}").status_code == 404
    assert api.get(f"/api/v1/challenges/{challenge.pk}/submissions").json()["items"] == []
    actions.submission_save(
        actor=people[0], challenge=challenge, submission=draft, data=actions.EntryInput(title="In")
    )
    assert api.get(f"/api/v1/submissions/{draft.pk}").status_code == 200
