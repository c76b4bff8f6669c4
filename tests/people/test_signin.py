"""Sign-in, sign-out, rate limiting, password reset, deactivation."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.urls import reverse

from ripple.people import actions
from ripple.people.models import LoginFailure
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def test_pages_redirect_signed_out_visitors_to_sign_in(client):
    for url in ["/people/", "/settings/", "/feed/", "/library/", "/manage/people/", "/cohorts/"]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/signin/?next="), url


def test_sign_in_with_email_case_insensitive_and_next(client, member):
    response = client.post(
        "/signin/", {"username": "MAYA@Example.org", "password": PASSWORD, "next": "/people/"}
    )
    assert response.status_code == 302 and response["Location"] == "/people/"
    assert client.get("/people/").status_code == 200


def test_sign_in_refuses_offsite_next(client, member):
    response = client.post(
        "/signin/", {"username": member.email, "password": PASSWORD, "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"


def test_wrong_password_gives_clear_message(client, member):
    response = client.post("/signin/", {"username": member.email, "password": "nope-nope"})
    assert response.status_code == 400
    assert "do not match" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_invalid_email_is_a_field_error(client, db):
    response = client.post("/signin/", {"username": "not-an-email", "password": "x"})
    assert response.status_code == 400
    assert "Enter a valid email address" in response.content.decode()


def test_rate_limit_after_ten_failures_for_one_email(client, member, settings):
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        client.post("/signin/", {"username": member.email, "password": "wrong-password"})
    response = client.post("/signin/", {"username": member.email, "password": PASSWORD})
    assert response.status_code == 429
    assert "Too many failed sign-ins" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_rate_limit_counts_failures_per_address_across_emails(client, member, settings):
    for i in range(settings.LOGIN_FAILURE_LIMIT):
        client.post(
            "/signin/", {"username": f"guess{i}@example.org", "password": "x"}, REMOTE_ADDR="10.9.9.9"
        )
    blocked = client.post(
        "/signin/", {"username": member.email, "password": PASSWORD}, REMOTE_ADDR="10.9.9.9"
    )
    assert blocked.status_code == 429
    other_address = client.post(
        "/signin/", {"username": member.email, "password": PASSWORD}, REMOTE_ADDR="10.1.1.1"
    )
    assert other_address.status_code == 302


def test_rate_limit_window_expires(client, member, settings):
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        client.post("/signin/", {"username": member.email, "password": "wrong-password"})
    LoginFailure.objects.update(created_at=LoginFailure.objects.first().created_at.replace(year=2000))
    assert client.post("/signin/", {"username": member.email, "password": PASSWORD}).status_code == 302


def test_sign_out_needs_post(member_client):
    assert member_client.get("/signout/").status_code == 405
    assert member_client.post("/signout/").status_code == 302
    assert member_client.get("/people/").status_code == 302


def test_deactivated_person_cannot_sign_in_and_content_stays(client, admin_user, member):
    actions.user_set_active(actor=admin_user, person=member, active=False)
    response = client.post("/signin/", {"username": member.email, "password": PASSWORD})
    assert response.status_code == 400
    member.refresh_from_db()
    assert member.deactivated_at is not None
    # Their profile still exists (content stays), marked as deactivated.
    client.force_login(admin_user)
    assert "Deactivated" in client.get(f"/people/{member.pk}/").content.decode()


def test_deactivated_person_session_is_no_longer_valid(client, admin_user, member):
    client.force_login(member)
    actions.user_set_active(actor=admin_user, person=member, active=False)
    assert client.get("/people/").status_code == 302


def test_password_reset_by_email_link(client, member):
    response = client.post("/password/reset/", {"email": member.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [member.email]
    link = re.search(r"https?://[^\s]+(/password/reset/[^\s]+/)", mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    set_url = form_page.redirect_chain[-1][0]
    response = client.post(
        set_url, {"new_password1": "a-brand-new-pass-42", "new_password2": "a-brand-new-pass-42"}
    )
    assert response.status_code == 302
    assert client.login(username=member.email, password="a-brand-new-pass-42")


def test_password_reset_for_unknown_email_reveals_nothing(client, db):
    response = client.post("/password/reset/", {"email": "nobody@example.org"})
    assert response.status_code == 302 and response["Location"] == reverse("people:password_reset_done")
    assert mail.outbox == []


def test_sign_in_page_for_signed_in_user_redirects_home(member_client):
    assert member_client.get("/signin/").status_code == 302


def test_factory_password_works(db):
    person = UserFactory()
    assert person.check_password(PASSWORD)
