"""Posts through the pages: create each kind, edit with history, delete and restore, bad input."""

from __future__ import annotations

import pytest
from django.urls import reverse

from ripple.feed.models import Post, PostRevision, PostState
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def parse_html(html: str) -> tuple[set[str], list[tuple[str, str | None]]]:
    """Every tag name and attribute actually present in `html` (escaped text does not count)."""
    from html.parser import HTMLParser

    tags: set[str] = set()
    attrs: list[tuple[str, str | None]] = []

    class Collect(HTMLParser):
        def handle_starttag(self, tag, attributes):
            tags.add(tag)
            attrs.extend(attributes)

    Collect().feed(html)
    return tags, attrs


def test_post_a_win_with_tool_and_minutes(member_client, member):
    response = member_client.post(
        reverse("feed:new") + "?kind=win",
        {
            "kind": "win",
            "title": "Weekly report in 10 minutes",
            "body": "I asked the assistant to **draft** it.",
            "tool": "ChatGPT",
            "minutes_saved": "50",
            "topics": "Reporting, excel, reporting",
        },
    )
    post = Post.objects.get()
    assert response.status_code == 302 and response.url == post.get_absolute_url()
    assert (
        post.author == member and post.kind == "win" and post.minutes_saved == 50 and post.tool == "ChatGPT"
    )
    assert "<strong>draft</strong>" in post.body_html
    assert sorted(post.topics.values_list("name", flat=True)) == ["excel", "reporting"]
    page = member_client.get(post.get_absolute_url())
    assert page.status_code == 200
    content = page.content.decode()
    assert "Time saved" in content and "50 min" in content and "Maya Member" in content


def test_ai_fail_template_is_blameless_and_composed(member_client):
    form = member_client.get(reverse("feed:new") + "?kind=ai_fail").content.decode()
    assert "Blameless" in form and "What went wrong" in form and "How I noticed" in form
    member_client.post(
        reverse("feed:new"),
        {
            "kind": "ai_fail",
            "title": "It invented a court case",
            "fail_asked": "Cite precedent",
            "fail_wrong": "The case does not exist",
            "fail_noticed": "Checked the registry",
            "fail_lesson": "Verify",
        },
    )
    post = Post.objects.get()
    assert "What went wrong" in post.body_html and "The case does not exist" in post.body_html


def test_each_kind_has_its_own_prompt(member_client):
    assert "time did it save" in member_client.get(reverse("feed:new") + "?kind=win").content.decode()
    assert "no stupid questions" in member_client.get(reverse("feed:new") + "?kind=question").content.decode()


@pytest.mark.parametrize(
    "data, field",
    [
        ({"kind": "tip", "title": "", "body": "x"}, "title"),
        ({"kind": "tip", "title": "x" * 201, "body": "x"}, "title"),
        ({"kind": "tip", "title": "Fine", "body": ""}, "body"),
        ({"kind": "tip", "title": "Fine", "body": "x" * 20001}, "body"),
        ({"kind": "nonsense", "title": "Fine", "body": "x"}, "kind"),
        ({"kind": "win", "title": "Fine", "body": "x", "minutes_saved": "-5"}, "minutes_saved"),
        ({"kind": "tip", "title": "Fine", "body": "x", "anonymous": "on"}, "anonymous"),
    ],
)
def test_bad_post_input_is_a_clear_error_and_stores_nothing(member_client, data, field):
    response = member_client.post(reverse("feed:new"), data)
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert Post.objects.count() == 0


def test_hostile_markdown_is_never_stored_unsanitised(member_client):
    body = (
        '<script>alert(1)</script> <iframe src="https://evil.example"></iframe> [x](javascript:alert(1)) '
        '<img src=x onerror="alert(1)"> <a href="#" onclick="steal()">a</a>\n\n```python\nprint("hi")\n```'
    )
    member_client.post(reverse("feed:new"), {"kind": "tip", "title": "Hostile", "body": body})
    html = Post.objects.get().body_html
    tags, attrs = parse_html(html)
    assert not tags & {"script", "iframe"}
    assert not {"onerror", "onclick"} & {name for name, _ in attrs}
    assert not any((value or "").lower().startswith("javascript") for _, value in attrs)
    assert 'class="hl-' in html  # code blocks are highlighted


