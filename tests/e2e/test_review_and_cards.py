"""Issue 15 in a real browser: feed cards, the Unsolved tab, fork-then-edit (cancel leaves nothing),
promote preview, the API's secret refusal, an admin bulk action and a department merge."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from ripple.feed import actions as feed_actions
from ripple.library import actions as library_actions
from ripple.library.models import Prompt
from ripple.people import actions as people_actions
from ripple.people.models import Department, Role, User
from tests.factories import DepartmentFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_feed_cards_and_the_unsolved_tab(live_server, sign_in):
    me, helper = UserFactory(name="Cara Card"), UserFactory(name="Hal Helper")
    tip = feed_actions.post_create(
        actor=helper, kind="tip", title="Rubric first", body="**Ask** for a rubric."
    )
    feed_actions.reaction_set(actor=me, post=tip, emoji="applause", on=True)
    replied = feed_actions.post_create(actor=me, kind="question", title="Replied, not solved", body="Hmm?")
    feed_actions.reply_create(actor=helper, post=replied, body="Maybe this")
    feed_actions.post_create(actor=helper, kind="question", title="Shy one", body="Help", anonymous=True)
    page = sign_in(me)
    page.goto(f"{live_server.url}/feed/")
    card = page.locator(".post-card", has_text="Rubric first")
    expect(card.locator(".avatar")).to_have_text("HH")
    expect(card.locator(".post-excerpt")).to_have_text("Ask for a rubric.")
    expect(card.locator(".reaction-count.is-mine")).to_contain_text("👏 1")
    expect(page.locator(".post-card", has_text="Shy one").locator(".avatar-anon")).to_be_visible()
    page.get_by_role("link", name="Unsolved").click()
    expect(page.locator(".post-card")).to_have_count(2)
    expect(page.locator(".post-card", has_text="Replied, not solved")).to_contain_text("1 reply")
    page.get_by_role("link", name="Unanswered").click()
    expect(page.locator(".post-card")).to_have_count(1)
    expect(page.locator(".post-card")).to_contain_text("Shy one")


def test_fork_then_cancel_leaves_nothing_and_save_creates_the_copy(live_server, sign_in):
    owner, me = UserFactory(name="Olga Owner"), UserFactory(name="Fred Forker")
    original = library_actions.prompt_create(actor=owner, title="Call prep", body="Prepare {{company}}.")
    page = sign_in(me)
    page.goto(f"{live_server.url}{original.get_absolute_url()}")
    page.get_by_role("link", name="Fork").click()
    expect(page.get_by_label("Title")).to_have_value("Call prep")
    page.get_by_role("link", name="Cancel").click()
    expect(page).to_have_url(re.compile(rf"/library/prompts/{original.pk}/$"))
    assert Prompt.objects.count() == 1
    page.get_by_role("link", name="Fork").click()
    page.get_by_label("Title").fill("Call prep for renewals")
    page.get_by_role("button", name="Save my fork").click()
    expect(page.get_by_role("heading", name="Call prep for renewals", level=1)).to_be_visible()
    assert Prompt.objects.filter(forked_from=original, owner=me).count() == 1


def test_promote_preview_is_editable_before_it_is_created(live_server, sign_in):
    me = UserFactory(name="Tina Tip")
    tip = feed_actions.post_create(actor=me, kind="tip", title="Meeting notes", body="Summarise the notes.")
    page = sign_in(me)
    page.goto(f"{live_server.url}{tip.get_absolute_url()}")
    page.get_by_role("link", name="Promote to library").click()
    expect(page.get_by_role("heading", name="Promote to the library")).to_be_visible()
    assert Prompt.objects.count() == 0
    page.get_by_label("Prompt", exact=True).fill("Summarise these notes as decisions and owners: {{notes}}")
    page.get_by_label("How to check the output").fill("Every owner named must be in the notes.")
    page.get_by_role("button", name="Create the prompt").click()
    expect(page.locator(".use-card textarea")).to_have_count(1)  # the {{notes}} blank to fill in
    prompt = Prompt.objects.get()
    assert prompt.owner == me and prompt.check_output.startswith("Every owner")


def test_api_refuses_a_secret_unless_told(live_server, page):
    me = UserFactory()
    _token, raw = people_actions.token_create(user=me, name="e2e")
    headers = {"Authorization": f"Bearer {raw}", "Content-Type": "application/json"}
    body = {"kind": "tip", "title": "Key", "body": "use sk-live-abcdefghijklmnopqrstuvwx1234"}
    refused = page.request.post(f"{live_server.url}/api/v1/posts", data=body, headers=headers)
    assert refused.status == 422 and "body" in refused.json()["errors"]
    allowed = page.request.post(
        f"{live_server.url}/api/v1/posts", data={**body, "redact": True}, headers=headers
    )
    assert allowed.status == 201 and "[redacted API key]" in allowed.json()["body"]


def test_admin_bulk_action_and_department_merge(live_server, sign_in):
    admin = UserFactory(name="Ada Admin", role=Role.ADMIN)
    sales, growth = DepartmentFactory(name="Sales"), DepartmentFactory(name="Growth")
    a = UserFactory(name="Anna Alpha", department=growth)
    b = UserFactory(name="Ben Beta", department=growth)
    page = sign_in(admin)
    page.goto(f"{live_server.url}/manage/people/?q=")
    page.get_by_label("Select Anna Alpha").check()
    page.get_by_label("Select Ben Beta").check()
    expect(page.locator("[data-selected-count]")).to_have_text("2 selected")
    page.get_by_label("Change to make").select_option("facilitator")
    page.get_by_role("button", name="Apply").click()
    expect(page.get_by_text("done for 2 people")).to_be_visible()
    assert set(User.objects.filter(pk__in=[a.pk, b.pk]).values_list("role", flat=True)) == {"facilitator"}
    page.get_by_label("Select everyone on this page").check()
    expect(page.get_by_label("Select Ada Admin")).to_be_checked()

    page.goto(f"{live_server.url}/manage/structure/")
    page.locator("summary", has_text="Growth").click()
    page.get_by_label("Merge Growth into").select_option(str(sales.pk))
    page.locator("form", has=page.get_by_label("Merge Growth into")).get_by_role(
        "button", name="Merge"
    ).click()
    expect(page.get_by_text("Growth is merged into Sales")).to_be_visible()
    assert not Department.objects.filter(name="Growth").exists()
    assert User.objects.filter(department=sales).count() == 2
