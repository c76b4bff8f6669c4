from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from ripple.people.models import Invitation, User
from tests.factories import DepartmentFactory, TeamFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def invite(admin_client, django_capture_on_commit_callbacks):
    """POST the invitation form and run the on-commit email sending."""

    def do(**data):
        payload = {"email": "newbie@example.org", "name": "New Bie", "role": "member", **data}
        with django_capture_on_commit_callbacks(execute=True):
            return admin_client.post("/manage/invitations/", payload)

    return do


def _link_path() -> str:
    return re.search(r"https?://[^/\s]+(/invite/[^\s]+/)", mail.outbox[-1].body).group(1)


def test_admin_invites_and_person_accepts(invite, admin_client, client):
    team = TeamFactory(name="Growth", department=DepartmentFactory(name="Marketing"))
    response = invite(department=team.department.pk, team=team.pk, role="facilitator")
    assert response.status_code == 302
    assert mail.outbox[-1].to == ["newbie@example.org"]
    path = _link_path()
    admin_client.logout()
    page = client.get(path)
    assert page.status_code == 200 and "newbie@example.org" in page.content.decode()
    response = client.post(
        path, {"name": "New Bie", "password1": "long-enough-pass-1", "password2": "long-enough-pass-1"}
    )
    assert response.status_code == 302
    person = User.objects.get(email="newbie@example.org")
    assert person.role == "facilitator" and person.department.name == "Marketing" and person.team == team
    assert Invitation.objects.get().status == "accepted"
    # A used link cannot be used again.
    client.logout()
    again = client.get(path)
    assert again.status_code == 410 and "already been used" in again.content.decode()


def test_expired_invitation_is_refused_with_a_clear_message(invite, admin_client, client):
    invite()
    Invitation.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    admin_client.logout()
    response = client.post(
        _link_path(), {"name": "X", "password1": "long-enough-pass-1", "password2": "long-enough-pass-1"}
    )
    assert response.status_code == 410 and "expired" in response.content.decode()
    assert not User.objects.filter(email="newbie@example.org").exists()


def test_bad_invite_link_and_revoked_invite(invite, admin_client, client):
    invite()
    path = _link_path()
    admin_client.post(f"/manage/invitations/{Invitation.objects.get().pk}/revoke/")
    admin_client.logout()
    assert "withdrawn" in client.get(path).content.decode()
    assert client.get("/invite/not-a-real-token/").status_code == 410


def test_accept_with_mismatched_or_weak_password_shows_field_errors(invite, admin_client, client):
    invite()
    path = _link_path()
    admin_client.logout()
    response = client.post(
        path, {"name": "X", "password1": "long-enough-pass-1", "password2": "different-pass-12"}
    )
    assert "The two passwords differ" in response.content.decode()
    response = client.post(path, {"name": "X", "password1": "123", "password2": "123"})
    assert "too short" in response.content.decode()
    assert not User.objects.filter(email="newbie@example.org").exists()


def test_invite_existing_person_or_bad_email_is_a_field_error(invite, member):
    response = invite(email=member.email)
    assert response.status_code == 200 and "already has an account" in response.content.decode()
    response = invite(email="not an email")
    assert "Enter a valid email address" in response.content.decode()
    assert Invitation.objects.count() == 0


def test_members_cannot_invite(member_client):
    assert (
        member_client.post("/manage/invitations/", {"email": "x@example.org", "role": "admin"}).status_code
        == 403
    )
    assert Invitation.objects.count() == 0


def test_accept_after_the_email_got_an_account_elsewhere_is_a_clear_error(invite, admin_client, client):
    invite()
    path = _link_path()
    User.objects.create_user("newbie@example.org", "Made By Hand")  # e.g. `ripple user add` meanwhile
    admin_client.logout()
    response = client.post(
        path, {"name": "X", "password1": "long-enough-pass-1", "password2": "long-enough-pass-1"}
    )
    assert response.status_code == 200 and "already has an account" in response.content.decode()
    assert User.objects.filter(email="newbie@example.org").count() == 1
