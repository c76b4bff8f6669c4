"""The library's REST endpoints, with a personal token."""

from __future__ import annotations

import pytest

from ripple.library import actions
from ripple.library.models import Prompt
from tests.factories import DepartmentFactory, UserFactory
from tests.library.factories import make_prompt

pytestmark = pytest.mark.django_db


def test_create_get_patch_versions(api, member):
    response = api.post(
        "/api/v1/prompts",
        {
            "title": "Explain a SQL query",
            "body": "Explain this query to a {{audience:new analyst|manager}}:\n{{query}}",
            "tools": ["claude"],
            "tags": ["sql"],
            "examples": [{"input": "SELECT 1", "output": "It returns one."}],
        },
    )
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["tools"] == ["Claude"] and data["version"] == 1 and data["owner"]["id"] == member.pk
    assert data["variables"][0] == {
        "name": "audience",
        "default": "new analyst",
        "choices": ["new analyst", "manager"],
    }
    url = f"/api/v1/prompts/{data['id']}"
    assert api.get(url).json()["examples"][0]["changes"] == ""
    patched = api.patch(url, {"check_output": "Run it on a sample first.", "note": "Adds a check"}).json()
    assert patched["version"] == 2 and patched["has_check_output"] is True
    versions = api.get(url + "/versions").json()
    assert [v["number"] for v in versions] == [2, 1] and versions[0]["note"] == "Adds a check"


def test_validation_errors_are_422_per_field(api):
    response = api.post("/api/v1/prompts", {"title": "Bad", "body": "Hi {{", "tools": ["Bard"]})
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert "Line 1, column 4" in errors["body"][0] and "tools" in errors


def test_list_search_and_privacy(api, member):
    legal = DepartmentFactory(name="Legal")
    other = UserFactory(department=legal)
    make_prompt(other, title="NDA redlines", body="Redline this contract")
    make_prompt(
        other, title="Legal-only contract checklist", body="contract checklist", visibility="department"
    )
    listed = api.get("/api/v1/prompts").json()
    assert [p["title"] for p in listed["items"]] == ["NDA redlines"]
    found = api.get("/api/v1/prompts", {"search": "contract"}).json()
    assert [p["title"] for p in found["items"]] == ["NDA redlines"] and "<mark>" in found["items"][0][
        "snippet"
    ]
    hidden = Prompt.objects.get(visibility="department")
    for path in ("", "/versions", "/suggestions"):
        assert api.get(f"/api/v1/prompts/{hidden.pk}{path}").status_code == 404
    assert api.post(f"/api/v1/prompts/{hidden.pk}/reuses", {"minutes_saved": 5}).status_code == 404
    assert api.post(f"/api/v1/prompts/{hidden.pk}/fork", {}).status_code == 404


def test_fork_reuse_rate_suggest(api, member, other_member):
    prompt = make_prompt(other_member)
    fork = api.post(f"/api/v1/prompts/{prompt.pk}/fork", {"title": "My take"})
    assert fork.status_code == 201 and fork.json()["forked_from"]["id"] == prompt.pk
    reuse = api.post(f"/api/v1/prompts/{prompt.pk}/reuses", {"minutes_saved": 20, "note": "pipeline review"})
    assert reuse.status_code == 201 and reuse.json()["minutes_saved"] == 20
    assert api.post(f"/api/v1/prompts/{prompt.pk}/reuses", {"minutes_saved": 9999}).status_code == 422
    rating = api.put(f"/api/v1/prompts/{prompt.pk}/rating", {"stars": 5}).json()
    assert rating["rating_avg"] == 5.0 and rating["rating_count"] == 1
    suggestion = api.post(f"/api/v1/prompts/{prompt.pk}/suggestions", {"body": prompt.body + "\nBe brief."})
    assert suggestion.status_code == 201 and suggestion.json()["status"] == "open"
    # only the owner resolves
    sid = suggestion.json()["id"]
    assert api.post(f"/api/v1/suggestions/{sid}/accept", {}).status_code == 403
    actions.suggestion_accept(actor=other_member, suggestion=prompt.suggestions.get())
    assert api.get(f"/api/v1/prompts/{prompt.pk}").json()["version"] == 2


def test_patch_someone_elses_prompt_is_403(api, other_member):
    prompt = make_prompt(other_member)
    assert api.patch(f"/api/v1/prompts/{prompt.pk}", {"title": "Mine now"}).status_code == 403


def test_suggestion_accept_and_decline_endpoints(client, member, other_member):
    from ripple.people import actions as people_actions

    prompt = make_prompt(member)
    first = actions.suggestion_create(
        actor=other_member, prompt=prompt, title=prompt.title, body=prompt.body + " A"
    )
    second = actions.suggestion_create(
        actor=other_member, prompt=prompt, title=prompt.title, body=prompt.body + " B"
    )
    _token, raw = people_actions.token_create(user=member, name="t")
    headers = {"Authorization": f"Bearer {raw}"}
    accepted = client.post(
        f"/api/v1/suggestions/{first.pk}/accept",
        {"response": "Great"},
        content_type="application/json",
        headers=headers,
    )
    assert accepted.status_code == 200 and accepted.json()["status"] == "accepted"
    declined = client.post(
        f"/api/v1/suggestions/{second.pk}/decline",
        {"response": "Too long"},
        content_type="application/json",
        headers=headers,
    )
    assert declined.status_code == 200 and declined.json()["status"] == "declined"
    prompt.refresh_from_db()
    assert prompt.version == 2 and prompt.body.endswith(" A")
    assert (
        client.post(
            "/api/v1/suggestions/999999/accept", {}, content_type="application/json", headers=headers
        ).status_code
        == 404
    )


def test_delete_prompt_owner_only_and_gone_after(api, member, other_member, client):
    mine, theirs = make_prompt(member, title="Mine to delete"), make_prompt(other_member, title="Not mine")
    assert api.delete(f"/api/v1/prompts/{theirs.pk}").status_code == 403
    assert api.delete(f"/api/v1/prompts/{mine.pk}").status_code == 204
    assert api.get(f"/api/v1/prompts/{mine.pk}").status_code == 404
    assert [p["title"] for p in api.get("/api/v1/prompts").json()["items"]] == ["Not mine"]
    assert api.delete(f"/api/v1/prompts/{mine.pk}").status_code == 404


def test_delete_from_the_page_asks_first(member_client, member):
    prompt = make_prompt(member, title="Page delete")
    url = f"/library/prompts/{prompt.pk}/delete/"
    assert "Delete “Page delete”?" in member_client.get(url).content.decode()
    assert member_client.post(url).status_code == 302
    assert member_client.get(prompt.get_absolute_url()).status_code == 404


def test_collections_api_list_and_create(api, member, other_member):
    public = make_prompt(other_member, title="Public one")
    private = make_prompt(other_member, title="Private one", visibility="private")
    created = api.post(
        "/api/v1/collections",
        {"title": "Sales starter pack", "description": "Day one", "prompt_ids": [public.pk]},
    )
    assert created.status_code == 201
    body = created.json()
    assert (
        body["title"] == "Sales starter pack"
        and body["prompt_count"] == 1
        and body["owner"]["id"] == member.pk
    )
    assert api.post("/api/v1/collections", {"title": "Sneaky", "prompt_ids": [private.pk]}).status_code == 404
    assert api.post("/api/v1/collections", {"title": ""}).status_code == 422
    listed = api.get("/api/v1/collections").json()
    assert set(listed) == {"items", "next"} and [c["title"] for c in listed["items"]] == [
        "Sales starter pack"
    ]
