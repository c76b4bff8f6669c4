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


def test_made_up_emails_from_one_address_do_not_lock_out_everyone_there(client, member, settings):
    """Behind a load balancer everyone shares one address: a dozen bad sign-ins with made-up emails
    used to lock out the whole organisation for 15 minutes."""
    for i in range(12):
        client.post(
            "/signin/", {"username": f"guess{i}@example.org", "password": "x"}, REMOTE_ADDR="10.9.9.9"
        )
    signed_in = client.post(
        "/signin/", {"username": member.email, "password": PASSWORD}, REMOTE_ADDR="10.9.9.9"
    )
    assert signed_in.status_code == 302


def test_an_address_trying_many_emails_meets_the_higher_ceiling(client, member, settings):
    settings.LOGIN_FAILURE_ADDRESS_LIMIT = 30
    for i in range(30):
        client.post("/signin/", {"username": f"g{i}@example.org", "password": "x"}, REMOTE_ADDR="10.9.9.9")
    blocked = client.post(
        "/signin/", {"username": member.email, "password": PASSWORD}, REMOTE_ADDR="10.9.9.9"
    )
    assert blocked.status_code == 429 and 0 < int(blocked["Retry-After"]) <= 15 * 60
    assert "_auth_user_id" not in client.session
    other_address = client.post(
        "/signin/", {"username": member.email, "password": PASSWORD}, REMOTE_ADDR="10.1.1.1"
    )
    assert other_address.status_code == 302


def test_nobody_can_lock_a_named_person_out_from_their_own_address(client, member, settings):
    for _ in range(settings.LOGIN_FAILURE_LIMIT * 2):
        client.post("/signin/", {"username": member.email, "password": "wrong"}, REMOTE_ADDR="10.6.6.6")
    assert (
        client.post(
            "/signin/", {"username": member.email, "password": PASSWORD}, REMOTE_ADDR="10.6.6.6"
        ).status_code
        == 429
    )  # the guesser is stopped …
    person = client.post("/signin/", {"username": member.email, "password": PASSWORD}, REMOTE_ADDR="10.1.1.1")
    assert person.status_code == 302  # … and the person, elsewhere, is not


def test_forwarded_for_is_ignored_unless_proxies_are_trusted(client, member, settings):
    """Without RIPPLE_TRUSTED_PROXIES a client that sends X-Forwarded-For cannot pick its address."""
    for i in range(settings.LOGIN_FAILURE_LIMIT):
        client.post(
            "/signin/",
            {"username": member.email, "password": "wrong"},
            REMOTE_ADDR="10.6.6.6",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{i}",
        )
    again = client.post(
        "/signin/",
        {"username": member.email, "password": PASSWORD},
        REMOTE_ADDR="10.6.6.6",
        HTTP_X_FORWARDED_FOR="192.0.2.200",
    )
    assert again.status_code == 429


def test_behind_a_trusted_proxy_each_client_has_its_own_limit(client, member, settings):
    settings.TRUSTED_PROXIES = 1
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        client.post(
            "/signin/",
            {"username": member.email, "password": "wrong"},
            REMOTE_ADDR="10.0.0.2",  # the load balancer
            HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.7",  # the guesser wrote 1.2.3.4 itself
        )
    guesser = client.post(
        "/signin/",
        {"username": member.email, "password": PASSWORD},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="5.6.7.8, 203.0.113.7",  # a new made-up hop changes nothing
    )
    assert guesser.status_code == 429
    person = client.post(
        "/signin/",
        {"username": member.email, "password": PASSWORD},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="198.51.100.9",
    )
    assert person.status_code == 302


def test_a_locked_account_still_signs_in_through_a_reset_link(client, member, settings):
    settings.LOGIN_FAILURE_ACCOUNT_LIMIT = 20
    for i in range(20):  # a distributed guess: two tries from each of ten addresses
        client.post("/signin/", {"username": member.email, "password": "x"}, REMOTE_ADDR=f"10.7.0.{i // 2}")
    locked = client.post("/signin/", {"username": member.email, "password": PASSWORD}, REMOTE_ADDR="10.1.1.1")
    assert locked.status_code == 429 and "Forgot your password" in locked.content.decode()
    assert "_auth_user_id" not in client.session
    client.post("/password/reset/", {"email": member.email}, REMOTE_ADDR="10.1.1.1")
    link = re.search(r"https?://[^\s]+(/password/reset/[^\s]+/)", mail.outbox[-1].body).group(1)
    set_url = client.get(link, follow=True).redirect_chain[-1][0]
    done = client.post(
        set_url, {"new_password1": "a-brand-new-pass-42", "new_password2": "a-brand-new-pass-42"}, follow=True
    )
    assert done.status_code == 200 and "You are signed in" in done.content.decode()
    assert int(client.session["_auth_user_id"]) == member.pk
    client.post("/signout/")
    again = client.post(
        "/signin/", {"username": member.email, "password": "a-brand-new-pass-42"}, REMOTE_ADDR="10.1.1.1"
    )
    assert again.status_code == 302


def test_password_reset_requests_are_limited_per_email_and_per_address(client, member, settings):
    settings.RATE_PASSWORD_RESET_EMAIL = "3/hour"
    settings.RATE_PASSWORD_RESET_ADDRESS = "5/hour"
    statuses = [
        client.post("/password/reset/", {"email": member.email}, REMOTE_ADDR="10.2.2.2").status_code
        for _ in range(4)
    ]
    assert statuses == [302, 302, 302, 429]
    assert len(mail.outbox) == 3
    refused = client.post("/password/reset/", {"email": member.email}, REMOTE_ADDR="10.3.3.3")
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    assert "Too many reset requests" in refused.content.decode()
    # Unknown emails count the same (the answer reveals nothing), and the address has its own ceiling.
    others = [
        client.post("/password/reset/", {"email": f"n{i}@example.org"}, REMOTE_ADDR="10.4.4.4").status_code
        for i in range(6)
    ]
    assert others == [302] * 5 + [429]
    assert len(mail.outbox) == 3


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
