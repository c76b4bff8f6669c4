"""Promote a tip, win or accepted answer to the library: prefilled, author credited, linked both ways."""

from __future__ import annotations

import pytest
from django.urls import reverse

from ripple.feed import actions
from ripple.feed.models import Post
from ripple.library.models import Prompt
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_promote_a_tip_credits_the_author_and_links_both_ways(client, member, make_post):
    tip = make_post(
        member,
        kind="tip",
        title="Summaries with a rubric",
        body="Give the model a rubric.",
        topics="summaries",
    )
    client.force_login(member)
    response = client.post(reverse("feed:promote", args=[tip.pk]))
    prompt = Prompt.objects.get()
    assert response.status_code == 302 and response.url == prompt.get_absolute_url()
    assert prompt.owner == member and prompt.title == "Summaries with a rubric" and "rubric" in prompt.body
    assert prompt.origin_url == tip.get_absolute_url()
    tip.refresh_from_db()
    assert tip.promoted_prompt_id == prompt.pk and prompt.pk in tip.prompt_ids
    page = client.get(tip.get_absolute_url()).content.decode()
    assert prompt.get_absolute_url() in page and "Promoted from this post" in page
    assert client.post(reverse("feed:promote", args=[tip.pk]), follow=True).status_code == 200
    assert Prompt.objects.count() == 1


def test_facilitator_promotes_an_accepted_answer_credited_to_the_answerer(
    client, member, facilitator, make_post
):
    answerer = UserFactory(name="Ana Answer")
    question = make_post(member, kind="question", title="Prompt for meeting notes?")
    reply = actions.reply_create(actor=answerer, post=question, body="Summarise as decisions, owners, dates.")
    actions.answer_accept(actor=member, post=question, reply=reply)
    client.force_login(facilitator)
    client.post(reverse("feed:promote", args=[question.pk]))
    prompt = Prompt.objects.get()
    assert prompt.owner == answerer and "decisions, owners, dates" in prompt.body


def test_cannot_promote_questions_without_answer_or_others_posts(client, member, other_member, make_post):
    question = make_post(member, kind="question")
    tip = make_post(member, kind="tip")
    client.force_login(member)
    client.post(reverse("feed:promote", args=[question.pk]))
    client.force_login(other_member)
    assert client.post(reverse("feed:promote", args=[tip.pk])).status_code == 403
    assert Prompt.objects.count() == 0


def test_promote_through_the_api_returns_the_prompt(api, member):
    win = actions.post_create(
        actor=member,
        kind="win",
        title="Weekly report",
        body="Draft from bullet points",
        tool="Copilot",
        minutes_saved=40,
    )
    response = api.post(f"/api/v1/posts/{win.pk}/promote")
    assert response.status_code == 201
    data = response.json()
    assert data["title"] == "Weekly report" and data["origin_url"] == win.get_absolute_url()
    assert Post.objects.get(pk=win.pk).promoted_prompt_id == data["id"]
    assert api.post(f"/api/v1/posts/{win.pk}/promote").status_code == 422


def test_the_answerer_may_promote_their_accepted_answer(client, member, other_member, make_post):
    question = make_post(member, kind="question", title="Prompt for release notes?")
    reply = actions.reply_create(actor=other_member, post=question, body="Group changes by audience.")
    actions.answer_accept(actor=member, post=question, reply=reply)
    client.force_login(other_member)
    assert "Promote to library" in client.get(question.get_absolute_url()).content.decode()
    client.post(reverse("feed:promote", args=[question.pk]))
    assert Prompt.objects.get().owner == other_member


def test_promote_opens_a_prefilled_form_and_creates_only_on_save(client, member, make_post):
    tip = make_post(member, kind="tip", title="Summaries with a rubric", body="Give the model a rubric.",
                    topics="summaries")  # fmt: skip
    client.force_login(member)
    page = client.get(reverse("feed:promote", args=[tip.pk]))
    html = page.content.decode()
    assert page.status_code == 200 and Prompt.objects.count() == 0
    assert 'value="Summaries with a rubric"' in html and "Give the model a rubric.</textarea>" in html
    assert 'name="check_output"' in html and 'value="summaries"' in html and "Create the prompt" in html
    response = client.post(
        reverse("feed:promote", args=[tip.pk]),
        {"title": "Rubric-first summaries", "body": "Summarise {{document}} against this rubric: {{rubric}}",
         "check_output": "Compare each rubric line with the source.", "tags": "summaries, rubric"},
    )  # fmt: skip
    prompt = Prompt.objects.get()
    assert response.status_code == 302 and response.url == prompt.get_absolute_url()
    assert (prompt.owner, prompt.title, prompt.check_output, prompt.tag_list) == (
        member, "Rubric-first summaries", "Compare each rubric line with the source.", ["summaries", "rubric"]
    )  # fmt: skip
    assert "{{document}}" in prompt.body


def test_a_bad_promote_form_creates_nothing(client, member, make_post):
    tip = make_post(member, kind="tip")
    client.force_login(member)
    response = client.post(reverse("feed:promote", args=[tip.pk]), {"title": "", "body": "x"})
    assert response.status_code == 400 and Prompt.objects.count() == 0


def test_an_anonymous_post_never_opens_the_promote_form(client, facilitator, make_post):
    author = UserFactory(name="Secret Sam")
    question = make_post(author, kind="question", title="Which prompt?", body="Shy", anonymous=True)
    reply = actions.reply_create(actor=UserFactory(), post=question, body="This one")
    actions.answer_accept(actor=author, post=question, reply=reply)
    client.force_login(facilitator)
    html = client.get(reverse("feed:promote", args=[question.pk]), follow=True).content.decode()
    assert "Secret Sam" not in html
    assert "Anonymous posts cannot be promoted" in html
    assert Prompt.objects.count() == 0


def test_promote_through_the_api_with_edits(api, member):
    tip = actions.post_create(actor=member, kind="tip", title="Short tip", body="Ask for a rubric")
    response = api.post(
        f"/api/v1/posts/{tip.pk}/promote",
        {"title": "Rubric prompt", "check_output": "Check it", "tags": ["x"]},
    )
    assert response.status_code == 201
    data = response.json()
    assert (data["title"], data["body"], data["check_output"]) == (
        "Rubric prompt",
        "Ask for a rubric",
        "Check it",
    )
