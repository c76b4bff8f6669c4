"""Sign-in, the directory and the profile/token flow, in a real browser."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from ripple.people.models import ApiToken
from tests.factories import DepartmentFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_sign_in_wrong_password_then_right(live_server, page: Page):
    person = UserFactory(email="lee@example.org", name="Lee Park")
    page.goto(f"{live_server.url}/people/")
    expect(page).to_have_url(re.compile(r"/signin/\?next=/people/"))
    page.get_by_label("Email").fill(person.email)
    page.get_by_label("Password").fill("not-the-password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert")).to_contain_text("do not match")
    page.get_by_label("Password").fill("correct-horse-battery")
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/people/$"))
    expect(page.get_by_role("heading", name="People")).to_be_visible()


def test_directory_search_and_department_filter(live_server, sign_in):
    sales, legal = DepartmentFactory(name="Sales"), DepartmentFactory(name="Legal")
    me = UserFactory(name="Maya Member", department=sales)
    UserFactory(name="Priya Contracts", department=legal, skills="contract review, GDPR")
    UserFactory(name="Bob Pipeline", department=sales, skills="CRM hygiene")
    page = sign_in(me)
    page.goto(f"{live_server.url}/people/")
    expect(page.locator(".person-card")).to_have_count(3)
    page.get_by_label("Search people").fill("contract")
    expect(page.locator(".person-card")).to_have_count(1)
    expect(page.locator(".person-card")).to_contain_text("Priya Contracts")
    page.get_by_label("Search people").fill("")
    page.get_by_label("Department").select_option(label="Sales")
    expect(page.locator(".person-card")).to_have_count(2)
    expect(page.locator("#results")).not_to_contain_text("Priya")


def test_profile_edit_and_token_create_copy_revoke(live_server, sign_in):
    me = UserFactory(name="Maya Member")
    page = sign_in(me)
    page.goto(f"{live_server.url}/settings/")
    page.get_by_label("Title").fill("Prompt Whisperer")
    page.get_by_label("Skills").fill("prompt writing, Excel")
    page.get_by_role("button", name="Save profile").click()
    expect(page.get_by_text("Your profile is saved.")).to_be_visible()
    page.get_by_label("Token name").fill("My laptop")
    page.get_by_role("button", name="Create token").click()
    token_text = page.locator("#new-token").inner_text()
    assert token_text.startswith("rpl_")
    page.get_by_role("button", name="Copy").click()
    expect(page.get_by_role("button", name="Copied")).to_be_visible()
    # The token works against the API, then stops working once revoked.
    response = page.request.get(
        f"{live_server.url}/api/v1/me", headers={"Authorization": f"Bearer {token_text}"}
    )
    assert response.status == 200 and response.json()["title"] == "Prompt Whisperer"
    page.reload()
    expect(page.locator("#new-token")).to_have_count(0)  # shown once only
    page.get_by_role("button", name="Revoke").click()
    expect(page.get_by_text("is revoked")).to_be_visible()
    assert ApiToken.objects.get(user=me).revoked_at is not None
    response = page.request.get(
        f"{live_server.url}/api/v1/me", headers={"Authorization": f"Bearer {token_text}"}
    )
    assert response.status == 401
    page.goto(f"{live_server.url}/people/{me.pk}/")
    expect(page.get_by_role("heading", name="Maya Member")).to_be_visible()
    expect(page.get_by_text("Prompt Whisperer")).to_be_visible()
