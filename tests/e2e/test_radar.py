"""The conversation radar in a browser: upload an export and watch its progress, open a pocket,
approve a harvested prompt (credited to its author), at desktop and phone widths."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from ripple.library.models import Prompt
from ripple.people.models import Role
from tests.factories import UserFactory
from tests.radar import exports

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_upload_watch_progress_open_a_pocket_and_approve_a_prompt(live_server, sign_in, tmp_path):
    admin = UserFactory(name="Ada Admin", email="ada@example.org", role=Role.ADMIN)
    ben = UserFactory(name="Ben Helper", email="ben@example.org")
    UserFactory(name="Ana Asker", email="ana@example.org")
    export = tmp_path / "slack-export.zip"
    export.write_bytes(exports.export({"eng-copilot/2026-03-02.json": exports.thread(2)}))
    page = sign_in(admin)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/radar/")
    expect(page.get_by_role("heading", name="No AI conversations yet")).to_be_visible()
    page.get_by_role("link", name="Import a Slack export").first.click()
    page.get_by_label("Slack export (.zip)").set_input_files(str(export))
    page.get_by_role("button", name="Upload and import").click()
    page.wait_for_url("**/radar/imports/*/")
    status = page.locator("#import-job")
    expect(status).to_have_attribute("data-status", "done")
    expect(status.locator("progress")).to_have_attribute("value", "100")
    expect(page.locator("#job-detail")).to_contain_text("Added 3 message(s)")

    page.get_by_role("link", name="See the pockets").click()
    page.get_by_role("link", name="#eng-copilot").click()
    expect(page.locator("#pocket-ai")).to_have_text("3")
    expect(page.locator("#radar-chart")).to_be_visible()
    expect(page.get_by_role("link", name="Invite its people to show & tell")).to_be_visible()
    page.screenshot(path=str(tmp_path / "pocket-1280.png"), full_page=True)

    page.goto(f"{live_server.url}/radar/harvest/")
    page.locator("#harvest-list h2 a").first.click()
    page.get_by_label("Title").fill("Release notes from commits")
    page.get_by_role("button", name="Approve, credited to the author").click()
    expect(page.get_by_text("Published “Release notes from commits”")).to_be_visible()
    assert Prompt.objects.get(title="Release notes from commits").owner == ben

    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(f"{live_server.url}/radar/")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, width
    page.screenshot(path=str(tmp_path / "radar-390.png"), full_page=True)
