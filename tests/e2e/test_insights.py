"""Insights in a real browser: the dashboard filtered by department, the ripple map (click a person),
a prompt's spread followed from its page, the report printed; no CSP violation on any of them."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from ripple.insights import actions
from ripple.library.models import Prompt
from tests.insights.conftest import plant

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def world(db):
    from ripple.core import ledger
    from ripple.people.models import Role
    from tests.factories import UserFactory

    p = plant()
    leader = UserFactory(name="Lee Leader", role=Role.LEADER, department=p.depts["Alpha dept"])
    prompt = Prompt.objects.create(
        title="Stand-up notes", body="Summarise", owner=p["a1"], department=p.depts["Alpha dept"]
    )
    for who in ("b2", "c1", "a3"):
        ledger.record(kind="reuse", learner=p[who], source=p["a1"], obj=prompt, at=p.ago(0))
    actions.refresh()
    return p, leader, prompt


def _watch_csp(page):
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if "Content Security Policy" in m.text else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    return problems


def test_dashboard_map_spread_and_report(live_server, sign_in, world):
    p, leader, prompt = world
    page = sign_in(leader)
    problems = _watch_csp(page)
    page.goto(f"{live_server.url}/insights/")
    expect(page.locator("#weeks-table")).to_be_visible()
    expect(page.locator("canvas[data-chart='depth']")).to_be_visible()
    page.locator("#f-department").select_option(label="Beta dept")
    page.get_by_role("button", name="Show").click()
    expect(page.locator("#departments-table")).to_contain_text("Beta dept")
    expect(page.locator("#departments-table")).not_to_contain_text("Alpha dept")

    page.goto(f"{live_server.url}/insights/map/")
    page.wait_for_function("window.rippleMap && window.rippleMap.nodes().length > 0")
    # Click Bo 1's circle on the canvas (its rendered position).
    pos = page.evaluate(
        "(() => { const n = window.rippleMap.nodes().filter(n => n.data('label') === 'Bo 1')[0];"
        " const r = document.getElementById('ripple-map').getBoundingClientRect();"
        " const p = n.renderedPosition(); return {x: r.left + p.x, y: r.top + p.y}; })()"
    )
    page.mouse.click(pos["x"], pos["y"])
    panel = page.locator("#person-panel")
    expect(panel.get_by_role("heading", name="Bo 1")).to_be_visible()
    expect(panel).to_contain_text("Learned from (1)")
    expect(panel).to_contain_text("Ada 1")
    expect(panel).to_contain_text("Learned from them (3)")
    assert page.locator("style#__________cytoscape_stylesheet").count() == 0

    page.goto(f"{live_server.url}{prompt.get_absolute_url()}")
    page.locator("#prompt-spread").click()
    expect(page.get_by_role("heading", name="How “Stand-up notes” spread")).to_be_visible()
    expect(page.locator("#spread-tree")).to_contain_text("Cy 1")
    expect(page.locator("#timeline-table")).to_contain_text("Beta dept, Smaller departments (merged)")

    page.goto(f"{live_server.url}/insights/report/")
    page.emulate_media(media="print")
    expect(page.locator("#headline-table")).to_be_visible()
    expect(page.get_by_role("button", name="Print")).to_be_hidden()
    expect(page.locator("#actions")).to_contain_text("Wake up Night shift")
    page.emulate_media(media="screen")
    assert problems == []
