"""The seams other apps rely on: prompt_create, visible_prompts/access_prompt, PromptOut, search."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone

from ripple.core import search
from ripple.library import access, actions
from ripple.library.models import PROMPT_SEARCH, Prompt, PromptVersion
from ripple.library.schemas import PromptOut
from tests.factories import DepartmentFactory, UserFactory
from tests.library.factories import make_prompt

pytestmark = pytest.mark.django_db


def test_prompt_create_makes_version_one_and_normalises(member):
    at = timezone.now() - timedelta(days=40)
    prompt = actions.prompt_create(
        actor=member,
        title="  Draft a  renewal email ",
        body="Write a renewal email to {{customer}} in a {{tone:warm|formal}} tone.",
        tools=["chatgpt", "Copilot", "ChatGPT"],
        tags=["#sales", "Email", "sales", ""],
        examples=[{"input": "Acme", "output": "Dear Acme…"}, {"input": "", "output": ""}],
        origin_url="/feed/posts/12/",
        origin_label="Feed post by Maya",
        at=at,
    )
    assert prompt.title == "Draft a renewal email"
    assert prompt.tools == ["ChatGPT", "Microsoft Copilot"]
    assert prompt.tag_list == ["sales", "Email"] and prompt.tags_text == "sales Email"
    assert prompt.examples == [{"input": "Acme", "output": "Dear Acme…", "changes": ""}]
    assert prompt.version == 1 and prompt.created_at == at
    v1 = PromptVersion.objects.get(prompt=prompt)
    assert v1.number == 1 and v1.body == prompt.body and v1.author == member


def test_prompt_create_errors_are_per_field(member):
    with pytest.raises(ValidationError) as exc:
        actions.prompt_create(
            actor=member,
            title="",
            body="Hi {{name",
            tools=["Bard 2000"],
            tags=["x" * 41],
            examples=[{"input": "a", "expected": "b"}],
            visibility="world",
        )
    errors = exc.value.message_dict
    assert set(errors) == {"title", "body", "tools", "tags", "examples"}
    assert "Line 1, column 4" in errors["body"][0]


def test_body_limit_is_200k(member):
    with pytest.raises(ValidationError) as exc:
        actions.prompt_create(actor=member, title="Long", body="x" * 200_001)
    assert "body" in exc.value.message_dict
    assert actions.prompt_create(actor=member, title="Long", body="x" * 200_000).pk


def test_visibility_rules():
    sales, legal = DepartmentFactory(name="Sales"), DepartmentFactory(name="Legal")
    owner = UserFactory(department=sales)
    colleague, outsider = UserFactory(department=sales), UserFactory(department=legal)
    public = make_prompt(owner, title="Public")
    dept = make_prompt(owner, title="Sales only", visibility="department")
    private = make_prompt(owner, title="Mine", visibility="private")
    assert dept.department == sales
    assert set(access.visible_prompts(owner)) == {public, dept, private}
    assert set(access.visible_prompts(colleague)) == {public, dept}
    assert set(access.visible_prompts(outsider)) == {public}
    for prompt in (dept, private):
        with pytest.raises(Http404):
            access.access_prompt(outsider, prompt.pk)
    assert access.access_prompt(colleague, dept.pk) == dept
    with pytest.raises(Http404):
        access.access_prompt(outsider, "nope")


def test_prompt_out_shape(member):
    prompt = make_prompt(member, tags=["calls"])
    data = PromptOut.from_orm(
        Prompt.objects.select_related("owner__department", "department").get(pk=prompt.pk)
    )
    out = data.dict()
    assert out["url"] == f"/library/prompts/{prompt.pk}/"
    assert out["variables"] == [
        {"name": "customer", "default": "Acme", "choices": []},
        {"name": "notes", "default": "", "choices": []},
    ]
    assert out["owner"]["name"] == member.name and out["tags"] == ["calls"] and out["forked_from"] is None
    for key in (
        "body",
        "purpose",
        "tools",
        "check_output",
        "visibility",
        "version",
        "reuse_count",
        "minutes_saved_total",
        "rating_avg",
        "examples",
        "department",
        "created_at",
        "updated_at",
    ):
        assert key in out


def test_search_index_follows_writes(member):
    prompt = make_prompt(member, title="Redline an NDA", tags=["contracts"], body="Review the {{clause}}")
    assert list(search.matching(Prompt.objects.all(), PROMPT_SEARCH, "contracts")) == [prompt]
    actions.prompt_update(actor=member, prompt=prompt, tags=["legal"])
    assert not search.matching(Prompt.objects.all(), PROMPT_SEARCH, "contracts").exists()
    assert search.matching(Prompt.objects.all(), PROMPT_SEARCH, "legal").exists()


def test_counter_updates_do_not_reindex(member, other_member):
    """The search trigger fires only when an indexed column changes (PostgreSQL: UPDATE OF …)."""
    from django.db import connection

    prompt = make_prompt(other_member, title="Renewal email")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_get_triggerdef(oid) FROM pg_trigger WHERE tgname = 'library_prompt_search'"
            )
            (definition,) = cursor.fetchone()
        assert "UPDATE OF title, purpose, tags_text, body" in definition
    actions.reuse_record(actor=member, prompt=prompt, minutes_saved=5)
    assert list(search.matching(Prompt.objects.all(), PROMPT_SEARCH, "renewal")) == [prompt]
