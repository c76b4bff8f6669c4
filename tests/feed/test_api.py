"""The /api/v1 feed endpoints: shapes, filters, permissions and bad input (never a 500)."""

from __future__ import annotations

import pytest

from ripple.feed import actions
from ripple.feed.models import Kudos, Post, Reaction, Reply
from ripple.people import actions as people_actions

pytestmark = pytest.mark.django_db


def _headers(person):
    _token, raw = people_actions.token_create(user=person, name="t")
    return {"Authorization": f"Bearer {raw}"}


def test_create_and_read_a_post(api, member):
    response = api.post(
        "/api/v1/posts",
        {
            "kind": "win",
            "title": "Faster invoices",
            "body": "Used **AI**",
            "tool": "Copilot",
            "minutes_saved": 30,
            "topics": ["Finance", "invoices"],
        },
    )
    assert response.status_code == 201
    data = response.json()
    for key in (
        "id",
        "kind",
        "title",
        "body",
        "body_html",
        "url",
        "author",
        "anonymous",
        "accepted_reply",
        "reply_count",
        "reaction_count",
    ):
        assert key in data
    assert data["body_html"] == "<p>Used <strong>AI</strong></p>\n"
    assert data["author"]["id"] == member.pk and data["url"] == f"/feed/posts/{data['id']}/"
    assert data["topics"] == ["finance", "invoices"]
    assert api.get(f"/api/v1/posts/{data['id']}").json()["title"] == "Faster invoices"


def test_list_filters_and_keyset(api, member):
    for i in range(5):
        actions.post_create(actor=member, kind="tip" if i % 2 else "question", title=f"P{i}", body="x")
    page = api.get("/api/v1/posts", {"limit": 2}).json()
    assert len(page["items"]) == 2 and page["next"]
    rest = api.get("/api/v1/posts", {"limit": 10, "cursor": page["next"]}).json()
    assert len(rest["items"]) == 3 and rest["next"] is None
    assert {p["kind"] for p in api.get("/api/v1/posts", {"kind": "question"}).json()["items"]} == {"question"}
    assert api.get("/api/v1/posts", {"cursor": "nope"}).status_code == 400


@pytest.mark.parametrize(
    "payload",
    [
        {"kind": "tip", "title": "", "body": "x"},
        {"kind": "tip", "title": "t" * 300, "body": "x"},
        {"kind": "tip", "title": "ok", "body": "x" * 20001},
        {"kind": "memo", "title": "ok", "body": "x"},
        {"kind": "win", "title": "ok", "body": "x", "anonymous": True},
        {"kind": "tip", "title": "ok", "body": "x", "department_id": 99999},
        {"kind": "tip"},
        {"title": 5},
    ],
)
def test_bad_post_input_is_422_and_stores_nothing(api, payload):
    response = api.post("/api/v1/posts", payload)
    assert response.status_code == 422
    assert Post.objects.count() == 0


def test_redact_option_strips_secrets(api):
    response = api.post(
        "/api/v1/posts",
        {
            "kind": "tip",
            "title": "Key",
            "body": "use sk-abcdefghijklmnopqrstuvwx1234 and mail bob@example.com",
            "redact": True,
        },
    )
    body = response.json()["body"]
    assert "sk-abc" not in body and "bob@example.com" not in body and "[redacted API key]" in body


def test_patch_and_delete_only_by_the_author(client, api, member, other_member):
    post = actions.post_create(actor=member, kind="tip", title="Mine", body="x")
    assert api.patch(f"/api/v1/posts/{post.pk}", {"title": "Renamed"}).json()["title"] == "Renamed"
    assert api.patch(f"/api/v1/posts/{post.pk}", {"title": ""}).status_code == 422
    other = _headers(other_member)
    assert (
        client.patch(
            f"/api/v1/posts/{post.pk}", {"title": "Hijack"}, content_type="application/json", headers=other
        ).status_code
        == 403
    )
    assert client.delete(f"/api/v1/posts/{post.pk}", headers=other).status_code == 403
    assert api.delete(f"/api/v1/posts/{post.pk}").status_code == 204
    assert client.get(f"/api/v1/posts/{post.pk}", headers=other).status_code == 404


