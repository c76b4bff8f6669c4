"""Spot the flaw in a real browser: select a span with the mouse (the Selection API maps it to the raw
text's offsets), say why, state confidence, submit — the key appears only after submitting, with my mark
matched; without a key beforehand anywhere in the page."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from ripple.drills import actions
from ripple.drills.models import Attempt, Mark
from ripple.people.models import Role
from tests.factories import PASSWORD, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

CODE = (
    "def page_of(items, page, per_page=20):\n"
    "    start = page * per_page\n"
    "    return items[start:start + per_page]\n"
)
SECRET = "pages are 1-based"


def _drill():
    fay = UserFactory(role=Role.FACILITATOR, name="Fay Facilitator")
    return actions.drill_create(
        actor=fay, title="Pagination helper", kind="code", language="python", tool="Copilot",
        prompt="Return one page (1-based).", output=CODE,
        flaws=[{"quote": "page * per_page", "explanation": f"Off by one: {SECRET}.", "severity": "critical"}],
    )  # fmt: skip


def _select(page: Page, text: str) -> None:
    """Select `text` inside the output as a person would (a DOM range, then the Selection API)."""
    page.evaluate(
        """(needle) => {
            const pre = document.getElementById("drill-output");
            const walker = document.createTreeWalker(pre, NodeFilter.SHOW_TEXT);
            let node;
            while ((node = walker.nextNode())) {
                const at = node.data.indexOf(needle);
                if (at >= 0) {
                    const range = document.createRange();
                    range.setStart(node, at);
                    range.setEnd(node, at + needle.length);
                    const sel = window.getSelection();
                    sel.removeAllRanges();
                    sel.addRange(range);
                    return;
                }
            }
            throw new Error("not found: " + needle);
        }""",
        text,
    )


def test_do_a_drill_and_see_the_key_only_after_submitting(live_server, sign_in):
    _drill()
    me = UserFactory(name="Maya Member")
    page: Page = sign_in(me)
    page.goto(f"{live_server.url}/drills/")
    page.get_by_role("link", name="Try it").click()
    expect(page.get_by_role("heading", name="Pagination helper")).to_be_visible()
    assert SECRET not in page.content()
    expect(page.locator("#fallback")).not_to_have_attribute("open", "")  # the script took over
    _select(page, "page * per_page")
    page.get_by_role("button", name="Mark the selection").click()
    page.get_by_label("Why is it wrong?").fill("Page 1 should start at 0")
    page.get_by_label("Confidence that your marks").fill("120")
    page.get_by_role("button", name="Submit my attempt").click()
    expect(page.get_by_text("Confidence must be between 50 and 100")).to_be_visible()
    assert SECRET not in page.content() and not Attempt.objects.exists()
    expect(page.locator("#mark-list li")).to_have_count(1)  # the refused form kept my mark
    expect(page.get_by_label("Why is it wrong?")).to_have_value("Page 1 should start at 0")
    page.get_by_label("Confidence that your marks").fill("85")
    page.get_by_role("button", name="Submit my attempt").click()
    expect(page.get_by_text("Found 1 of 1")).to_be_visible()
    expect(page.get_by_text(SECRET)).to_be_visible()
    expect(page.get_by_text("found flaw 1")).to_be_visible()
    mark = Mark.objects.get()
    assert CODE[mark.start : mark.end] == "page * per_page"
    assert Attempt.objects.get().confidence == 85
    expect(page.get_by_role("button", name="Submit my attempt")).to_have_count(0)
    page.get_by_role("link", name="How well calibrated am I?").click()
    expect(page.locator("#verdict")).to_contain_text("underconfident by 15 points")
    expect(page.locator("#calibration-table")).to_contain_text("80–89%")


def test_without_script_the_quote_fallback_works(live_server, sign_in, browser):
    drill = _drill()
    me = UserFactory()
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/signin/")
    page.get_by_label("Email").fill(me.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.goto(f"{live_server.url}{drill.get_absolute_url()}")
    page.get_by_label("The exact words that are wrong").first.fill("page * per_page")
    page.get_by_label("Confidence that your marks").fill("60")
    page.get_by_role("button", name="Submit my attempt").click()
    expect(page.get_by_text("Found 1 of 1")).to_be_visible()
    context.close()


def test_drill_pages_fit_a_phone_and_pass_axe(live_server, sign_in):
    from tests.e2e.test_every_screen import DESKTOP, PHONE, axe_violations

    todo = _drill()
    done = _drill()
    me = UserFactory(role=Role.FACILITATOR, name="Ada Admin")
    actions.attempt_submit(actor=me, drill=done, marks=[{"quote": "page * per_page"}], confidence=70)
    page: Page = sign_in(me)
    problems = []
    paths = ["/drills/", "/drills/new/", todo.get_absolute_url(), done.get_absolute_url()]
    paths.append("/drills/calibration/")
    for size in (DESKTOP, PHONE):
        page.set_viewport_size(size)
        for path in paths:
            response = page.goto(live_server.url + path)
            assert response is not None and response.status == 200, path
            page.wait_for_load_state("networkidle")
            wide = page.evaluate("document.documentElement.scrollWidth - innerWidth")
            if wide > 0:
                problems.append(f"{path} is {wide}px too wide at {size['width']}")
            problems += [
                f"{path} @{size['width']}: {v['impact']} {v['id']} {v['nodes']}"
                for v in axe_violations(page)
                if v["impact"] in ("serious", "critical")
            ]
    assert problems == [], "\n".join(problems)
