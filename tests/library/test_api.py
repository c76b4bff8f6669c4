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
    assert api.post(f"/api/v1/prompts/{hidden.pk}/reuse", {"minutes_saved": 5}).status_code == 404
    assert api.post(f"/api/v1/prompts/{hidden.pk}/fork", {}).status_code == 404


def test_fork_reuse_rate_suggest(api, member, other_member):
    prompt = make_prompt(other_member)
    fork = api.post(f"/api/v1/prompts/{prompt.pk}/fork", {"title": "My take"})
    assert fork.status_code == 201 and fork.json()["forked_from"]["id"] == prompt.pk
    reuse = api.post(f"/api/v1/prompts/{prompt.pk}/reuse", {"minutes_saved": 20, "note": "pipeline review"})
    assert reuse.status_code == 201 and reuse.json()["minutes_saved"] == 20
    assert api.post(f"/api/v1/prompts/{prompt.pk}/reuse", {"minutes_saved": 9999}).status_code == 422
    rating = api.put(f"/api/v1/prompts/{prompt.pk}/rating", {"stars": 5}).json()
    assert rating["rating_avg"] == 5.0 and rating["rating_count"] == 1
    suggestion = api.post(f"/api/v1/prompts/{prompt.pk}/suggestions", {"body": prompt.body + "\nBe brief."})
    assert suggestion.status_code == 201 and suggestion.json()["status"] == "open"
    # only the owner resolves
    sid = suggestion.json()["id"]
    assert (
        api.post(f"/api/v1/prompts/{prompt.pk}/suggestions/{sid}", {"decision": "accept"}).status_code == 403
    )
    actions.suggestion_accept(actor=other_member, suggestion=prompt.suggestions.get())
    assert api.get(f"/api/v1/prompts/{prompt.pk}").json()["version"] == 2


def test_patch_someone_elses_prompt_is_403(api, other_member):
    prompt = make_prompt(other_member)
    assert api.patch(f"/api/v1/prompts/{prompt.pk}", {"title": "Mine now"}).status_code == 403