def test_replies_reactions_and_accept(client, api, member, other_member):
    post = actions.post_create(actor=member, kind="question", title="Q?", body="x")
    other = _headers(other_member)
    reply = client.post(
        f"/api/v1/posts/{post.pk}/replies", {"body": "A!"}, content_type="application/json", headers=other
    )
    assert reply.status_code == 201 and reply.json()["author"]["id"] == other_member.pk
    reply_id = reply.json()["id"]
    assert api.post(f"/api/v1/posts/{post.pk}/replies", {"body": ""}).status_code == 422
    assert api.post(f"/api/v1/posts/{post.pk}/replies", {"body": "x", "parent_id": 99999}).status_code == 404
    for _ in range(2):
        r = api.post(f"/api/v1/posts/{post.pk}/reactions", {"emoji": "applause"})
        assert r.status_code == 200 and r.json()["counts"]["applause"] == 1
    assert Reaction.objects.count() == 1
    assert api.post(f"/api/v1/posts/{post.pk}/reactions", {"emoji": "💩"}).status_code == 422
    # someone else may not accept on my question
    assert (
        client.post(
            f"/api/v1/posts/{post.pk}/accept",
            {"reply_id": reply_id},
            content_type="application/json",
            headers=other,
        ).status_code
        == 403
    )
    accepted = api.post(f"/api/v1/posts/{post.pk}/accept", {"reply_id": reply_id})
    assert accepted.status_code == 200 and accepted.json()["accepted_reply"] == reply_id
    assert api.post(f"/api/v1/posts/{post.pk}/accept", {"reply_id": 424242}).status_code == 422
    data = api.get(f"/api/v1/posts/{post.pk}").json()
    assert data["reply_count"] == 1 and data["reaction_count"] == 1


def test_reply_to_an_invisible_post_is_404(api, member, other_member):
    post = actions.post_create(actor=other_member, kind="tip", title="Gone", body="x")
    actions.post_delete(actor=other_member, post=post)
    assert api.post(f"/api/v1/posts/{post.pk}/replies", {"body": "hi"}).status_code == 404
    assert api.post(f"/api/v1/posts/{post.pk}/reactions", {"emoji": "applause"}).status_code == 404
    assert api.get(f"/api/v1/posts/{post.pk}").status_code == 404
    assert Reply.objects.count() == 0


def test_similar_endpoint(api, member):
    actions.post_create(actor=member, kind="question", title="Summarise a board memo?", body="x")
    results = api.get("/api/v1/posts/similar", {"title": "summarise memo"}).json()
    assert results[0]["title"] == "Summarise a board memo?" and results[0]["answered"] is False
    assert api.get("/api/v1/posts/similar", {"title": ""}).json() == []


def test_kudos_endpoints(api, member, other_member):
    response = api.post("/api/v1/kudos", {"to": [other_member.pk], "message": "Thanks for the SQL tip"})
    assert response.status_code == 201
    data = response.json()
    assert data["to"][0]["id"] == other_member.pk and data["giver"]["id"] == member.pk
    assert api.get("/api/v1/kudos").json()["items"][0]["message"] == "Thanks for the SQL tip"
    assert api.get("/api/v1/kudos", {"person": other_member.pk}).json()["items"]
    assert api.post("/api/v1/kudos", {"to": [member.pk], "message": "me"}).status_code == 422
    assert api.post("/api/v1/kudos", {"to": [99999], "message": "ghost"}).status_code == 422
    assert api.post("/api/v1/kudos", {"to": [other_member.pk], "message": ""}).status_code == 422
    assert (
        api.post("/api/v1/kudos", {"to": [other_member.pk], "message": "x", "post_id": 99999}).status_code
        == 404
    )
    assert Kudos.objects.count() == 1


def test_notifications_endpoint(api, member, other_member):
    post = actions.post_create(actor=member, kind="tip", title="T", body="x")
    actions.reply_create(actor=other_member, post=post, body="nice")
    items = api.get("/api/v1/notifications").json()["items"]
    assert (
        items[0]["kind"] == "reply"
        and items[0]["read"] is False
        and items[0]["actor"]["id"] == other_member.pk
    )


def test_api_needs_a_token(client):
    assert client.get("/api/v1/posts").status_code == 401


def test_feed_endpoints_are_documented(api):
    paths = api.get("/api/v1/openapi.json").json()["paths"]
    for path in ("/api/v1/posts", "/api/v1/posts/similar", "/api/v1/posts/{post_id}/accept",
                 "/api/v1/posts/{post_id}/promote", "/api/v1/kudos", "/api/v1/notifications"):  # fmt: skip
        assert path in paths


def test_api_list_query_count_is_constant(api, member, queries):
    actions.post_create(actor=member, kind="tip", title="One", body="x", topics="a")
    api.get("/api/v1/me")  # the token's first use is recorded once

    def grow() -> None:
        for i in range(50):
            actions.post_create(actor=member, kind="tip", title=f"P{i}", body="x", topics=f"t{i}, shared")

    # token, rate count, page, topics, reactions
    queries.flat(lambda: queries.count(api, "/api/v1/posts", {"limit": 50}), grow, exactly=5)
    assert len(api.get("/api/v1/posts", {"limit": 50}).json()["items"]) == 50
