"""Review before publishing, in the library: "Fork" opens the editor on your copy and saves only when you
save; a reuse keeps the variables you filled in, shown to you alone."""

from __future__ import annotations

import pytest
from django.urls import reverse

from ripple.core.models import LearningEvent
from ripple.library import actions
from ripple.library.models import Prompt, Reuse
from ripple.notifications.models import Notification
from tests.factories import DepartmentFactory, UserFactory
from tests.library.factories import make_prompt

pytestmark = pytest.mark.django_db


def test_fork_opens_the_editor_prefilled_and_saves_nothing(member_client, other_member):
    original = make_prompt(other_member, title="Renewal email", tags=["renewals"])
    response = member_client.get(reverse("library:prompt_fork", args=[original.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Your copy of “Renewal email”" in html and 'value="Renewal email"' in html
    assert "Summarise this call for {{customer:Acme}}" in html and 'value="renewals"' in html
    assert "Save my fork" in html and f'href="{reverse("library:prompt", args=[original.pk])}">Cancel' in html
    # Opening (and cancelling) the editor leaves no copy, no ledger row, no notification.
    assert Prompt.objects.count() == 1 and not LearningEvent.objects.exists()
    assert not Notification.objects.exists()
    original.refresh_from_db()
    assert original.fork_count == 0


def test_saving_the_fork_creates_it_with_the_edits(member_client, member, other_member):
    original = make_prompt(other_member, title="Renewal email")
    response = member_client.post(
        reverse("library:prompt_fork", args=[original.pk]),
        {"title": "Renewal email for Sales", "body": "Write the renewal email for {{customer}}.",
         "check_output": "Check the dates.", "visibility": "everyone", "tags": "renewals, sales"},
    )  # fmt: skip
    fork = Prompt.objects.get(forked_from=original)
    assert response.status_code == 302 and response["Location"] == reverse("library:prompt", args=[fork.pk])
    assert (fork.owner, fork.title, fork.tag_list, fork.version) == (
        member, "Renewal email for Sales", ["renewals", "sales"], 1
    )  # fmt: skip
    assert fork.body == "Write the renewal email for {{customer}}."
    assert LearningEvent.objects.filter(kind="fork", learner=member, source=other_member).count() == 1
    original.refresh_from_db()
    assert original.fork_count == 1


def test_a_bad_fork_form_shows_errors_and_creates_nothing(member_client, other_member):
    original = make_prompt(other_member)
    response = member_client.post(
        reverse("library:prompt_fork", args=[original.pk]),
        {"title": "", "body": "Broken {{ variable", "visibility": "everyone"},
    )
    assert response.status_code == 200 and 'role="alert"' in response.content.decode()
    assert Prompt.objects.count() == 1


def test_fork_editor_keeps_a_department_prompt_in_its_department(client):
    sales = DepartmentFactory(name="Sales")
    owner, colleague = UserFactory(department=sales), UserFactory(department=sales)
    original = make_prompt(owner, visibility="department", department=sales)
    client.force_login(colleague)
    form = client.get(reverse("library:prompt_fork", args=[original.pk])).context["form"]
    assert form["visibility"].value() == "department" and form["department"].value() == sales.pk


def test_reuse_keeps_the_variables_filled_in_and_shows_them_to_me_only(client, member, other_member):
    prompt = make_prompt(other_member)
    client.force_login(member)
    client.post(
        reverse("library:prompt_reuse", args=[prompt.pk]),
        {"minutes_saved": "20", "note": "QBR", "var:customer": "Globex", "var:notes": "Call went well",
         "var:unknown": "dropped", "var:NOTES": ""},
    )  # fmt: skip
    reuse = Reuse.objects.get()
    assert reuse.variables == {"customer": "Globex", "notes": "Call went well"}
    mine = client.get(prompt.get_absolute_url()).content.decode()
    assert "Your uses" in mine and "Globex" in mine and 'form="reuse-form"' in mine
    client.force_login(other_member)  # the owner sees that it was used, not what was filled in
    theirs = client.get(prompt.get_absolute_url()).content.decode()
    assert "Globex" not in theirs and "Call went well" not in theirs


def test_reuse_variables_through_the_api(api, member):
    prompt = make_prompt(UserFactory())
    url = f"/api/v1/prompts/{prompt.pk}/reuses"
    created = api.post(url, {"minutes_saved": 5, "variables": {"Customer": "Initech"}})
    assert created.status_code == 201 and created.json()["variables"] == {"customer": "Initech"}
    too_long = api.post(url, {"variables": {"customer": "x" * 2001}})
    assert too_long.status_code == 422 and Reuse.objects.count() == 1
    wrong = api.post(url, {"variables": ["customer"]})
    assert wrong.status_code == 422 and Reuse.objects.count() == 1


def test_reuse_history_without_variables_still_works(member):
    prompt = make_prompt(UserFactory(), body="No blanks here.")
    reuse = actions.reuse_record(actor=member, prompt=prompt, variables={"x": "y"})
    assert reuse.variables == {}