def test_edit_keeps_history(member_client, member, make_post):
    post = make_post(member, title="Old title", body="Old body")
    response = member_client.post(
        reverse("feed:edit", args=[post.pk]), {"title": "New title", "body": "New *body*"}
    )
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.title == "New title" and "<em>body</em>" in post.body_html
    revision = PostRevision.objects.get(post=post)
    assert revision.title == "Old title" and revision.body == "Old body" and revision.editor == member
    history = member_client.get(reverse("feed:edit", args=[post.pk])).content.decode()
    assert "Old title" in history


def test_only_the_author_edits(client, member, other_member, make_post):
    post = make_post(member)
    client.force_login(other_member)
    assert client.get(reverse("feed:edit", args=[post.pk])).status_code == 403
    assert (
        client.post(reverse("feed:edit", args=[post.pk]), {"title": "Mine now", "body": "x"}).status_code
        == 403
    )
    post.refresh_from_db()
    assert post.title != "Mine now"


def test_delete_is_soft_and_admins_restore(client, member, other_member, admin_user, make_post):
    post = make_post(member)
    client.force_login(other_member)
    assert client.post(reverse("feed:delete", args=[post.pk])).status_code == 403
    client.force_login(member)
    assert client.post(reverse("feed:delete", args=[post.pk])).status_code == 302
    post.refresh_from_db()
    assert post.state == PostState.DELETED
    client.force_login(other_member)
    assert client.get(post.get_absolute_url()).status_code == 404
    client.force_login(member)
    assert client.get(post.get_absolute_url()).status_code == 404
    client.force_login(admin_user)
    assert client.get(post.get_absolute_url()).status_code == 200
    client.post(reverse("feed:moderate", args=[post.pk]), {"action": "restore"})
    post.refresh_from_db()
    assert post.state == PostState.LIVE


def test_facilitator_cannot_restore_a_deleted_post(client, member, facilitator, make_post):
    post = make_post(member)
    client.force_login(member)
    client.post(reverse("feed:delete", args=[post.pk]))
    client.force_login(facilitator)
    assert client.post(reverse("feed:moderate", args=[post.pk]), {"action": "restore"}).status_code == 404
    post.refresh_from_db()
    assert post.state == PostState.DELETED


def test_unknown_post_is_404(member_client):
    assert member_client.get(reverse("feed:post", args=[999999])).status_code == 404


def test_signed_out_people_are_sent_to_sign_in(client, member, make_post):
    post = make_post(member)
    assert client.get(post.get_absolute_url()).status_code == 302


def test_post_links_only_to_prompts_the_author_can_see(member_client, member):
    from ripple.library import actions as library_actions

    other = UserFactory()
    private = library_actions.prompt_create(
        actor=other, title="Private one", body="secret", visibility="private"
    )
    response = member_client.post(
        "/api/v1/posts",
        {"kind": "tip", "title": "With a prompt", "body": "x", "prompt_ids": [private.pk]},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert Post.objects.count() == 0


def test_post_form_links_library_prompts(member_client, member):
    from ripple.library import actions as library_actions

    prompt = library_actions.prompt_create(actor=member, title="Meeting notes prompt", body="Summarise")
    data = {
        "kind": "tip",
        "title": "Use this",
        "body": "It works",
        "prompt_ids": f"http://x/library/prompts/{prompt.pk}/",
    }
    response = member_client.post(reverse("feed:new"), data)
    post = Post.objects.get()
    assert response.status_code == 302 and post.prompt_ids == [prompt.pk]
    assert "Meeting notes prompt" in member_client.get(post.get_absolute_url()).content.decode()
    bad = member_client.post(reverse("feed:new"), {**data, "prompt_ids": "not a prompt"})
    assert bad.status_code == 400 and "prompt_ids" in bad.context["form"].errors
    missing = member_client.post(reverse("feed:new"), {**data, "prompt_ids": "999999"})
    assert missing.status_code == 400 and Post.objects.count() == 1
