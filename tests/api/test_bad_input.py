"""Bad input never gets a 500 from the API: a 4xx in the documented error shape, and nothing changes."""

from __future__ import annotations

import pytest

from ripple.feed.models import Kudos, Post
from ripple.library.models import Prompt, Reuse
from tests.factories import DepartmentFactory, UserFactory
from tests.library.factories import make_prompt

BIG = 2**63  # one past the largest 64-bit signed integer
NUL = "Nul\x00here"
SURROGATE = "lone \ud8a6 surrogate"


def _error_names(response, field: str) -> None:
    body = response.json()
    assert isinstance(body["detail"], str), body
    assert field in body["errors"], body


def _post_without_body(client, path, api):
    """POST as `curl -X POST` sends it: no body and no content type."""
    return client.generic("POST", path, b"", content_type="", headers=api.headers)


@pytest.fixture
def own_prompt(member):
    return make_prompt(owner=member, tags=["sales"], tools=["ChatGPT"])


@pytest.mark.parametrize("text", [NUL, SURROGATE], ids=["nul", "surrogate"])
def test_text_with_nul_or_lone_surrogate_is_a_422_naming_the_field(api, text):
    response = api.post("/api/v1/posts", {"kind": "tip", "title": text, "body": "fine"})
    assert response.status_code == 422
    _error_names(response, "title")
    response = api.post("/api/v1/prompts", {"title": "fine", "body": "fine", "tags": ["ok", text]})
    assert response.status_code == 422
    _error_names(response, "tags")
    assert not Post.objects.exists() and not Prompt.objects.exists()


@pytest.mark.parametrize("text", [NUL, SURROGATE], ids=["nul", "surrogate"])
def test_reuse_note_with_bad_text_is_refused(api, own_prompt, text):
    response = api.post(f"/api/v1/prompts/{own_prompt.pk}/reuses", {"minutes_saved": 5, "note": text})
    assert response.status_code == 422
    _error_names(response, "note")
    assert not Reuse.objects.exists()


@pytest.mark.parametrize("path", ["/api/v1/posts", "/api/v1/prompts", "/api/v1/people"])
def test_query_text_with_nul_is_refused(api, path):
    response = api.get(path, {"search": NUL})
    assert response.status_code == 422
    _error_names(response, "search")


@pytest.mark.parametrize("path", ["/api/v1/posts", "/api/v1/prompts", "/api/v1/people"])
def test_department_filter_beyond_64_bits_is_a_422(api, path):
    DepartmentFactory()
    response = api.get(path, {"department": str(BIG)})
    assert response.status_code == 422
    _error_names(response, "department")
    assert api.get(path, {"department": str(BIG - 1)}).status_code == 200


def test_kudos_to_beyond_64_bits_is_a_422(api, member):
    response = api.post("/api/v1/kudos", {"to": [BIG], "message": "Thanks!"})
    assert response.status_code == 422
    _error_names(response, "to")
    assert not Kudos.objects.exists()


@pytest.mark.parametrize(
    "path", ["/api/v1/prompts/{id}", "/api/v1/posts/{id}", "/api/v1/prompts/{id}/versions"]
)
def test_path_ids_beyond_64_bits_are_a_4xx(api, path):
    for value in (BIG, BIG * 10**10, -(BIG + 1)):
        response = api.get(path.format(id=value))
        assert response.status_code in (404, 422), response.content
        assert isinstance(response.json()["detail"], str)


@pytest.mark.parametrize("field", ["tools", "tags", "examples", "purpose", "check_output"])
def test_patch_with_null_clears_a_field_that_may_be_empty(api, own_prompt, field):
    response = api.patch(f"/api/v1/prompts/{own_prompt.pk}", {field: None})
    assert response.status_code == 200, response.content
    assert response.json()[field] in ([], "")


@pytest.mark.parametrize("field", ["title", "body", "visibility"])
def test_patch_with_null_for_a_required_field_is_a_422(api, own_prompt, field):
    response = api.patch(f"/api/v1/prompts/{own_prompt.pk}", {field: None})
    assert response.status_code == 422
    _error_names(response, field)
    own_prompt.refresh_from_db()
    assert own_prompt.title == "Summarise a customer call" and own_prompt.version == 1


def test_post_patch_with_null_is_not_a_500(api, member):
    post = api.post("/api/v1/posts", {"kind": "tip", "title": "A tip", "body": "x"}).json()
    for field in ("title", "body", "topics", "minutes_saved", "tool"):
        response = api.patch(f"/api/v1/posts/{post['id']}", {field: None})
        assert response.status_code in (200, 422), (field, response.content)


def test_reuse_with_a_json_array_body_is_a_422(api, own_prompt):
    response = api.post(f"/api/v1/prompts/{own_prompt.pk}/reuses", [1, 2])
    assert response.status_code == 422
    assert isinstance(response.json()["detail"], str)
    assert not Reuse.objects.exists()


@pytest.mark.parametrize("body", ["[]", "7", '"text"', "null"])
def test_any_json_body_that_is_not_an_object_is_a_422(api, body):
    response = api.post("/api/v1/posts", body)
    assert response.status_code == 422, response.content
    assert isinstance(response.json()["detail"], str)


def test_multipart_without_a_boundary_is_a_400(api):
    for path in ("/api/v1/prompts/import", "/api/v1/posts"):
        response = api.post(path, b"--x\r\n", content_type="multipart/form-data")
        assert response.status_code == 400, (path, response.content)
        assert isinstance(response.json()["detail"], str)


def test_fork_without_a_body_is_created(api, client, member):
    original = make_prompt(owner=UserFactory())
    response = _post_without_body(client, f"/api/v1/prompts/{original.pk}/fork", api)
    assert response.status_code == 201, response.content
    assert Prompt.objects.get(forked_from=original).owner == member


def test_every_all_optional_body_may_be_left_out(api, client, member, own_prompt):
    response = _post_without_body(client, f"/api/v1/prompts/{own_prompt.pk}/reuses", api)
    assert response.status_code == 201, response.content
    assert response.json()["minutes_saved"] == 0


def test_a_required_body_left_out_is_a_422_naming_the_field(api, client):
    response = _post_without_body(client, "/api/v1/posts", api)
    assert response.status_code == 422
    _error_names(response, "kind")
