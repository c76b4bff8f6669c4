"""The controls people expect, in a real browser (issue #15): pickers that search as you type, the
time zone from the browser, one-click star rating, the first-day checklist."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from ripple.feed import actions as feed_actions
from ripple.feed.models import Kudos, Post
from ripple.library.models import Rating
from ripple.people.models import User
from tests.factories import PASSWORD, DepartmentFactory, UserFactory
from tests.library.factories import make_prompt

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_kudos_recipients_are_picked_by_typing_with_the_keyboard(live_server, sign_in):
    me = UserFactory(name="Grace Giver")
    for i in range(30):
        UserFactory(name=f"Colleague {i:02d}")
    UserFactory(name="Rita Receiver", department=DepartmentFactory(name="Finance"))
    UserFactory(name="Rob Silva")
    page = sign_in(me)
    page.goto(f"{live_server.url}/feed/kudos/")
    to = page.get_by_role("combobox", name="To")
    to.fill("ri")
    expect(to).to_have_attribute("aria-expanded", "true")
    expect(page.get_by_role("option", name="Rita Receiver")).to_be_visible()
    expect(page.get_by_role("option")).to_have_count(1)
    page.keyboard.press("ArrowDown")
    expect(page.get_by_role("option", name="Rita Receiver")).to_have_attribute("aria-selected", "true")
    page.keyboard.press("Enter")  # picks; does not send the form
    expect(page.locator(".picker-chip")).to_have_text("Rita Receiver×")
    to.fill("silva")  # any word of the name
    page.get_by_role("option", name="Rob Silva").click()
    expect(page.locator(".picker-chip")).to_have_count(2)
    page.get_by_role("button", name="Remove Rob Silva").click()
    expect(page.locator(".picker-chip")).to_have_count(1)
    page.get_by_label("Message").fill("Thanks for the budget template!")
    page.get_by_role("button", name="Send kudos").click()
    expect(page.get_by_text("Kudos sent")).to_be_visible()
    assert [p.name for p in Kudos.objects.get().recipients.all()] == ["Rita Receiver"]


def test_linking_prompts_to_a_post_searches_the_library_by_title(live_server, sign_in):
    me = UserFactory(name="Tia Tipster")
    prompt = make_prompt(owner=UserFactory(), title="Renewal email for a churn risk")
    make_prompt(owner=UserFactory(), title="Interview synthesis")
    page = sign_in(me)
    page.goto(f"{live_server.url}/feed/new/?kind=tip")
    page.get_by_label("Title").fill("A renewal email that lands")
    page.get_by_label("Text").fill("Start from the library prompt and add the customer's last ticket.")
    page.get_by_role("combobox", name="Library prompts (optional)").fill("renew")
    page.get_by_role("option", name="Renewal email for a churn risk").click()
    expect(page.locator(".picker-chip")).to_contain_text("Renewal email for a churn risk")
    page.get_by_role("button", name="Post", exact=True).click()
    expect(page.get_by_role("heading", name="A renewal email that lands")).to_be_visible()
    assert Post.objects.get().prompt_ids == [prompt.pk]


def test_time_zone_searches_and_defaults_from_the_browser(live_server, browser):
    me = UserFactory(name="Zoe Zone", time_zone="UTC")
    context = browser.new_context(timezone_id="Asia/Tokyo")
    page = context.new_page()
    page.goto(f"{live_server.url}/signin/")
    page.get_by_label("Email").fill(me.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(lambda url: "/signin/" not in url)
    page.goto(f"{live_server.url}/settings/")
    zone = page.get_by_role("combobox", name="Time zone")
    expect(zone).to_have_value("Asia/Tokyo")
    expect(page.get_by_text("Filled in from your browser (Asia/Tokyo)")).to_be_visible()
    zone.fill("new yo")
    page.get_by_role("option", name="America/New York").click()
    expect(zone).to_have_value("America/New_York")
    page.get_by_role("button", name="Save profile").click()
    expect(page.get_by_text("saved", exact=False).first).to_be_visible()
    assert User.objects.get(pk=me.pk).time_zone == "America/New_York"
    context.close()


def test_rating_is_one_click_on_a_star_and_works_from_the_keyboard(live_server, sign_in):
    me = UserFactory(name="Rae Rater")
    prompt = make_prompt(owner=UserFactory(name="Owen Owner"))
    page = sign_in(me)
    page.goto(f"{live_server.url}{prompt.get_absolute_url()}")
    expect(page.get_by_role("button", name="Save rating")).to_have_count(0)  # no Save button with JS
    page.get_by_text("★").nth(3).click()  # the fourth star
    expect(page.get_by_role("status").filter(has_text="Saved: 4 stars")).to_be_visible()
    assert Rating.objects.get(person=me).stars == 4
    four = page.get_by_role("radio", name="4 stars")
    expect(four).to_be_checked()
    four.focus()
    page.keyboard.press("ArrowRight")
    expect(page.get_by_role("radio", name="5 stars")).to_be_checked()
    expect(page.get_by_role("status").filter(has_text="Saved: 5 stars")).to_be_visible()
    assert Rating.objects.get(person=me).stars == 5


def test_a_new_person_sees_a_checklist_that_ticks_off_and_can_be_dismissed(live_server, sign_in):
    newcomer = UserFactory(name="Nina New", skills="", department=None)
    author = UserFactory(name="Ari Author")
    feed_actions.post_create(actor=author, kind="tip", title="Excel tip", body="b", topics="excel, sql")
    page = sign_in(newcomer)
    page.goto(f"{live_server.url}/feed/")
    checklist = page.get_by_role("region", name="Your first steps in Ripple")
    expect(checklist).to_be_visible()
    expect(checklist.get_by_role("link")).to_have_count(4)
    checklist.get_by_role("link", name="Follow two topics").click()
    page.get_by_role("button", name="Follow #excel").click()
    expect(page.get_by_role("button", name="Following #excel")).to_be_visible()
    page.get_by_role("button", name="Follow #sql").click()
    expect(page.get_by_role("button", name="Following #sql")).to_be_visible()
    page.goto(f"{live_server.url}/feed/")
    expect(checklist.get_by_text("Follow two topics (done)")).to_be_attached()
    expect(checklist.get_by_role("link")).to_have_count(3)
    checklist.get_by_role("button", name="Dismiss the first-steps checklist").click()
    expect(checklist).to_have_count(0)
    page.reload()
    expect(page.get_by_role("heading", name="Feed")).to_be_visible()
    expect(page.get_by_role("region", name="Your first steps in Ripple")).to_have_count(0)


def test_mentions_are_picked_with_the_keyboard(live_server, sign_in):
    me = UserFactory(name="Mo Mentioner")
    UserFactory(name="Rita Receiver", email="rita@example.org")
    page = sign_in(me)
    page.goto(f"{live_server.url}/feed/new/?kind=tip")
    body = page.get_by_label("Text")
    body.click()
    page.keyboard.type("Thanks @Ri")
    expect(page.get_by_role("option", name="Rita Receiver @rita")).to_be_visible()
    page.keyboard.press("ArrowDown")
    expect(page.get_by_role("option", name="Rita Receiver @rita")).to_have_attribute("aria-selected", "true")
    page.keyboard.press("Enter")
    expect(body).to_have_value("Thanks @rita ")
    expect(body).to_be_focused()
