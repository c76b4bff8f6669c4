from __future__ import annotations

import pytest

from ripple.people.models import Role, User
from tests.factories import DepartmentFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_directory_lists_active_people_by_name(member_client, member):
    UserFactory(name="Zed Last")
    UserFactory(name="Aaron First")
    UserFactory(name="Gone Person", is_active=False)
    html = member_client.get("/people/").content.decode().split('id="results"')[1]
    assert html.index("Aaron First") < html.index("Maya Member") < html.index("Zed Last")
    assert "Gone Person" not in html


def test_directory_search_uses_full_text_with_stemming(member_client):
    UserFactory(name="Priya Shah", skills="contract review, negotiations")
    UserFactory(name="Tom Jones", title="Accountant", skills="Excel")
    html = member_client.get("/people/", {"q": "negotiation"}).content.decode()
    assert "Priya Shah" in html and "Tom Jones" not in html
    html = member_client.get("/people/", {"q": "accountants"}).content.decode()
    assert "Tom Jones" in html and "Priya Shah" not in html


def test_directory_search_matches_any_word_ranked(member_client):
    UserFactory(name="Alex Excel", skills="forecasting")
    UserFactory(name="Billie Only", skills="forecasting")
    html = member_client.get("/people/", {"q": "excel forecasting"}).content.decode()
    assert "Alex Excel" in html and "Billie Only" in html


def test_directory_department_filter_and_bad_values(member_client):
    legal = DepartmentFactory(name="Legal")
    UserFactory(name="Lana Law", department=legal)
    UserFactory(name="Sal Sales")
    html = member_client.get("/people/", {"department": legal.pk}).content.decode()
    assert "Lana Law" in html and "Sal Sales" not in html
    assert member_client.get("/people/", {"department": "abc"}).status_code == 200
    assert member_client.get("/people/", {"cursor": "%%%garbage"}).status_code == 302


def test_directory_htmx_returns_only_results(member_client):
    response = member_client.get(
        "/people/", {"q": "maya"}, headers={"HX-Request": "true", "HX-Target": "results"}
    )
    html = response.content.decode()
    assert "Maya Member" in html and "<html" not in html
    assert response["Vary"].count("HX-Request") == 1


def test_directory_empty_state_says_what_to_do(member_client):
    html = member_client.get("/people/", {"q": "zzzzqqq"}).content.decode()
    assert "No one matches" in html and "Try a shorter word" in html


def test_directory_keyset_pages_cover_everyone_once(member_client):
    for i in range(65):
        UserFactory(name=f"Person {i:03d}")
    seen, url, params = [], "/people/", {}
    for _ in range(10):
        response = member_client.get(url, params)
        page = response.context["page"]
        seen += [p.pk for p in page.items]
        if not page.next_cursor:
            break
        params = {"cursor": page.next_cursor}
    assert len(seen) == len(set(seen)) == User.objects.filter(is_active=True).count()


@pytest.mark.parametrize("extra_people", [0, 29])
def test_directory_query_count_is_constant(member_client, django_assert_num_queries, extra_people):
    team = TeamFactory()
    for _ in range(extra_people):
        UserFactory(department=team.department, team=team)
    # session + user, the page of people (with department and team joined), the department list.
    with django_assert_num_queries(4):
        response = member_client.get("/people/")
    assert len(response.context["page"].items) == extra_people + 1


@pytest.mark.parametrize("extra_people", [0, 29])
def test_directory_search_query_count_is_constant(member_client, django_assert_num_queries, extra_people):
    for _ in range(extra_people):
        UserFactory(skills="python")
    with django_assert_num_queries(4):
        member_client.get("/people/", {"q": "python maya"})


def test_profile_page_and_unknown_person(member_client, other_member):
    html = member_client.get(f"/people/{other_member.pk}/").content.decode()
    assert "Otto Other" in html and "Edit profile" not in html
    assert member_client.get("/people/999999/").status_code == 404


def test_profile_edit_validates_fields(member_client, member):
    team = TeamFactory(name="Growth")
    other_department = DepartmentFactory(name="Finance")
    base = {"name": "Maya M.", "title": "Analyst", "time_zone": "Europe/Paris", "bio": "Hi", "skills": "SQL"}
    response = member_client.post("/settings/", {**base, "department": other_department.pk, "team": team.pk})
    assert response.status_code == 200 and "belongs to another department" in response.content.decode()
    response = member_client.post("/settings/", {**base, "time_zone": "Mars/Olympus"})
    assert "is not a time zone" in response.content.decode()
    response = member_client.post("/settings/", {**base, "name": "x" * 500})
    assert "at most 120 characters" in response.content.decode()
    member.refresh_from_db()
    assert member.name == "Maya Member"
    response = member_client.post("/settings/", {**base, "department": team.department.pk, "team": team.pk})
    assert response.status_code == 302
    member.refresh_from_db()
    assert (member.name, member.time_zone, member.team) == ("Maya M.", "Europe/Paris", team)


