"""Restoring an old version, the "has how to check" filter, and declining with a reason."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from ripple.library import actions
from ripple.library.models import PromptVersion
from ripple.notifications.models import Notification
from tests.library.factories import make_prompt

pytestmark = pytest.mark.django_db


def test_restore_brings_an_old_version_back_as_a_new_one(member_client, member, other_member):
    prompt = make_prompt(member, title="First title", body="First body")
    actions.prompt_update(actor=member, prompt=prompt, title="Second title", body="Second body", note="v2")
    actions.prompt_update(actor=member, prompt=prompt, body="Third body", note="v3")
    history = member_client.get(f"/library/prompts/{prompt.pk}/history/?from=1&to=3").content.decode()
    assert "Restore v1" in history and "Restore v3" not in history  # diff of any two, restore buttons
    response = member_client.post(f"/library/prompts/{prompt.pk}/versions/1/restore/")
    assert response.status_code == 302
    prompt.refresh_from_db()
    assert (prompt.version, prompt.title, prompt.body) == (4, "First title", "First body")
    assert PromptVersion.objects.get(prompt=prompt, number=4).note == "Restored version 1"
    assert PromptVersion.objects.filter(prompt=prompt).count() == 4  # history is kept, not rewritten
    # Not the current version, not a missing one, not someone else's prompt.
    assert member_client.post(f"/library/prompts/{prompt.pk}/versions/4/restore/").status_code == 302
    with pytest.raises(ValidationError):
        actions.prompt_restore(actor=member, prompt=prompt, number=99)
    member_client.force_login(other_member)
    assert member_client.post(f"/library/prompts/{prompt.pk}/versions/2/restore/").status_code == 403
    prompt.refresh_from_db()
    assert prompt.version == 4


def test_restore_through_the_api(api, member, other_member):
    prompt = make_prompt(member, body="Old body")
    actions.prompt_update(actor=member, prompt=prompt, body="New body")
    response = api.post(f"/api/v1/prompts/{prompt.pk}/versions/1/restore", {})
    assert (
        response.status_code == 200
        and response.json()["version"] == 3
        and response.json()["body"] == "Old body"
    )
    assert api.post(f"/api/v1/prompts/{prompt.pk}/versions/3/restore", {}).status_code == 422
    theirs = make_prompt(other_member)
    actions.prompt_update(actor=other_member, prompt=theirs, body="Changed")
    assert api.post(f"/api/v1/prompts/{theirs.pk}/versions/1/restore", {}).status_code == 403


def test_filter_prompts_that_say_how_to_check_the_output(member_client, api, member):
    make_prompt(member, title="Checked one", check_output="Verify every figure.")
    make_prompt(member, title="Unchecked one", check_output="")
    html = member_client.get("/library/", {"has_check": "1"}).content.decode()
    assert "Checked one" in html and "Unchecked one" not in html
    titles = [p["title"] for p in api.get("/api/v1/prompts", {"has_check": "true"}).json()["items"]]
    assert titles == ["Checked one"]
    assert {p["title"] for p in api.get("/api/v1/prompts").json()["items"]} == {
        "Checked one",
        "Unchecked one",
    }


def test_decline_needs_a_reason_and_the_suggester_hears_it(member_client, member, other_member):
    prompt = make_prompt(member)
    suggestion = actions.suggestion_create(
        actor=other_member, prompt=prompt, title=prompt.title, body=prompt.body + " X"
    )
    url = f"/library/prompts/{prompt.pk}/suggestions/{suggestion.pk}/"
    page = member_client.post(url, {"decision": "decline", "response": "  "})
    assert page.status_code == 200 and "Say why you decline" in page.content.decode()
    suggestion.refresh_from_db()
    assert suggestion.status == "open"
    member_client.post(url, {"decision": "decline", "response": "We keep it under 100 words."})
    suggestion.refresh_from_db()
    assert suggestion.status == "declined"
    note = Notification.objects.get(recipient=other_member, kind="suggestion_resolved")
    assert "We keep it under 100 words." in note.text


def test_markdown_in_body_and_check_renders_sanitised(member_client, member):
    prompt = make_prompt(
        member,
        body="# Brief\n\n**Summarise** the call <script>alert(1)</script> [x](javascript:alert(1))",
        check_output="- every **number**\n- every name",
    )
    html = member_client.get(prompt.get_absolute_url()).content.decode()
    assert "<h1>Brief</h1>" in html and "<strong>Summarise</strong>" in html
    assert "<li>every <strong>number</strong></li>" in html
    assert "<script>alert(1)</script>" not in html and 'href="javascript:' not in html
