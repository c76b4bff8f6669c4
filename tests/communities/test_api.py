from __future__ import annotations

import pytest

from ripple.communities import actions
from ripple.communities.models import Community, Endorsement
from ripple.feed.models import Post
from ripple.spaces import access as space_access
from tests.communities.conftest import make_community

pytestmark = pytest.mark.django_db


def test_crud_join_leave_over_the_api(api, member, lead):
    created = api.post(
        "/api/v1/communities", {"name": "API folks", "purpose": "Automate.", "visibility": "open"}
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["member_count"] == 1 and body["visibility"] == "open" and body["endorsed"] is False
    cid = body["id"]
    assert (
        api.patch(f"/api/v1/communities/{cid}", {"purpose": "Automate all."}).json()["purpose"]
        == "Automate all."
    )
    other = make_community(lead, name="Other one")
    assert api.post(f"/api/v1/communities/{other.pk}/join", {}).json() == {"status": "member"}
    assert api.get(f"/api/v1/communities/{other.pk}/members").json()["items"][0]["role"] == "lead"
    posted = api.post(f"/api/v1/communities/{other.pk}/posts", {"title": "Hello", "body": "there"})
    assert posted.status_code == 201 and Post.objects.get().space_id == other.space_id
    assert api.get(f"/api/v1/communities/{other.pk}/posts").json()["items"][0]["title"] == "Hello"
    prompt = api.post(f"/api/v1/communities/{other.pk}/prompts", {"title": "P", "body": "Do {{x}}"})
    assert prompt.status_code == 201
    assert [p["title"] for p in api.get(f"/api/v1/communities/{other.pk}/prompts").json()["items"]] == ["P"]
    assert api.post(f"/api/v1/communities/{other.pk}/leave", {}).status_code == 204
    assert not space_access.is_member(member, other.space)
    assert api.delete(f"/api/v1/communities/{cid}").status_code == 204
    assert [c["name"] for c in api.get("/api/v1/communities").json()["items"]] == ["Other one"]


@pytest.mark.parametrize(
    "payload",
    [
        {"name": "", "purpose": "x"},
        {"name": "x"},
        {"name": "x", "purpose": "y", "visibility": "secret"},
        {"name": "x" * 121, "purpose": "y"},
        {"name": "x", "purpose": "y", "lead_ids": [999999]},
        {"name": "x", "purpose": "y", "lead_ids": [2**70]},
        [],
    ],
)
def test_bad_creates_are_422_and_change_nothing(api, payload):
    response = api.post("/api/v1/communities", payload)
    assert response.status_code in (400, 422), response.content
    assert not Community.objects.exists()


def test_endorse_over_the_api_admins_only(client, api, admin_user, lead, open_community):
    assert api.post(f"/api/v1/communities/{open_community.pk}/endorse", {"note": "x"}).status_code == 403
    client.force_login(admin_user)
    url = f"/api/v1/communities/{open_community.pk}/endorse"
    bad = client.post(url, {"hours_per_month": -3}, content_type="application/json")
    assert bad.status_code == 422 and not Endorsement.objects.exists()
    ok = client.post(url, {"hours_per_month": 4, "note": "Backed"}, content_type="application/json")
    assert ok.status_code == 200 and ok.json()["endorsed_by"]["name"] == "Ada Admin"
    assert client.get(f"/api/v1/communities/{open_community.pk}").json()["endorsed"] is True
    gone = client.delete(url, {"reason": "Done"}, content_type="application/json")
    assert gone.status_code == 200 and gone.json()["withdrawn_at"]
    assert client.delete(url).status_code == 422


def test_private_join_by_token_and_approval(api, member, lead, private):
    assert api.get(f"/api/v1/communities/{private.pk}").status_code == 404
    assert api.post(f"/api/v1/communities/{private.pk}/join", {}).status_code == 404
    assert api.post(f"/api/v1/communities/{private.pk}/join", {"token": "wrong"}).status_code == 404
    asked = api.post(f"/api/v1/communities/{private.pk}/join", {"token": private.request_token})
    assert asked.json() == {"status": "requested"}
    request = private.requests.get()
    actions.approve(actor=lead, request=request)
    assert api.get(f"/api/v1/communities/{private.pk}").status_code == 200
    assert api.get(f"/api/v1/communities/{private.pk}/requests").status_code == 403


def test_unknown_and_malformed_ids(api):
    assert api.get("/api/v1/communities/999999").status_code == 404
    assert api.get("/api/v1/communities/abc").status_code == 422
    assert api.post("/api/v1/communities/999999/join", {}).status_code == 404


def test_the_list_query_count_is_flat(api, lead, admin_user, queries):
    make_community(lead, name="Zero")

    def grow():
        for i in range(5):
            actions.endorse(actor=admin_user, community=make_community(lead, name=f"C{i}"), note="Backed")

    api.get("/api/v1/communities")  # the token's first use of the day is written once
    queries.flat(lambda: queries.count(api, "/api/v1/communities"), grow, exactly=3)
