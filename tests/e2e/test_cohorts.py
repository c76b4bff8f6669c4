"""Cohorts in a real browser: a facilitator creates a cohort, a member joins it, checks in for the week
and sees the board; the facilitator sees the board and the report (screenshots at 1280 and 390 px)."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from ripple.cohorts.models import CheckIn, Cohort
from tests.factories import UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
SHOTS = Path(__file__).resolve().parents[2] / "var" / "test" / "screens"


def test_create_join_check_in_and_see_the_board(live_server, sign_in, page, browser):
    fay = UserFactory(name="Fay Facilitator", role="facilitator")
    maya = UserFactory(name="Maya Member")
    sign_in(fay)
    page.goto(f"{live_server.url}/cohorts/")
    page.get_by_role("link", name="Start a cohort").first.click()
    page.get_by_label("Name").fill("Prompting for writers")
    page.get_by_label("Goal").fill("Draft one real document a week with AI")
    page.get_by_label("First week starts on").fill(timezone.localdate().isoformat())
    page.get_by_role("button", name="Create cohort").click()
    expect(page.get_by_text("Your cohort is ready")).to_be_visible()
    cohort = Cohort.objects.get(name="Prompting for writers")

    page.context.clear_cookies()
    sign_in(maya)
    page.goto(f"{live_server.url}/cohorts/")
    page.get_by_role("link", name="Prompting for writers").click()
    page.get_by_role("button", name="Join this cohort").click()
    expect(page.get_by_text("Welcome to “Prompting for writers”")).to_be_visible()
    page.get_by_role("link", name="Check in for week 1").click()
    page.get_by_label("What I tried").fill("Asked it to outline my report")
    page.get_by_label("Minutes saved (your estimate)").fill("25")
    page.get_by_label("4").check()
    page.get_by_role("button", name="Check in").click()
    expect(page.get_by_text("Checked in for week 1")).to_be_visible()
    board = page.locator("#board")
    expect(board).to_contain_text("Maya Member")
    expect(board.locator("td.cell-checked_in")).to_have_count(1)
    assert CheckIn.objects.get(cohort=cohort, person=maya).minutes_saved == 25

    page.context.clear_cookies()
    sign_in(fay)
    SHOTS.mkdir(parents=True, exist_ok=True)
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        for name, path in (
            ("board", "board/"),
            ("report", "report/"),
            ("cohort", ""),
            ("messages", "messages/"),
        ):
            page.goto(f"{live_server.url}/cohorts/{cohort.pk}/{path}")
            assert page.evaluate("document.documentElement.scrollWidth") <= width, (name, width)
            page.screenshot(path=str(SHOTS / f"cohort-{name}-{width}.png"), full_page=True)
    page.goto(f"{live_server.url}/cohorts/{cohort.pk}/report/")
    expect(page.locator("#cohort-chart")).to_be_visible()
    expect(page.get_by_text("saved, self-reported")).to_be_visible()
