"""The sharing space in a real browser: win, similar questions, answer + accept, anonymous, kudos, promote."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from ripple.feed import actions
from ripple.feed.models import Kudos, Post
from tests.factories import PASSWORD, DepartmentFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def sign_in_new(browser, live_server, person) -> Page:
    """A second person in their own browser context."""
    page = browser.new_context().new_page()
    page.goto(f"{live_server.url}/signin/")
    page.get_by_label("Email").fill(person.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(lambda url: "/signin/" not in url)
    return page


def test_post_a_win(live_server, sign_in):
    me = UserFactory(name="Wendy Winner", department=DepartmentFactory(name="Finance"))
    page = sign_in(me)
    page.goto(f"{live_server.url}/feed/")
    expect(page.get_by_text("be the first")).to_be_visible()
    page.get_by_role("link", name="Share something").click()
    page.get_by_label("Title").fill("Month-end checklist in 15 minutes")
    page.get_by_label("Tool used").fill("Copilot")
    page.get_by_label("Minutes saved").fill("45")
    page.get_by_label("What did you do?").fill("I pasted last month's checklist and asked for **gaps**.")
    page.get_by_role("button", name="Post", exact=True).click()
    expect(page.get_by_role("heading", name="Month-end checklist in 15 minutes")).to_be_visible()
    expect(page.get_by_text("45 min")).to_be_visible()
    page.get_by_role("button", name="🙋 I tried it too").click()
    expect(page.locator(".reaction.is-mine")).to_have_count(1)
    page.goto(f"{live_server.url}/feed/")
    expect(page.locator(".post-card")).to_contain_text("Month-end checklist")


def test_similar_questions_appear_while_typing(live_server, sign_in):
    asker = UserFactory(name="Early Asker")
    actions.post_create(
        actor=asker, kind="question", title="How do I summarise long contracts?", body="Legal"
    )
    me = UserFactory(name="Sam Second")
    page = sign_in(me)
    page.goto(f"{live_server.url}/feed/new/?kind=question")
    expect(page.locator("#similar")).not_to_contain_text("summarise")
    page.get_by_label("Title").press_sequentially("summarise contracts", delay=20)
    expect(page.locator("#similar")).to_contain_text("How do I summarise long contracts?")


def test_answer_and_accept(live_server, sign_in, browser):
    asker = UserFactory(name="Quinn Question")
    helper = UserFactory(name="Hana Helper")
    question = actions.post_create(
        actor=asker, kind="question", title="Which prompt for meeting notes?", body="?"
    )
    helper_page = sign_in_new(browser, live_server, helper)
    helper_page.goto(f"{live_server.url}{question.get_absolute_url()}")
    helper_page.get_by_label("Your reply").fill("Ask for decisions, owners and dates.")
    helper_page.get_by_role("button", name="Reply").click()
    expect(helper_page.locator(".reply")).to_contain_text("decisions, owners and dates")
    page = sign_in(asker)
    page.goto(f"{live_server.url}/feed/")
    expect(page.locator(".inbox-link .badge")).to_have_text(
        "1 unread"
    )  # the reply; " unread" for screen readers
    page.goto(f"{live_server.url}{question.get_absolute_url()}")
    page.get_by_role("button", name="Accept this answer").click()
    expect(page.locator(".reply.is-accepted")).to_contain_text("Accepted answer")
    assert Post.objects.get(pk=question.pk).accepted_reply is not None


def test_ask_anonymously_and_others_cannot_see_who(live_server, sign_in, browser):
    shy = UserFactory(name="Shy Sasha")
    other = UserFactory(name="Curious Casey")
    page = sign_in(shy)
    page.goto(f"{live_server.url}/feed/new/?kind=question")
    page.get_by_label("Title").fill("Is it silly to ask what a token is?")
    page.get_by_label("Details").fill("Everyone says tokens and I nod along.")
    page.get_by_label(re.compile("Post anonymously")).check()
    page.get_by_role("button", name="Ask").click()
    expect(page.get_by_text("You posted this anonymously")).to_be_visible()
    url = page.url
    other_page = sign_in_new(browser, live_server, other)
    other_page.goto(url)
    expect(other_page.locator(".post-byline")).to_contain_text("Anonymous")
    expect(other_page.locator("body")).not_to_contain_text("Shy Sasha")
    other_page.goto(f"{live_server.url}/feed/")
    expect(other_page.locator(".post-card")).to_contain_text("Anonymous")
    expect(other_page.locator("body")).not_to_contain_text("Shy Sasha")


def test_give_kudos(live_server, sign_in):
    me = UserFactory(name="Grace Giver")
    UserFactory(name="Rita Receiver")
    page = sign_in(me)
    page.goto(f"{live_server.url}/feed/kudos/")
    page.get_by_label("To").fill("Rit")  # a search-as-you-type picker, not a 150-name list
    page.get_by_role("option", name="Rita Receiver").click()
    page.get_by_label("Message").fill("Your Excel tip saved my Friday!")
    page.get_by_role("button", name="Send kudos").click()
    expect(page.get_by_text("Kudos sent")).to_be_visible()
    expect(page.locator(".kudos-list")).to_contain_text("Your Excel tip saved my Friday!")
    assert Kudos.objects.get().recipients.get().name == "Rita Receiver"


def test_promote_a_tip(live_server, sign_in):
    me = UserFactory(name="Tom Tipster")
    tip = actions.post_create(
        actor=me, kind="tip", title="Ask for a rubric before a summary", body="Rubric first."
    )
    page = sign_in(me)
    page.goto(f"{live_server.url}{tip.get_absolute_url()}")
    page.get_by_role("link", name="Promote to library").click()
    expect(page.get_by_label("Title")).to_have_value("Ask for a rubric before a summary")
    page.get_by_role("button", name="Create the prompt").click()
    expect(page).to_have_url(re.compile(r"/library/"))
    expect(page.get_by_role("heading", name="Ask for a rubric before a summary")).to_be_visible()
    page.goto(f"{live_server.url}{tip.get_absolute_url()}")
    expect(page.get_by_text("Promoted from this post")).to_be_visible()
