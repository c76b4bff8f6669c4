"""The published OpenAPI document is true: one class per component name, and real responses (on a
populated database) validate against the schema documented for their operation and status."""

from __future__ import annotations

import json
import re

import pytest
from ninja import NinjaAPI, Router, Schema

from ripple.api.urls import api
from ripple.feed import actions as feed_actions
from ripple.library import actions as library_actions
from ripple.library.api import router as library_router
from tests.api.openapi import assert_matches, duplicate_components, operation_models
from tests.factories import DepartmentFactory, UserFactory
from tests.library.factories import make_prompt


def test_every_component_name_belongs_to_one_class():
    assert duplicate_components(api) == {}
    # The walk sees the shared shapes, so an empty answer above means something.
    names = operation_models(api)
    assert {"PersonRef", "ErrorOut", "PromptOut", "Page_PostOut_"} <= set(names)


def test_a_second_class_with_a_taken_name_is_caught():
    """What happened with two `PersonRef`s: the document silently kept one of them."""

    class PersonRef(Schema):  # a look-alike of ripple.people.schemas.PersonRef
        id: int

    router = Router()

    @router.get("/look-alike", response=PersonRef)
    def look_alike(request):  # pragma: no cover - never called
        return None

    probe = NinjaAPI(urls_namespace="probe")
    probe.add_router("/", library_router)  # its prompts name their owners with the real PersonRef
    probe.add_router("/", router)
    assert "PersonRef" in duplicate_components(probe)


def test_the_served_document_has_every_component_it_references(client):
    spec = client.get("/api/v1/openapi.json").json()
    refs = set(re.findall(r"#/components/schemas/([A-Za-z0-9_.\-]+)", json.dumps(spec)))
    assert refs <= set(spec["components"]["schemas"])


@pytest.fixture
def populated(member, other_member, admin_user):
    """A small organisation with something in every list."""
    sales = DepartmentFactory(name="Sales")
    member.department = sales
    member.save()
    writer = UserFactory(name="Wren Writer", department=DepartmentFactory(name="Legal"))
    prompt = make_prompt(owner=member, tags=["calls"], examples=[{"input": "notes", "output": "summary"}])
    theirs = make_prompt(owner=writer, title="Draft a contract clause")
    fork = library_actions.prompt_fork(actor=other_member, prompt=prompt)
    library_actions.reuse_record(actor=other_member, prompt=prompt, minutes_saved=20, note="Saved time")
    library_actions.rating_set(actor=other_member, prompt=prompt, stars=4, comment="Good")
    suggestion = library_actions.suggestion_create(
        actor=other_member, prompt=prompt, title=prompt.title, body=prompt.body + "\nBe brief.",
        purpose=prompt.purpose, check_output=prompt.check_output, note="Shorter",
    )  # fmt: skip
    collection = library_actions.collection_create(actor=member, title="Sales starter pack")
    library_actions.collection_add(actor=member, collection=collection, prompt=prompt)
    post = feed_actions.post_create(
        actor=other_member, kind="question", title="How to check a summary?", body="?"
    )
    reply = feed_actions.reply_create(actor=member, post=post, body="Ask for a rubric.")
    anonymous = feed_actions.post_create(
        actor=writer, kind="question", title="Is it safe to paste a contract?", body="Asking.", anonymous=True
    )
    feed_actions.reaction_set(actor=member, post=post, emoji="applause", on=True)
    feed_actions.kudos_give(
        actor=other_member, recipients=[member], message="Thanks for the rubric!", post=post
    )
    return {
        "prompt": prompt, "theirs": theirs, "fork": fork, "suggestion": suggestion, "post": post,
        "reply": reply, "anonymous": anonymous, "collection": collection,
    }  # fmt: skip


def test_get_responses_match_their_schema(api, client, populated):
    spec = client.get("/api/v1/openapi.json").json()
    p, post = populated["prompt"], populated["post"]
    for path in [
        "/api/v1/me",
        "/api/v1/people",
        "/api/v1/departments",
        "/api/v1/prompts",
        "/api/v1/prompts?q=summarise",
        "/api/v1/prompts?sort=new&limit=1",
        f"/api/v1/prompts/{p.pk}",
        f"/api/v1/prompts/{populated['fork'].pk}",
        f"/api/v1/prompts/{p.pk}/versions",
        f"/api/v1/prompts/{p.pk}/suggestions",
        "/api/v1/collections",
        "/api/v1/posts",
        f"/api/v1/posts/{post.pk}",
        f"/api/v1/posts/{populated['anonymous'].pk}",
        f"/api/v1/posts/{post.pk}/replies",
        "/api/v1/posts/similar?title=check+a+summary",
        "/api/v1/kudos",
        "/api/v1/notifications",
        # errors have the error shape too
        "/api/v1/prompts/999999",
        "/api/v1/posts?cursor=not-a-cursor",
        "/api/v1/people?department=abc",
    ]:
        response = api.get(path)
        assert response.status_code < 500, path
        assert_matches(spec, response)
    assert client.get("/api/v1/me").status_code == 401
    assert_matches(spec, client.get("/api/v1/me"))


def test_write_responses_match_their_schema(api, client, member, other_member, populated):
    spec = client.get("/api/v1/openapi.json").json()
    p, theirs, post = populated["prompt"], populated["theirs"], populated["post"]
    responses = [
        api.post("/api/v1/prompts", {"title": "Plan a workshop", "body": "Plan {{topic}}", "tags": ["x"]}),
        api.patch(f"/api/v1/prompts/{p.pk}", {"title": "Summarise a sales call", "note": "Sharper"}),
        api.post(f"/api/v1/prompts/{theirs.pk}/fork", {}),
        api.post(f"/api/v1/prompts/{theirs.pk}/reuses", {"minutes_saved": 10}),
        api.put(f"/api/v1/prompts/{theirs.pk}/rating", {"stars": 5}),
        api.post(f"/api/v1/prompts/{theirs.pk}/suggestions", {"body": "Better body"}),
        api.post(f"/api/v1/suggestions/{populated['suggestion'].pk}/accept", {}),
        api.post("/api/v1/collections", {"title": "Mine", "prompt_ids": [p.pk]}),
        api.post("/api/v1/posts", {"kind": "win", "title": "Saved an hour", "body": "With a prompt."}),
        api.patch(f"/api/v1/posts/{post.pk}", {"title": "Nope"}),  # not the author: 403
        api.post(f"/api/v1/posts/{post.pk}/replies", {"body": "Me too"}),
        api.post(f"/api/v1/posts/{post.pk}/reactions", {"emoji": "applause"}),
        api.post("/api/v1/kudos", {"to": [other_member.pk], "message": "Thank you!"}),
        api.post("/api/v1/posts", {"kind": "tip", "title": "x\x00"}),  # 422
        api.post(f"/api/v1/prompts/{theirs.pk}/rating", {"stars": 5}),  # 405 is Django's, not documented
    ]
    for response in responses[:-1]:
        assert response.status_code < 500, response.content
        assert_matches(spec, response)
    assert [r.status_code for r in responses[:-1]] == [
        201, 200, 201, 201, 200, 201, 200, 201, 201, 403, 201, 200, 201, 422,
    ]  # fmt: skip
