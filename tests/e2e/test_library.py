"""The prompt library in a real browser: share, use with the live preview, search, fork, suggest, history."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from ripple.library import actions
from ripple.library.models import Prompt, Suggestion
from tests.factories import DepartmentFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_share_then_use_with_live_preview_and_copy(live_server, sign_in):
    me = UserFactory(name="Maya Member", department=DepartmentFactory(name="Sales"))
    page: Page = sign_in(me)
    page.goto(f"{live_server.url}/library/")
    expect(page.get_by_text("waiting for its first prompt")).to_be_visible()
    page.get_by_role("link", name="Share a prompt").first.click()
    page.get_by_label("Title").fill("Renewal email")
    page.get_by_label("Prompt", exact=True).fill(
        "Write to {{customer}} about {{topic:pricing}} in a {{tone:warm|formal}} tone."
    )
    page.get_by_label("ChatGPT").check()
    page.get_by_label("Tags").fill("email, renewals")
    page.get_by_role("button", name="Share it").click()
    expect(page.get_by_role("heading", name="Renewal email", level=1)).to_be_visible()
    expect(page.get_by_text("How to check the output is missing.")).to_be_visible()
    preview = page.locator("#filled-prompt")
    expect(preview).to_have_text("Write to {{customer}} about pricing in a warm tone.")
    page.get_by_label("Customer").fill("Acme")
    page.get_by_label("Tone").select_option("formal")
    expect(preview).to_have_text("Write to Acme about pricing in a formal tone.")
    page.get_by_role("button", name="Copy prompt").click()
    expect(page.get_by_role("button", name="Copied")).to_be_visible()
    assert page.get_by_role("button", name="Copied").get_attribute("data-copied") == (
        "Write to Acme about pricing in a formal tone."
    )


def test_malformed_variable_error_shows_position(live_server, sign_in):
    page = sign_in(UserFactory())
    page.goto(f"{live_server.url}/library/prompts/new/")
    page.get_by_label("Title").fill("Broken")
    page.get_by_label("Prompt", exact=True).fill("Hello\n  {{name")
    page.get_by_role("button", name="Share it").click()
    expect(page.get_by_role("alert")).to_contain_text("Line 2, column 3")
    assert not Prompt.objects.exists()


def test_search_as_you_type_and_reuse(live_server, sign_in):
    author = UserFactory(name="Lena Legal")
    actions.prompt_create(
        actor=author, title="NDA first pass", body="Review this NDA: {{nda}}", tags=["contracts"]
    )
    actions.prompt_create(actor=author, title="Board summary", body="Summarise the board pack")
    me = UserFactory()
    page = sign_in(me)
    page.goto(f"{live_server.url}/library/")
    expect(page.locator(".prompt-card")).to_have_count(2)
    page.get_by_label("Search prompts").fill("contracts")
    expect(page.locator(".prompt-card")).to_have_count(1)
    expect(page.locator(".prompt-card")).to_contain_text("NDA first pass")
    expect(page).to_have_url(re.compile(r"q=contracts"))
    page.get_by_role("link", name="NDA first pass").click()
    page.get_by_label("Minutes saved").fill("25")
    page.get_by_role("button", name="I used this").click()
    expect(page.get_by_text("saved 25 minutes")).to_be_visible()
    expect(page.locator(".stat-board")).to_contain_text("25 min")


def test_fork_suggest_accept_and_history(live_server, sign_in, browser):
    sales, support = DepartmentFactory(name="Sales"), DepartmentFactory(name="Support")
    owner = UserFactory(name="Olga Owner", department=sales)
    prompt = actions.prompt_create(
        actor=owner, title="Call prep", body="Prepare me for a call with {{company}}."
    )
    me = UserFactory(name="Sid Support", department=support)
    page = sign_in(me)
    page.goto(f"{live_server.url}{prompt.get_absolute_url()}")
    page.get_by_role("link", name="Fork").click()
    expect(page.get_by_role("heading", name="Your copy of “Call prep”")).to_be_visible()
    page.get_by_label("Title").fill("Renewal call prep")
    page.get_by_role("button", name="Save my fork").click()
    page.get_by_role("link", name="Lineage").click()
    tree = page.locator(".family-tree")
    expect(tree).to_contain_text("Call prep")
    expect(tree).to_contain_text("Renewal call prep")
    expect(page.get_by_text("across 2 departments")).to_be_visible()

    page.goto(f"{live_server.url}{prompt.get_absolute_url()}")
    page.get_by_role("link", name="Suggest an edit").click()
    page.get_by_label("How to check the output").fill("Check the company facts on their website.")
    page.get_by_label("Why this change").fill("Adds a check")
    page.get_by_role("button", name="Send suggestion").click()
    suggestion = Suggestion.objects.get()

    owner_page = browser.new_page()
    owner_page.goto(f"{live_server.url}/signin/")
    owner_page.get_by_label("Email").fill(owner.email)
    owner_page.get_by_label("Password").fill("correct-horse-battery")
    owner_page.get_by_role("button", name="Sign in").click()
    owner_page.goto(f"{live_server.url}{prompt.get_absolute_url()}suggestions/{suggestion.pk}/")
    expect(owner_page.locator(".diff ins")).to_contain_text("Check the company facts")
    owner_page.get_by_role("button", name="Accept as version 2").click()
    expect(owner_page.get_by_text("now version 2")).to_be_visible()
    owner_page.get_by_role("link", name="History (2)").click()
    expect(
        owner_page.get_by_role("heading", name="v1 → v2: Suggested by Sid Support: Adds a check")
    ).to_be_visible()
    expect(owner_page.locator(".diff ins").first).to_contain_text("Check the company facts")
