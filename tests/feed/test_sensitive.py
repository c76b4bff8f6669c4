"""The secret and personal-data detector, and the warning with a redact option before posting."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from ripple.feed import sensitive
from ripple.feed.models import Post

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "text, kind",
    [
        ("key: sk-proj-AbCdEfGhIjKlMnOpQrStUvWx0123", "api_key"),
        ("sk-ant-api03-abcdefghijklmnopqrstuvwxyz", "api_key"),
        ("OPENAI_API_KEY=sk-abcdefghijklmnopqrstuvwx", "api_key"),
        ("ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789", "token"),
        ("xoxb-1234567890-abcdefghij", "token"),
        ("AKIAIOSFODNN7EXAMPLE", "token"),
        ("Authorization: Bearer abcdefghijklmnopqrstuvwxyz012345", "token"),
        (
            "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
            "token",
        ),
        ("password = hunter2hunter2", "token"),
        ("-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----", "private_key"),
        ("write to jane.doe+ai@corp.example.co.uk today", "email"),
        ("call me on +44 20 7946 0958", "phone"),
        ("US office (415) 555-2671", "phone"),
        ("mobile 415-555-2671", "phone"),
        ("card 4111 1111 1111 1111 exp 12/29", "card"),
        ("amex 3782-822463-10005", "card"),
        ("4242424242424242", "card"),
    ],
)
def test_detects(text, kind):
    found = sensitive.detect(text)
    assert [f.kind for f in found] == [kind], found


@pytest.mark.parametrize(
    "text",
    [
        "Saved 45 minutes on 2026-11-26 with 3 prompts",
        "Invoice 1234567890123 is not a card (fails Luhn)",
        "0000 0000 0000 0000",
        "Python 3.11.4 and Django 5.2",
        "sk-short",
        "the task-list has 12 items",
        "email me at maya at example dot org",
        "@maya thanks!",
        "ratio 1.30 and 12:30 meeting in room 101",
        "version v2.1.0-rc1",
        "",
    ],
)
def test_ignores_ordinary_text(text):
    assert sensitive.detect(text) == []


def test_redact_replaces_every_finding_and_keeps_the_rest():
    text = "Mail bob@example.com the key sk-abcdefghijklmnopqrstuvwx1234 and card 4111-1111-1111-1111."
    assert sensitive.redact(text) == (
        "Mail [redacted email] the key [redacted API key] and card [redacted card number]."
    )


def test_preview_does_not_repeat_the_secret():
    finding = sensitive.detect("sk-abcdefghijklmnopqrstuvwx1234")[0]
    assert "abcdefghijkl" not in finding.preview


def test_luhn():
    assert sensitive.luhn_ok("4111111111111111") and not sensitive.luhn_ok("4111111111111112")


def test_form_warns_and_offers_redact(member_client):
    data = {
        "kind": "tip",
        "title": "My transcript",
        "body": "It said: use sk-abcdefghijklmnopqrstuvwx1234 ok",
    }
    warned = member_client.post(reverse("feed:new"), data)
    assert warned.status_code == 200 and Post.objects.count() == 0
    content = warned.content.decode()
    assert "Redact and post" in content and "an API key" in content.lower() or "API key" in content
    assert "abcdefghijklmnop" not in content.split("sensitive-warning")[1].split("</ul>")[0]
    member_client.post(reverse("feed:new"), {**data, "sensitive": "redact"})
    post = Post.objects.get()
    assert "sk-abc" not in post.body and "[redacted API key]" in post.body


def test_the_warning_offers_exactly_redact_or_edit(member_client):
    data = {"kind": "tip", "title": "Contact", "body": "Ask helpdesk@example.org"}
    for extra in ({}, {"sensitive": "keep"}):  # "post as is" is no longer a choice in the form
        warned = member_client.post(reverse("feed:new"), {**data, **extra}).content.decode()
        assert Post.objects.count() == 0
    choices = warned.split('class="sensitive-warning"')[1].split("</div>")[0]
    assert re.findall(r"<(?:button|a) [^>]*>([^<]+)</", choices) == ["Redact and post", "Edit"]
    assert 'href="#id_body">Edit<' in choices
    # Edited so nothing looks private: posted without a warning.
    member_client.post(reverse("feed:new"), {**data, "body": "Ask the helpdesk"})
    assert Post.objects.get().body == "Ask the helpdesk"


SECRET_KEY_TEXT = "Here is my key sk-live-abcdefghijklmnopqrstuvwx1234 for the demo"


def test_api_refuses_a_secret_naming_the_field(api):
    response = api.post("/api/v1/posts", {"kind": "tip", "title": "Transcript", "body": SECRET_KEY_TEXT})
    assert response.status_code == 422 and Post.objects.count() == 0
    errors = response.json()["errors"]
    assert list(errors) == ["body"] and "an API key" in errors["body"][0]
    assert "allow_sensitive" in errors["body"][0] and "abcdefghijklmnop" not in response.content.decode()


def test_api_redacts_or_posts_as_is_when_asked(api):
    redacted = api.post(
        "/api/v1/posts", {"kind": "tip", "title": "Transcript", "body": SECRET_KEY_TEXT, "redact": True}
    )
    assert redacted.status_code == 201 and "[redacted API key]" in redacted.json()["body"]
    as_is = api.post(
        "/api/v1/posts",
        {"kind": "tip", "title": "Contact", "body": "Mail helpdesk@example.org", "allow_sensitive": True},
    )
    assert as_is.status_code == 201 and as_is.json()["body"] == "Mail helpdesk@example.org"
    plain = api.post("/api/v1/posts", {"kind": "tip", "title": "Plain", "body": "Nothing private"})
    assert plain.status_code == 201 and Post.objects.count() == 3


def test_live_check_partial(member_client):
    response = member_client.post(
        reverse("feed:check"), {"body": "phone +1 415 555 2671"}, headers={"HX-Request": "true"}
    )
    assert "A phone number" in response.content.decode()
    quiet = member_client.post(
        reverse("feed:check"), {"body": "nothing here"}, headers={"HX-Request": "true"}
    )
    assert "sensitive-warning" not in quiet.content.decode()


@pytest.mark.parametrize("text", ["a." * 12500, "1-" * 12500, "12 " * 8000, "a@b." * 6000, "x.y-" * 6000])
def test_hostile_long_input_stays_fast(text):
    import time

    start = time.perf_counter()
    sensitive.detect(text)
    assert time.perf_counter() - start < 1.0
