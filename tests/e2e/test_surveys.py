"""Surveys in a real browser: answer one and see it leave my open list; results as an admin, with a
small department suppressed."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from ripple.people.models import Role
from ripple.surveys.models import AnswerSet
from tests.factories import DepartmentFactory, UserFactory
from tests.surveys.conftest import answer, people, send

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_answer_a_survey_and_it_leaves_my_open_list(live_server, sign_in):
    boss = UserFactory(role=Role.ADMIN)
    me = UserFactory(name="Maya Member")
    send(boss, closed=False, audience="people", people=[me], title="Spring AI pulse")
    page: Page = sign_in(me)
    page.goto(f"{live_server.url}/surveys/")
    expect(page.locator(".mainnav .nav-badge")).to_have_text("1")
    page.get_by_role("link", name="Answer").click()
    expect(page.get_by_role("heading", name="Spring AI pulse")).to_be_visible()
    for fieldset in page.locator("fieldset.question").all()[:5]:
        fieldset.locator("label.likert-option").nth(3).click()
    page.get_by_label("Weekly").check()
    page.get_by_label("Writing and editing").check()
    page.get_by_role("button", name="Send my answers").click()
    expect(page.get_by_text("your answers are saved anonymously")).to_be_visible()
    expect(page.get_by_role("link", name="Answer", exact=True)).to_have_count(0)
    expect(page.get_by_text("Answered", exact=True)).to_be_visible()
    expect(page.locator(".mainnav .nav-badge")).to_have_text("")
    assert AnswerSet.objects.count() == 1


def test_results_as_admin_with_a_small_department_suppressed(live_server, sign_in):
    boss = UserFactory(role=Role.ADMIN, name="Ada Admin")
    big, small, third = (
        DepartmentFactory(name="Sales"),
        DepartmentFactory(name="Legal"),
        DepartmentFactory(name="Ops"),
    )
    crowd = people(7, department=big) + people(3, department=small) + people(6, department=third)
    r = send(boss, audience="people", people=crowd, title="Q3 pulse")
    for i, p in enumerate(crowd):
        answer(r, p, skill=1 + i % 5)
    page: Page = sign_in(boss)
    page.goto(f"{live_server.url}/surveys/manage/")
    page.get_by_role("row", name="Q3 pulse").get_by_role("link", name="Results").click()
    expect(page.get_by_role("heading", name="Results: Q3 pulse")).to_be_visible()
    expect(page.get_by_text("Mean 2.88")).to_be_visible()
    expect(page.locator("canvas[data-chart]").first).to_be_visible()
    legal = page.get_by_role("row", name="Legal")
    expect(legal).to_contain_text("fewer than 5 answers")
    page.locator("#f-dept").select_option(label="Legal")
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_role("status")).to_contain_text("Fewer than 5 answers")
    expect(page.get_by_text("Mean ")).to_have_count(0)