def test_times_show_in_the_viewer_time_zone(rf, member):
    from django.http import HttpResponse
    from django.utils import timezone

    from ripple.people.middleware import user_timezone

    seen = []
    middleware = user_timezone(
        lambda request: seen.append(timezone.get_current_timezone_name()) or HttpResponse()
    )
    member.time_zone = "Asia/Kolkata"
    request = rf.get("/")
    request.user = member
    middleware(request)
    member.time_zone = "Not/AZone"
    middleware(request)
    assert seen == ["Asia/Kolkata", "UTC"]


def test_admin_screens_are_for_admins_only(member_client):
    for url in ["/manage/people/", "/manage/structure/", "/manage/invitations/"]:
        assert member_client.get(url).status_code == 403


def test_admin_changes_roles_and_deactivates(admin_client, admin_user, member):
    assert admin_client.post(f"/manage/people/{member.pk}/role/", {"role": "facilitator"}).status_code == 302
    member.refresh_from_db()
    assert member.role == Role.FACILITATOR
    admin_client.post(f"/manage/people/{member.pk}/role/", {"role": "overlord"})
    member.refresh_from_db()
    assert member.role == Role.FACILITATOR
    admin_client.post(f"/manage/people/{member.pk}/active/", {"active": "0"})
    member.refresh_from_db()
    assert not member.is_active
    # An admin cannot lock themselves out.
    admin_client.post(f"/manage/people/{admin_user.pk}/role/", {"role": "member"})
    admin_client.post(f"/manage/people/{admin_user.pk}/active/", {"active": "0"})
    admin_user.refresh_from_db()
    assert admin_user.role == Role.ADMIN and admin_user.is_active
    html = admin_client.get("/manage/people/", {"status": "deactivated"}).content.decode()
    assert member.name in html


def test_admin_adds_departments_and_teams_with_duplicate_checks(admin_client):
    assert (
        admin_client.post("/manage/structure/", {"kind": "department", "d-name": "Research"}).status_code
        == 302
    )
    response = admin_client.post("/manage/structure/", {"kind": "department", "d-name": "research"})
    assert "already a department called" in response.content.decode()
    from ripple.people.models import Department, Team

    research = Department.objects.get(name="Research")
    assert (
        admin_client.post(
            "/manage/structure/", {"kind": "team", "t-name": "Labs", "t-department": research.pk}
        ).status_code
        == 302
    )
    response = admin_client.post(
        "/manage/structure/", {"kind": "team", "t-name": "labs", "t-department": research.pk}
    )
    assert "already has a team called" in response.content.decode()
    assert Team.objects.filter(department=research).count() == 1


def test_admin_renames_departments_and_teams_with_checks(admin_client, member):
    sales, legal = DepartmentFactory(name="Sales"), DepartmentFactory(name="Legal")
    team = TeamFactory(name="Deals", department=sales)
    TeamFactory(name="Closers", department=sales)
    assert admin_client.post(f"/manage/department/{sales.pk}/rename/", {"name": "Revenue"}).status_code == 302
    sales.refresh_from_db()
    assert sales.name == "Revenue"
    response = admin_client.post(f"/manage/department/{sales.pk}/rename/", {"name": "legal"}, follow=True)
    assert "already a department called legal" in response.content.decode()
    response = admin_client.post(f"/manage/team/{team.pk}/rename/", {"name": "closers"}, follow=True)
    assert "already has a team called closers" in response.content.decode()
    response = admin_client.post(f"/manage/team/{team.pk}/rename/", {"name": ""}, follow=True)
    assert "cannot be blank" in response.content.decode()
    team.refresh_from_db()
    legal.refresh_from_db()
    assert (team.name, legal.name) == ("Deals", "Legal")
    assert admin_client.post("/manage/team/999999/rename/", {"name": "x"}).status_code == 404
    admin_client.force_login(member)
    assert admin_client.post(f"/manage/team/{team.pk}/rename/", {"name": "Mine"}).status_code == 403
