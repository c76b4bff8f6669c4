"""Admin screens: bulk changes on the people list, merging and deleting departments and teams (their
people, prompts, posts, invitations and ledger rows move too), CSV import with preview, API docs link."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse

from ripple.core.models import LearningEvent
from ripple.feed import actions as feed_actions
from ripple.feed.models import Post
from ripple.library import actions as library_actions
from ripple.library.models import Prompt
from ripple.people import actions
from ripple.people.models import Department, Invitation, Role, Team, User
from tests.factories import DepartmentFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db


# --- bulk -----------------------------------------------------------------------------------------


def test_people_list_has_a_checkbox_column_and_one_bulk_form(admin_client, member, other_member):
    html = admin_client.get(reverse("people:admin_people")).content.decode()
    assert 'data-select-all="person"' in html and f'name="person" value="{member.pk}"' in html
    assert html.count('action="/manage/people/bulk/"') == 1
    assert "Make facilitator" in html and "Deactivate" in html and "Reactivate" in html
    assert "/role/" not in html  # no button per row any more


def test_bulk_change_role_and_deactivate_reactivate(admin_client, member, other_member):
    people = {"person": [member.pk, other_member.pk]}
    back = reverse("people:admin_people") + "?status=all"
    response = admin_client.post(
        reverse("people:admin_bulk"), {**people, "operation": "facilitator", "back": back}
    )
    assert response.status_code == 302 and response["Location"] == back
    assert set(User.objects.filter(pk__in=people["person"]).values_list("role", flat=True)) == {
        Role.FACILITATOR
    }
    admin_client.post(reverse("people:admin_bulk"), {**people, "operation": "deactivate"})
    assert not User.objects.filter(pk__in=people["person"], is_active=True).exists()
    assert User.objects.get(pk=member.pk).deactivated_at is not None
    admin_client.post(reverse("people:admin_bulk"), {**people, "operation": "reactivate"})
    assert User.objects.filter(pk__in=people["person"], is_active=True, deactivated_at=None).count() == 2


def test_bulk_is_all_or_nothing(admin_client, admin_user, member):
    response = admin_client.post(
        reverse("people:admin_bulk"),
        {"person": [member.pk, admin_user.pk], "operation": "deactivate"},
        follow=True,
    )
    assert "cannot deactivate yourself" in response.content.decode()
    assert User.objects.filter(is_active=True).count() == 2
    admin_client.post(
        reverse("people:admin_bulk"), {"person": [member.pk, admin_user.pk], "operation": "member"}
    )
    assert (
        User.objects.get(pk=admin_user.pk).role == Role.ADMIN
        and User.objects.get(pk=member.pk).role == "member"
    )
    nothing = admin_client.post(reverse("people:admin_bulk"), {"operation": "admin"}, follow=True)
    assert "Select at least one person" in nothing.content.decode()
    bogus = admin_client.post(reverse("people:admin_bulk"), {"person": [member.pk], "operation": "root"})
    assert bogus.status_code == 302 and User.objects.get(pk=member.pk).role == Role.MEMBER


def test_bulk_is_one_action_call_and_admins_only(
    client, admin_client, member, other_member, django_assert_max_num_queries
):
    many = [UserFactory() for _ in range(30)]
    with django_assert_max_num_queries(12):
        admin_client.post(
            reverse("people:admin_bulk"), {"person": [p.pk for p in many], "operation": "facilitator"}
        )
    assert User.objects.filter(role=Role.FACILITATOR).count() == 30
    client.force_login(member)
    assert (
        client.post(
            reverse("people:admin_bulk"), {"person": [other_member.pk], "operation": "admin"}
        ).status_code
        == 403
    )
    assert User.objects.get(pk=other_member.pk).role == Role.MEMBER


# --- departments and teams -------------------------------------------------------------------------


def test_merging_departments_moves_everything_that_points_at_it(admin_client, admin_user):
    sales, growth = DepartmentFactory(name="Sales"), DepartmentFactory(name="Growth")
    alice = UserFactory(name="Alice", department=growth)
    bob = UserFactory(name="Bob", department=sales)
    twin = TeamFactory(name="EMEA", department=sales)
    own = TeamFactory(name="EMEA", department=growth)
    other = TeamFactory(name="Inbound", department=growth)
    alice.team = own
    alice.save()
    prompt = library_actions.prompt_create(
        actor=alice, title="Growth prompt", body="Do it", department=growth
    )
    post = feed_actions.post_create(
        actor=alice, kind="tip", title="Growth tip", body="x", department=growth.pk
    )
    invitation, _ = actions.invitation_create(
        actor=admin_user, email="new@example.org", department=growth, team=other
    )
    library_actions.reuse_record(
        actor=bob, prompt=prompt
    )  # bob learns from alice: learner sales, source growth
    event = LearningEvent.objects.get()
    assert (event.learner_department_id, event.source_department_id) == (sales.pk, growth.pk)

    response = admin_client.post(
        reverse("people:admin_merge_department", args=[growth.pk]), {"target": sales.pk}
    )
    assert response.status_code == 302
    assert not Department.objects.filter(pk=growth.pk).exists()
    alice.refresh_from_db()
    assert alice.department == sales and alice.team == twin  # joined the team of the same name
    assert Team.objects.get(pk=other.pk).department == sales and not Team.objects.filter(pk=own.pk).exists()
    assert (
        Prompt.objects.get(pk=prompt.pk).department == sales
        and Post.objects.get(pk=post.pk).department == sales
    )
    assert Invitation.objects.get(pk=invitation.pk).department == sales
    event.refresh_from_db()
    assert (event.learner_department_id, event.source_department_id) == (sales.pk, sales.pk)


def test_merge_into_itself_or_a_missing_department_changes_nothing(admin_client):
    sales = DepartmentFactory(name="Sales")
    UserFactory(department=sales)
    admin_client.post(reverse("people:admin_merge_department", args=[sales.pk]), {"target": sales.pk})
    assert (
        admin_client.post(
            reverse("people:admin_merge_department", args=[sales.pk]), {"target": "x"}
        ).status_code
        == 404
    )
    assert (
        Department.objects.filter(pk=sales.pk).exists() and User.objects.filter(department=sales).count() == 1
    )


def test_delete_department_only_when_empty(admin_client):
    sales, empty = DepartmentFactory(name="Sales"), DepartmentFactory(name="Old")
    UserFactory(department=sales)
    TeamFactory(name="Ghost", department=empty)
    refused = admin_client.post(reverse("people:admin_delete_department", args=[sales.pk]), follow=True)
    assert "still has people" in refused.content.decode() and Department.objects.filter(pk=sales.pk).exists()
    admin_client.post(reverse("people:admin_delete_department", args=[empty.pk]))
    assert (
        not Department.objects.filter(pk=empty.pk).exists() and not Team.objects.filter(name="Ghost").exists()
    )


def test_merge_and_delete_teams(admin_client):
    sales = DepartmentFactory(name="Sales")
    a, b = TeamFactory(name="A", department=sales), TeamFactory(name="B", department=sales)
    elsewhere = TeamFactory(name="C", department=DepartmentFactory(name="Ops"))
    person = UserFactory(department=sales, team=a)
    admin_client.post(reverse("people:admin_merge_team", args=[a.pk]), {"target": elsewhere.pk})
    assert Team.objects.filter(pk=a.pk).exists()  # only within the same department
    admin_client.post(reverse("people:admin_merge_team", args=[a.pk]), {"target": b.pk})
    person.refresh_from_db()
    assert person.team == b and not Team.objects.filter(pk=a.pk).exists()
    admin_client.post(reverse("people:admin_delete_team", args=[b.pk]))
    person.refresh_from_db()
    assert person.team is None and person.department == sales


def test_structure_page_offers_merge_and_delete(admin_client):
    DepartmentFactory(name="Sales")
    DepartmentFactory(name="Growth")
    html = admin_client.get(reverse("people:admin_structure")).content.decode()
    assert "Merge Sales into" in html and "Delete Growth" in html


def test_members_cannot_reshape_the_organization(member_client):
    sales, growth = DepartmentFactory(name="Sales"), DepartmentFactory(name="Growth")
    before = Department.objects.count()
    assert (
        member_client.post(
            reverse("people:admin_merge_department", args=[growth.pk]), {"target": sales.pk}
        ).status_code
        == 403
    )
    assert member_client.post(reverse("people:admin_delete_department", args=[growth.pk])).status_code == 403
    assert Department.objects.count() == before


# --- CSV import -------------------------------------------------------------------------------------

GOOD = (
    "email,name,department,team,title,manager_email\n"
    "lee@example.org,Lee Lead,Finance,Close,Controller,\n"
    "kim@example.org,Kim Analyst,Finance,Close,Analyst,lee@example.org\n"
)


def _upload(client, text: str, name: str = "people.csv"):
    upload = io.BytesIO(text.encode())
    upload.name = name
    return client.post(reverse("people:admin_import"), {"file": upload})


def test_import_previews_then_creates_everyone(admin_client):
    preview = _upload(admin_client, GOOD)
    html = preview.content.decode()
    assert preview.status_code == 200 and "kim@example.org" in html and "Import 2 people" in html
    assert not User.objects.filter(email="kim@example.org").exists()
    token = preview.context["token"]
    done = admin_client.post(reverse("people:admin_import"), {"token": token})
    assert done.status_code == 302
    kim = User.objects.get(email="kim@example.org")
    assert (
        kim.manager.email == "lee@example.org"
        and kim.department.name == "Finance"
        and kim.team.name == "Close"
    )
    again = admin_client.post(reverse("people:admin_import"), {"token": token})
    assert again.status_code == 404  # used up


def test_import_with_problems_offers_no_confirm_and_creates_nobody(admin_client, member):
    bad = GOOD + f"{member.email},Maya Again,,,,\nnot-an-email,Nobody,,,,\n"
    preview = _upload(admin_client, bad)
    html = preview.content.decode()
    assert "already has an account" in html and "is not a valid email" in html
    assert "Nothing will be imported" in html and "Import 2 people" not in html
    # Even a forged confirm imports nothing: the file is checked again, all or nothing.
    forced = admin_client.post(reverse("people:admin_import"), {"token": preview.context["token"]})
    assert forced.status_code == 400 and not User.objects.filter(email="lee@example.org").exists()


def test_import_bad_files_get_a_clear_error(admin_client):
    assert "Missing column" in _upload(admin_client, "name,title\nA,B\n").content.decode()
    assert (
        "UTF-8"
        in admin_client.post(
            reverse("people:admin_import"), {"file": io.BytesIO(b"email,name\n\xff\xfe,x\n")}
        ).content.decode()
    )
    assert admin_client.post(reverse("people:admin_import"), {}).status_code == 400
    assert admin_client.post(reverse("people:admin_import"), {"token": "x" * 30}).status_code == 404
    assert User.objects.count() == 1


def test_someone_elses_upload_token_is_404(client, admin_client):
    token = _upload(admin_client, GOOD).context["token"]
    other_admin = UserFactory(role=Role.ADMIN)
    client.force_login(other_admin)
    assert client.post(reverse("people:admin_import"), {"token": token}).status_code == 404
    assert not User.objects.filter(email="lee@example.org").exists()


def test_import_is_admins_only(member_client):
    assert member_client.get(reverse("people:admin_import")).status_code == 403
    assert _upload(member_client, GOOD).status_code == 403 and User.objects.count() == 1


def test_api_docs_link_back_to_the_app(member_client):
    html = member_client.get("/api/v1/docs").content.decode()
    assert f'href="{reverse("core:home")}"' in html and "Back to Ripple" in html
