"""Every write about people: accounts, profiles, roles, invitations, tokens, sign-in failures; bulk
changes and merging or deleting departments and teams live in people/manage/actions.py, re-exported here."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from ripple.people import access, selectors
from ripple.people.importing import PersonRow
from ripple.people.manage.actions import (  # noqa: F401 - the admin writes are people actions too
    BULK_MAX,
    OPERATIONS,
    department_delete,
    department_merge,
    people_bulk_update,
    team_delete,
    team_merge,
)
from ripple.people.models import (
    ApiToken,
    Department,
    Invitation,
    Role,
    Team,
    User,
    hash_secret,
)

INVITATION_DAYS = 14
TOKEN_PREFIX = "rpl_"  # noqa: S105 - a public prefix, not a secret


def department_get_or_create(*, name: str) -> Department:
    """The department called `name` (case-insensitive), created if it does not exist yet."""
    name = name.strip()
    existing = Department.objects.filter(name__iexact=name).first()
    if existing:
        return existing
    department = Department(name=name)
    department.full_clean()
    department.save()
    return department


def team_get_or_create(*, name: str, department: Department) -> Team:
    """The team `name` in `department`, created if it does not exist yet."""
    name = name.strip()
    existing = Team.objects.filter(name__iexact=name, department=department).first()
    if existing:
        return existing
    team = Team(name=name, department=department)
    team.full_clean()
    team.save()
    return team


@transaction.atomic
def department_rename(*, actor: User, department: Department, name: str) -> Department:
    """Rename a department (admins only); names stay unique regardless of case."""
    access.require_admin(actor)
    name = name.strip()
    if Department.objects.filter(name__iexact=name).exclude(pk=department.pk).exists():
        raise ValidationError({"name": f"There is already a department called {name}."})
    department.name = name
    department.full_clean()
    department.save(update_fields=["name"])
    return department


@transaction.atomic
def team_rename(*, actor: User, team: Team, name: str) -> Team:
    """Rename a team (admins only); unique within its department regardless of case."""
    access.require_admin(actor)
    name = name.strip()
    if Team.objects.filter(name__iexact=name, department=team.department_id).exclude(pk=team.pk).exists():
        raise ValidationError({"name": f"{team.department} already has a team called {name}."})
    team.name = name
    team.full_clean()
    team.save(update_fields=["name"])
    return team


@transaction.atomic
def user_create(
    *,
    email: str,
    name: str,
    password: str | None = None,
    department_name: str = "",
    team_name: str = "",
    title: str = "",
    role: str = Role.MEMBER,
    time_zone: str = "UTC",
    manager: User | None = None,
) -> User:
    """Create a person, creating their department and team if needed; raises ValidationError per field."""
    email = (email or "").strip().lower()
    if User.objects.filter(email=email).exists():
        raise ValidationError({"email": f"{email} already has an account."})
    department = department_get_or_create(name=department_name) if department_name.strip() else None
    if team_name.strip() and department is None:
        raise ValidationError({"team": "A team needs a department."})
    team = (
        team_get_or_create(name=team_name, department=department)
        if team_name.strip() and department
        else None
    )
    user = User(
        email=email,
        name=(name or "").strip(),
        title=(title or "").strip(),
        department=department,
        team=team,
        role=role,
        time_zone=time_zone,
        manager=manager,
    )
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    return user


@transaction.atomic
def profile_update(*, actor: User, person: User, **fields: object) -> User:
    """Change profile fields of `person` (their own, or anyone's for an admin)."""
    if not access.can_edit_profile(actor, person):
        raise access.PermissionDenied("You can only edit your own profile.")
    allowed = {"name", "title", "department", "team", "time_zone", "bio", "skills", "insights_named"}
    for key, value in fields.items():
        if key not in allowed:
            raise ValueError(f"Unknown profile field {key}")
        setattr(person, key, value)
    if person.team is not None and person.department_id and person.team.department_id != person.department_id:
        raise ValidationError({"team": "That team belongs to another department."})
    person.full_clean(exclude=["password"])
    person.save()
    return person


@transaction.atomic
def user_set_role(*, actor: User, person: User, role: str) -> User:
    """Make `person` a member, facilitator or admin (admins only; an admin cannot demote themselves)."""
    access.require_admin(actor)
    if role not in Role.values:
        raise ValidationError({"role": "Choose member, facilitator or admin."})
    if person.pk == actor.pk and role != Role.ADMIN:
        raise ValidationError({"role": "You cannot remove your own admin role; ask another admin."})
    person.role = role
    person.save(update_fields=["role"])
    return person


@transaction.atomic
def user_set_active(*, actor: User, person: User, active: bool) -> User:
    """Deactivate (they can no longer sign in or use tokens; their content stays) or reactivate a person."""
    access.require_admin(actor)
    if person.pk == actor.pk and not active:
        raise ValidationError("You cannot deactivate yourself.")
    person.is_active = active
    person.deactivated_at = None if active else timezone.now()
    person.save(update_fields=["is_active", "deactivated_at"])
    return person


# --- invitations -------------------------------------------------------------------------------


def _send_invitation(invitation: Invitation, raw_token: str) -> None:
    link = settings.SITE_URL + reverse("people:accept_invitation", args=[raw_token])
    inviter = invitation.invited_by.name if invitation.invited_by else "Your organization"
    body = render_to_string(
        "people/email/invitation.txt", {"invitation": invitation, "link": link, "inviter": inviter}
    )
    send_mail(f"{inviter} invited you to Ripple", body, None, [invitation.email])


@transaction.atomic
def invitation_create(
    *,
    actor: User,
    email: str,
    name: str = "",
    role: str = Role.MEMBER,
    department: Department | None = None,
    team: Team | None = None,
) -> tuple[Invitation, str]:
    """Invite `email` to join; the link in the email is valid for INVITATION_DAYS days."""
    access.require_admin(actor)
    email = email.strip().lower()
    if User.objects.filter(email=email).exists():
        raise ValidationError({"email": f"{email} already has an account."})
    Invitation.objects.filter(email=email, accepted_at__isnull=True, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    raw = secrets.token_urlsafe(32)
    invitation = Invitation(
        email=email,
        name=name.strip(),
        role=role,
        department=department,
        team=team,
        token_hash=hash_secret(raw),
        invited_by=actor,
        expires_at=timezone.now() + timedelta(days=INVITATION_DAYS),
    )
    invitation.full_clean()
    invitation.save()
    transaction.on_commit(lambda: _send_invitation(invitation, raw))
    return invitation, raw


def invitation_for_token(raw_token: str) -> Invitation:
    """The invitation a link points to; a ValidationError says plainly why it cannot be used."""
    invitation = Invitation.objects.filter(token_hash=hash_secret(raw_token)).first()
    if invitation is None:
        raise ValidationError("This invitation link is not valid. Ask your Ripple admin for a new one.")
    messages = {
        "accepted": "This invitation has already been used. Sign in instead.",
        "revoked": "This invitation was withdrawn. Ask your Ripple admin for a new one.",
        "expired": "This invitation has expired. Ask your Ripple admin for a new one.",
    }
    if invitation.status in messages:
        raise ValidationError(messages[invitation.status])
    return invitation


@transaction.atomic
def invitation_accept(*, raw_token: str, name: str, password: str) -> User:
    """Turn a pending invitation into an account with the chosen name and password."""
    invitation = invitation_for_token(raw_token)
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.status != "pending":
        raise ValidationError("This invitation can no longer be used.")
    user = user_create(
        email=invitation.email,
        name=name,
        password=password,
        department_name=invitation.department.name if invitation.department else "",
        team_name=invitation.team.name if invitation.team else "",
        role=invitation.role,
    )
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    return user


@transaction.atomic
def invitation_revoke(*, actor: User, invitation: Invitation) -> Invitation:
    access.require_admin(actor)
    if invitation.status == "pending":
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
    return invitation


# --- API tokens --------------------------------------------------------------------------------


@transaction.atomic
def token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """A new personal token; returns the raw token, which is never stored and cannot be shown again."""
    name = (name or "").strip() or "API token"
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(user=user, name=name, prefix=raw[:10], token_hash=hash_secret(raw))
    token.full_clean()
    token.save()
    return token, raw


@transaction.atomic
def token_revoke(*, actor: User, token: ApiToken) -> ApiToken:
    if token.user_id != actor.pk and not actor.is_admin:
        raise access.PermissionDenied("You can only revoke your own tokens.")
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def token_authenticate(raw: str) -> User | None:
    """The active person a raw token belongs to; None if unknown, revoked or the person is deactivated."""
    if not raw or not raw.startswith(TOKEN_PREFIX) or len(raw) > 200:
        return None
    token = (
        ApiToken.objects.select_related("user", "user__department")
        .filter(token_hash=hash_secret(raw), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=5):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


# Sign-in limits (failed sign-ins, password-reset requests) are in people.limits.


# --- bulk import -------------------------------------------------------------------------------


@dataclass
class ImportResult:
    created: list[User]
    errors: list[str]


@transaction.atomic
def people_import(*, rows: list[PersonRow], skip_invalid: bool = False) -> ImportResult:
    """Create everyone in `rows`; all-or-nothing unless `skip_invalid`, which skips the bad rows only.

    Rows arrive already parsed (people.importing.parse_people_csv); here they are checked against
    the database (existing accounts, managers that exist neither in the file nor in Ripple).
    """
    errors, good = selectors.check_people_rows(rows)
    if errors and not skip_invalid:
        return ImportResult(created=[], errors=errors)
    created: dict[str, User] = {}
    for row in good:
        created[row.email] = user_create(
            email=row.email,
            name=row.name,
            department_name=row.department,
            team_name=row.team,
            title=row.title,
        )
    managers = {u.email: u for u in User.objects.filter(email__in=[r.manager_email for r in good])}
    for row in good:
        manager = managers.get(row.manager_email) if row.manager_email else None
        if manager is not None:
            person = created[row.email]
            person.manager = manager
            person.save(update_fields=["manager"])
        elif row.manager_email:
            errors.append(f"row {row.line}: manager {row.manager_email} was skipped, so none was set")
    return ImportResult(created=list(created.values()), errors=errors)


@transaction.atomic
def first_steps_dismiss(*, actor: User) -> None:
    """Hide the first-day checklist for good (it also goes away by itself once every step is done)."""
    User.objects.filter(pk=actor.pk, first_steps_dismissed_at__isnull=True).update(
        first_steps_dismissed_at=timezone.now()
    )
