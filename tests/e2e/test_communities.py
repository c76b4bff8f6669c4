"""Communities in a real browser: start one (prefilled as the radar links it), someone joins and posts in
it, an admin endorses it and the directory marks it; at phone width too."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from ripple.communities.models import Community
from ripple.feed.models import Post
from tests.factories import UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_create_join_post_and_endorse(live_server, sign_in, page, tmp_path):
    creator = UserFactory(name="Cara Creator")
    sign_in(creator)
    page.goto(f"{live_server.url}/communities/new/?name=sales-ai&purpose=AI+for+account+research")
    expect(page.get_by_label("Name")).to_have_value("sales-ai")
    page.get_by_label("Name").fill("Sales AI")
    page.get_by_role("button", name="Start it").click()
    expect(page.get_by_role("heading", name="Sales AI", level=1)).to_be_visible()
    community = Community.objects.get(name="Sales AI")

    page.context.clear_cookies()
    joiner = UserFactory(name="Jo Joiner")
    sign_in(joiner)
    page.goto(f"{live_server.url}/communities/")
    page.get_by_role("link", name="Sales AI").click()
    page.get_by_role("button", name="Join").click()
    expect(page.get_by_text("Welcome to Sales AI")).to_be_visible()
    page.get_by_text("Post in Sales AI").click()
    page.get_by_label("Title").first.fill("Research a prospect in five minutes")
    page.get_by_label("Text (Markdown)").fill("Paste the annual report, ask for three talking points.")
    page.get_by_role("button", name="Post", exact=True).click()
    expect(page.locator("#posts")).to_contain_text("Research a prospect in five minutes")
    assert Post.objects.get().space_id == community.space_id

    page.context.clear_cookies()
    admin = UserFactory(name="Adi Admin", role="admin")
    sign_in(admin)
    page.goto(f"{live_server.url}{community.get_absolute_url()}")
    page.get_by_label("Time given (hours per month)").fill("6")
    page.get_by_label("Note").fill("Backed by Sales leadership.")
    page.get_by_role("button", name="Endorse", exact=True).click()
    expect(page.locator("#endorsement")).to_contain_text("Endorsed by Adi Admin")
    expect(page.locator("#endorsement")).to_contain_text("6 h per month")
    page.goto(f"{live_server.url}/communities/?filter=endorsed")
    card = page.locator(".community-card", has_text="Sales AI")
    expect(card).to_contain_text("Endorsed")
    page.screenshot(path=tmp_path / "communities-1280.png", full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}{community.get_absolute_url()}")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=tmp_path / "communities-390.png", full_page=True)
