"""Show & tell in a real browser: sign up for a slot and cancel it; a host reorders the agenda and moves a
session; the calendar feed is downloaded and parsed back."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar
from playwright.sync_api import expect

from ripple.showcase import actions
from ripple.showcase.models import Occurrence, Slot
from tests.factories import UserFactory
from tests.showcase.conftest import make_series, upcoming

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def host(db):
    return UserFactory(name="Hana Host", role="facilitator")


def test_sign_up_for_a_slot_then_cancel_it(live_server, sign_in, host):
    series = make_series(host)
    me = UserFactory(name="Sami Signup")
    page = sign_in(me)
    page.goto(f"{live_server.url}/show/")
    page.get_by_role("link", name="Sign up to demo").click()
    page.get_by_label("Title").fill("A prompt that writes my stand-up notes")
    page.get_by_label("AI fail").check()
    page.get_by_role("button", name="Sign up").click()
    expect(page.get_by_text("You are on the agenda")).to_be_visible()
    agenda = page.locator("#agenda")
    expect(agenda).to_contain_text("A prompt that writes my stand-up notes")
    expect(agenda).to_contain_text("AI fail")
    expect(agenda).to_contain_text("New face")
    page.get_by_role("button", name="Cancel my slot").click()
    expect(page.get_by_text("is off the agenda")).to_be_visible()
    expect(page.locator("#agenda")).not_to_contain_text("stand-up notes")
    assert Slot.objects.get(occurrence=upcoming(series)).status == "cancelled"


def test_host_reorders_the_agenda_and_moves_the_session(live_server, sign_in, host):
    series = make_series(host)
    session = upcoming(series)
    for title in ("First demo", "Second demo", "Third demo"):
        actions.slot_sign_up(actor=UserFactory(), occurrence=session, title=title)
    page = sign_in(host)
    page.goto(f"{live_server.url}/show/{series.slug}/{session.pk}/")
    page.get_by_role("button", name="Move “Third demo” up").click()
    expect(page.locator("#agenda .agenda-item").nth(1)).to_contain_text("Third demo")
    order = list(Slot.objects.filter(occurrence=session).order_by("position").values_list("title", flat=True))
    assert order == ["First demo", "Third demo", "Second demo"]
    page.get_by_role("link", name="Move this session").click()
    new_start = (session.starts_at + timedelta(days=1, hours=1)).astimezone(ZoneInfo("Europe/London"))
    page.get_by_label("New start").fill(new_start.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_role("button", name="Move session").click()
    expect(page.get_by_text("Moved.")).to_be_visible()
    expect(page.locator("h1")).to_contain_text("Moved")
    session.refresh_from_db()
    assert session.starts_at == new_start and session.sequence == 1


def test_download_the_feed_and_parse_it(live_server, sign_in, host):
    series = make_series(host, title="Feed test show")
    me = UserFactory(name="Cal Endar")
    actions.slot_sign_up(actor=me, occurrence=upcoming(series, 1), title="Calendar magic")
    page = sign_in(me)
    page.goto(f"{live_server.url}/show/calendar/")
    page.get_by_role("button", name="Turn on my calendar feed").click()
    url = page.locator("#feed-url").inner_text().strip()
    response = page.request.get(url)
    assert response.ok and response.headers["content-type"].startswith("text/calendar")
    cal = Calendar.from_ical(response.body())
    (event,) = cal.walk("VEVENT")
    assert str(event["UID"]) == upcoming(series, 1).uid and "Calendar magic" in str(event["DESCRIPTION"])
    page.goto(f"{live_server.url}/show/{series.slug}/")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the series calendar (.ics)").click()
    body = Path(download.value.path()).read_bytes()
    events = Calendar.from_ical(body).walk("VEVENT")
    assert len(events) == Occurrence.objects.filter(series=series).count()
