"""Who may see or change what, for people and their settings."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from ripple.people.models import ApiToken, Department, Invitation, Team, User


def require_admin(viewer: User) -> None:
    if not (viewer.is_authenticated and viewer.is_admin):
        raise PermissionDenied("Only admins can do this.")


def access_person(viewer: User, person_id: int) -> User:
    """Any signed-in person may see any profile in the organization (deactivated ones are marked)."""
    try:
        return User.objects.select_related("department", "team", "manager").get(pk=person_id)
    except User.DoesNotExist as exc:
        raise Http404("No such person.") from exc


def can_edit_profile(viewer: User, person: User) -> bool:
    return viewer.pk == person.pk or viewer.is_admin


def access_own_token(viewer: User, token_id: int) -> ApiToken:
    try:
        return ApiToken.objects.get(pk=token_id, user=viewer)
    except ApiToken.DoesNotExist as exc:
        raise Http404("No such token.") from exc


def access_department(viewer: User, department_id: int) -> Department:
    require_admin(viewer)
    try:
        return Department.objects.get(pk=department_id)
    except Department.DoesNotExist as exc:
        raise Http404("No such department.") from exc


def access_team(viewer: User, team_id: int) -> Team:
    require_admin(viewer)
    try:
        return Team.objects.select_related("department").get(pk=team_id)
    except Team.DoesNotExist as exc:
        raise Http404("No such team.") from exc


def access_invitation(viewer: User, invitation_id: int) -> Invitation:
    require_admin(viewer)
    try:
        return Invitation.objects.get(pk=invitation_id)
    except Invitation.DoesNotExist as exc:
        raise Http404("No such invitation.") from exc
