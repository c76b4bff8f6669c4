"""The feed's community filter in a real browser: picking a community shows only its posts (HTMX, the URL
follows), the Unsolved tab keeps it, the other filters still work beside it; at 1280 and 390 px
(screenshots in var/test/screens/, no horizontal scroll on a phone)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from ripple.communities import actions as community_actions
from ripple.feed import actions as feed_actions
from tests.factories import UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SHOTS = Path(__file__).resolve().parents[2] / "var" / "test" / "screens"


def _world():
    me, lead = UserFactory(name="Fay Filter"), UserFactory(name="Lee Lead")
    excel = community_actions.community_create(
        actor=lead, name="Excel wizards and spreadsheet whisperers of the finance floor", purpose="Sheets."
    )
    other = community_actions.community_create(actor=lead, name="Prompt poets", purpose="Words.")
    community_actions.join(actor=me, community=excel)
    feed_actions.post_create(
        actor=lead, kind="question", title="Pivot by quarter?", body="?", space=excel.space
    )
    feed_actions.post_create(actor=lead, kind="tip", title="Name your ranges", body="x", space=excel.space)
    feed_actions.post_create(
        actor=lead, kind="question", title="Rhymes with prompt?", body="?", space=other.space
    )
    feed_actions.post_create(actor=lead, kind="question", title="Whole-org question", body="?")
    return me, excel


def test_pick_a_community_then_the_unsolved_tab_keeps_it(live_server, sign_in):
    me, excel = _world()
    page = sign_in(me)
    page.goto(f"{live_server.url}/feed/")
    expect(page.locator(".post-card")).to_have_count(4)
    page.get_by_label("Community").select_option(str(excel.space_id))
    expect(page.locator(".post-card")).to_have_count(2)
    expect(page.locator("#results")).not_to_contain_text("Rhymes with prompt?")
    expect(page.locator("#results")).not_to_contain_text("Whole-org question")
    expect(page).to_have_url(re.compile(rf"space={excel.space_id}"))
    expect(page.get_by_label("Community")).to_be_visible()  # the control is still there, not swapped away
    page.get_by_label("Kind").select_option("tip")  # the other filters still work beside it
    expect(page.locator(".post-card")).to_have_count(1)
    expect(page.locator(".post-card")).to_contain_text("Name your ranges")
    page.get_by_label("Kind").select_option("")
    expect(page.locator(".post-card")).to_have_count(2)

    page.get_by_role("link", name="Unsolved").click()
    expect(page).to_have_url(re.compile(rf"tab=unsolved.*space={excel.space_id}"))
    expect(page.locator(".post-card")).to_have_count(1)
    expect(page.locator(".post-card")).to_contain_text("Pivot by quarter?")
    expect(page.get_by_label("Community")).to_have_value(str(excel.space_id))

    page.get_by_label("Community").select_option("")  # all communities again, still on Unsolved
    expect(page.locator(".post-card")).to_have_count(3)
    expect(page).to_have_url(re.compile(r"tab=unsolved"))


def test_the_filter_fits_a_phone(live_server, sign_in):
    me, excel = _world()
    page = sign_in(me)
    SHOTS.mkdir(parents=True, exist_ok=True)
    for width, height in ((1280, 900), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        page.goto(f"{live_server.url}/feed/?space={excel.space_id}")
        expect(page.get_by_label("Community")).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        box = page.get_by_label("Community").bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width
        page.screenshot(path=str(SHOTS / f"feed-community-filter-{width}.png"), full_page=True)
