"""People: API tokens are their owner's alone, admin screens are for admins, invitations stay secret."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from ripple.people import actions
from ripple.people.models import ApiToken, Department, Invitation, Role, Team, User
from tests.factories import DepartmentFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db


def _client(person) -> Client:
    c = Client()
    c.force_login(person)
    return c


@pytest.fixture
def owner(db):
    return UserFactory(name="Tobias Tokenholder", email="tobias@example.org")


@pytest.fixture
def intruder(db):
    return UserFactory(name="Ivo Intruder", email="ivo@example.org")


@pytest.fixture
def token(owner):
    created, raw = actions.token_create(user=owner, name="Tobias laptop script")
    created.raw = raw
    return created


def test_cannot_revoke_someone_elses_token(token, intruder):
    response = _client(intruder).post(reverse("people:token_revoke", args=[token.pk]))
    assert response.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None
    me = Client().get("/api/v1/me", headers={"Authorization": f"Bearer {token.raw}"})
    assert me.status_code == 200 and me.json()["id"] == token.user_id


def test_settings_page_lists_only_ones_own_tokens(token, intruder):
    page = _client(intruder).get(reverse("people:settings")).content.decode()
    assert "Tobias laptop script" not in page
    assert token.raw not in page and token.raw[:8] not in page


def test_token_is_shown_once_and_never_stored_in_clear(token, owner):
    page = _client(owner).get(reverse("people:settings")).content.decode()
    assert "Tobias laptop script" in page and token.raw not in page
    assert not ApiToken.objects.filter(token_hash=token.raw).exists()


def test_api_me_is_the_token_holder(token, intruder):
    response = Client().get("/api/v1/me", headers={"Authorization": f"Bearer {token.raw}"})
    assert response.json()["email"] == "tobias@example.org"


def test_revoked_or_wrong_token_is_refused(token, owner):
    actions.token_revoke(actor=owner, token=token)
    bad = Client().get("/api/v1/me", headers={"Authorization": "Bearer not-a-real-token"})
    assert bad.status_code == 401
    assert Client().get("/api/v1/me", headers={"Authorization": f"Bearer {token.raw}"}).status_code == 401


def test_revoking_via_the_action_refuses_other_members(token, intruder):
    with pytest.raises(PermissionDenied):
        actions.token_revoke(actor=intruder, token=token)
    token.refresh_from_db()
    assert token.revoked_at is None


def test_api_without_a_token_is_refused():
    for url in ("/api/v1/me", "/api/v1/people", "/api/v1/prompts", "/api/v1/posts", "/api/v1/notifications"):
        assert Client().get(url).status_code == 401, url


ADMIN_PAGES = ["people:admin_people", "people:admin_structure", "people:admin_invitations"]


@pytest.mark.parametrize("name", ADMIN_PAGES)
@pytest.mark.parametrize("role", [Role.MEMBER, Role.FACILITATOR])
def test_admin_screens_are_403_for_non_admins(name, role):
    person = UserFactory(role=role)
    assert _client(person).get(reverse(name)).status_code == 403


def test_admin_writes_are_refused_to_members_and_change_nothing(intruder, owner):
    department = DepartmentFactory(name="Original Dept")
    team = TeamFactory(name="Original Team", department=department)
    invitation, _raw = actions.invitation_create(
        actor=UserFactory(role=Role.ADMIN), email="newbie@example.org", name="New Bie"
    )
    client = _client(intruder)
    calls = [
        (reverse("people:admin_set_role", args=[intruder.pk]), {"role": "admin"}),
        (reverse("people:admin_set_active", args=[owner.pk]), {"active": "0"}),
        (reverse("people:admin_rename_department", args=[department.pk]), {"name": "Hijacked"}),
        (reverse("people:admin_rename_team", args=[team.pk]), {"name": "Hijacked"}),
        (reverse("people:admin_invitation_revoke", args=[invitation.pk]), {}),
        (reverse("people:admin_structure"), {"kind": "department", "d-name": "Intruders"}),
        (reverse("people:admin_invitations"), {"email": "friend@example.org", "name": "Friend"}),
    ]
    for url, data in calls:
        assert client.post(url, data).status_code == 403, url
    intruder.refresh_from_db()
    owner.refresh_from_db()
    invitation.refresh_from_db()
    assert intruder.role == Role.MEMBER and owner.is_active
    assert Department.objects.filter(name="Original Dept").exists()
    assert Team.objects.filter(name="Original Team").exists()
    assert not Department.objects.filter(name="Intruders").exists()
    assert not Invitation.objects.filter(email="friend@example.org").exists()
    assert invitation.revoked_at is None and invitation.status == "pending"


def test_invitation_tokens_are_not_shown_to_members(intruder):
    invitation, raw = actions.invitation_create(
        actor=UserFactory(role=Role.ADMIN), email="newbie@example.org", name="New Bie"
    )
    for name in ("people:directory", "people:settings", "people:admin_invitations"):
        assert raw not in _client(intruder).get(reverse(name)).content.decode()
    assert invitation.pk


def test_unknown_invitation_token_reveals_nothing(db):
    response = Client().get(reverse("people:accept_invitation", args=["not-a-real-token"]))
    assert response.status_code in (200, 404, 410)
    assert not User.objects.filter(email="newbie@example.org").exists()


def test_token_of_a_deactivated_person_is_refused(token, owner):
    admin = UserFactory(role=Role.ADMIN)
    actions.user_set_active(actor=admin, person=owner, active=False)
    response = Client().get("/api/v1/prompts", headers={"Authorization": f"Bearer {token.raw}"})
    assert response.status_code == 401


def test_directory_and_api_list_no_deactivated_people(owner, intruder):
    admin = UserFactory(role=Role.ADMIN)
    actions.user_set_active(actor=admin, person=owner, active=False)
    page = _client(intruder).get(reverse("people:directory")).content.decode()
    _token, raw = actions.token_create(user=intruder, name="t")
    api = Client().get("/api/v1/people", headers={"Authorization": f"Bearer {raw}"}).content.decode()
    assert "Tobias Tokenholder" not in page and "Tobias Tokenholder" not in api
