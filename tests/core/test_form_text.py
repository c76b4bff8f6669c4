"""Every HTML form refuses input the database cannot store (a NUL, a lone surrogate, an integer beyond
64 bits) with a field error, not a 500, on SQLite and PostgreSQL alike."""

from __future__ import annotations

import pytest
from django.urls import reverse

from ripple.feed.forms import PostForm, ReplyForm
from ripple.feed.models import Post
from ripple.library.forms import PromptForm, ReuseForm
from ripple.library.models import Prompt

BAD = {"nul": "Nul\x00here", "surrogate": "lone \ud8a6 surrogate"}


@pytest.mark.parametrize("field", ["title", "body", "topics"])
def test_the_post_form_page_refuses_a_nul(member_client, field):
    data = {"kind": "tip", "title": "A tip", "body": "Ask for a rubric.", field: "Nul\x00here"}
    response = member_client.post(reverse("feed:new"), data)
    assert response.status_code in (200, 400)  # the form again, with its error
    assert response.context["form"].errors[field]
    assert not Post.objects.exists()


@pytest.mark.parametrize("field", ["title", "body", "tags", "example_1_input"])
def test_the_prompt_form_page_refuses_a_nul(member_client, field):
    data = {"title": "A prompt", "body": "Do {{this}}", "visibility": "everyone", "tools": ["ChatGPT"]}
    data[field] = "Nul\x00here"
    response = member_client.post(reverse("library:prompt_new"), data)
    assert response.status_code in (200, 400)
    assert response.context["form"].errors[field]
    assert not Prompt.objects.exists()


@pytest.mark.parametrize("text", BAD.values(), ids=BAD.keys())
def test_every_text_field_of_a_form_refuses_bad_text(db, text):
    """A lone surrogate cannot arrive through an HTML form (browsers and Django's decoding replace it),
    so the forms are checked directly: each one uses the shared rule from core.forms."""
    post = PostForm(data={"kind": "tip", "title": text, "body": "fine"})
    prompt = PromptForm(
        data={"title": "fine", "body": "fine", "visibility": "everyone", "example_1_output": text}
    )
    reply = ReplyForm(data={"body": text})
    reuse = ReuseForm(data={"minutes_saved": 5, "note": text})
    for form, field in ((post, "title"), (prompt, "example_1_output"), (reply, "body"), (reuse, "note")):
        assert not form.is_valid()
        assert field in form.errors, (type(form).__name__, form.errors)


def test_integers_beyond_64_bits_are_a_field_error(member_client, other_member):
    response = member_client.post(
        reverse("feed:kudos"), {"to": [other_member.pk], "message": "Thanks!", "prompt": str(2**70)}
    )
    assert response.status_code in (200, 400)
    assert response.context["form"].errors["prompt"]
    assert "parent" in ReplyForm(data={"body": "x", "parent": str(-(2**70))}).errors
    assert ReplyForm(data={"body": "x", "parent": str(2**63 - 1)}).is_valid()
