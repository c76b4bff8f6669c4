from __future__ import annotations

import pytest

from ripple.people import actions
from tests.factories import DepartmentFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_me_with_bearer_token(api, member):
    response = api.get("/api/v1/me")
    assert response.status_code == 200
    body = response.json()
    assert (
        body["email"] == member.email and body["id"] == member.pk and body["url"] == f"/people/{member.pk}/"
    )


@pytest.mark.parametrize("header", [None, "Bearer nope", "Bearer rpl_unknown", "Basic abc", "Bearer "])
def test_missing_or_bad_token_is_401_json(client, db, header):
    headers = {"Authorization": header} if header else {}
    response = client.get("/api/v1/me", headers=headers)
    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/json")
    assert "token" in response.json()["detail"]


def test_revoked_token_is_401(client, member):
    token, raw = actions.token_create(user=member, name="x")
    actions.token_revoke(actor=member, token=token)
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {raw}"}).status_code == 401


def test_deactivated_persons_token_is_401(client, member, admin_user):
    _token, raw = actions.token_create(user=member, name="x")
    actions.user_set_active(actor=admin_user, person=member, active=False)
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {raw}"}).status_code == 401


def test_bad_token_is_401_even_with_a_browser_session(member_client):
    assert member_client.get("/api/v1/me").status_code == 200  # the docs page uses the session
    assert member_client.get("/api/v1/me", headers={"Authorization": "Bearer rpl_wrong"}).status_code == 401


def test_tokens_are_hashed_at_rest_and_track_last_use(api, member, api_token):
    stored = member.api_tokens.get()
    assert api_token not in (stored.token_hash, stored.prefix) and stored.token_hash != api_token
    assert stored.last_used_at is None
    api.get("/api/v1/me")
    stored.refresh_from_db()
    assert stored.last_used_at is not None


def test_people_list_shape_search_filter_and_cursor(api, member):
    legal = DepartmentFactory(name="Legal")
    for i in range(5):
        UserFactory(name=f"Lawyer {i}", department=legal, skills="contract review")
    body = api.get("/api/v1/people", {"limit": 2}).json()
    assert set(body) == {"items", "next"} and len(body["items"]) == 2 and body["next"]
    names = [p["name"] for p in body["items"]]
    while body["next"]:
        body = api.get("/api/v1/people", {"limit": 2, "cursor": body["next"]}).json()
        names += [p["name"] for p in body["items"]]
    assert len(names) == 6 and names == sorted(names)
    body = api.get("/api/v1/people", {"department": legal.pk}).json()
    assert {p["department"]["name"] for p in body["items"]} == {"Legal"} and body["next"] is None
    body = api.get("/api/v1/people", {"search": "contract"}).json()
    assert len(body["items"]) == 5


def test_people_bad_cursor_and_bad_params(api):
    assert api.get("/api/v1/people", {"cursor": "not-a-cursor"}).status_code == 400
    assert api.get("/api/v1/people", {"department": "abc"}).status_code == 422


def test_openapi_and_docs(client, member_client):
    spec = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/me" in spec["paths"] and "/api/v1/people" in spec["paths"]
    assert spec["components"]["securitySchemes"]
    assert member_client.get("/api/v1/docs").status_code == 200


@pytest.mark.parametrize("people", [1, 30])
def test_people_api_query_count_is_constant(api, django_assert_num_queries, people):
    for _ in range(people):
        UserFactory()
    # token lookup (with the person), its last-used stamp (first use), the rate count, the page
    with django_assert_num_queries(4):
        api.get("/api/v1/people")


def test_departments_list_ids_people_and_teams(api, member, django_assert_max_num_queries):
    from tests.factories import TeamFactory

    legal = DepartmentFactory(name="Legal")
    TeamFactory(name="Contracts", department=legal)
    UserFactory(name="Lena Lawyer", department=legal)
    UserFactory(name="Gone", department=legal, is_active=False)
    DepartmentFactory(name="Finance")
    with django_assert_max_num_queries(5):  # auth (token + touch) + rate count + departments + teams
        body = api.get("/api/v1/departments").json()
    by_name = {d["name"]: d for d in body["items"]}
    assert by_name["Legal"] == {"id": legal.pk, "name": "Legal", "people": 1, "teams": ["Contracts"]}
    assert by_name["Finance"]["people"] == 0 and body["next"] is None
    # The id is what the people filter takes: the README's example, end to end.
    people = api.get("/api/v1/people", {"department": legal.pk}).json()["items"]
    assert [p["name"] for p in people] == ["Lena Lawyer"]
    first = api.get("/api/v1/departments", {"limit": 1}).json()
    assert len(first["items"]) == 1 and first["next"]
    rest = api.get("/api/v1/departments", {"limit": 1, "cursor": first["next"]}).json()
    assert rest["items"][0]["name"] != first["items"][0]["name"]
    assert api.get("/api/v1/departments", {"cursor": "nope"}).status_code == 400
