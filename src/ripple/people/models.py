"""People, departments, teams, roles, invitations and personal API tokens."""

from __future__ import annotations

import hashlib
import zoneinfo
from typing import Any, ClassVar

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.db import models
from django.urls import reverse
from django.utils import timezone

from ripple.core.search import SearchIndex

TIME_ZONES = sorted(zoneinfo.available_timezones() - {"Factory", "localtime"})


class Role(models.TextChoices):
    MEMBER = "member", "Member"
    FACILITATOR = "facilitator", "Facilitator"
    LEADER = "leader", "Leader (sees insights)"
    ADMIN = "admin", "Admin"


class Department(models.Model):
    name = models.CharField(max_length=80, unique=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Team(models.Model):
    name = models.CharField(max_length=80)
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="teams")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["department", "name"], name="team_unique_in_department")
        ]

    def __str__(self) -> str:
        return self.name


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, name: str, password: str | None = None, **extra: Any) -> User:
        user = self.model(email=self.normalize_email(email).lower(), name=name, **extra)
        user.set_password(password) if password else user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, name: str, password: str | None = None, **extra: Any) -> User:
        extra["role"] = Role.ADMIN
        return self.create_user(email, name, password, **extra)


class User(AbstractBaseUser):
    email = models.EmailField(max_length=254, unique=True)
    name = models.CharField(max_length=120)
    title = models.CharField(max_length=120, blank=True)
    department = models.ForeignKey(
        Department, on_delete=models.SET_NULL, null=True, blank=True, related_name="members"
    )
    team = models.ForeignKey(Team, on_delete=models.SET_NULL, null=True, blank=True, related_name="members")
    manager = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="reports"
    )
    time_zone = models.CharField(max_length=64, default="UTC")
    bio = models.TextField(max_length=2000, blank=True)
    skills = models.CharField(max_length=500, blank=True, help_text="Comma-separated")
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.MEMBER)
    is_active = models.BooleanField(default=True)
    date_joined = models.DateTimeField(default=timezone.now)
    deactivated_at = models.DateTimeField(null=True, blank=True)
    # When the person closed the first-day checklist (people.selectors.first_steps) before finishing it.
    first_steps_dismissed_at = models.DateTimeField(null=True, blank=True)
    # Off: insights' ripple map and "my ripple" show this person as "someone in <department>".
    insights_named = models.BooleanField(
        "Name me on the ripple map",
        default=True,
        help_text="Off: insights show you as “someone in your department” to everyone else.",
    )

    objects: ClassVar[UserManager] = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = ["name"]

    class Meta:
        indexes = [models.Index(fields=["name", "id"]), models.Index(fields=["department", "name"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(role__in=["member", "facilitator", "leader", "admin"]),
                name="user_role_valid",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("people:profile", args=[self.pk])

    @property
    def is_admin(self) -> bool:
        return self.is_active and self.role == Role.ADMIN

    @property
    def is_leader(self) -> bool:
        """Leaders (and admins) see the organization's insights."""
        return self.is_active and self.role in (Role.LEADER, Role.ADMIN)

    @property
    def is_facilitator(self) -> bool:
        return self.is_active and self.role in (Role.FACILITATOR, Role.ADMIN)

    @property
    def skill_list(self) -> list[str]:
        return [s.strip() for s in self.skills.split(",") if s.strip()]


PEOPLE_SEARCH = SearchIndex(
    table="people_user", columns=(("name", "A"), ("title", "B"), ("skills", "B"), ("bio", "C"))
)


def hash_secret(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class Invitation(models.Model):
    email = models.EmailField(max_length=254)
    name = models.CharField(max_length=120, blank=True)
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.MEMBER)
    department = models.ForeignKey(Department, on_delete=models.SET_NULL, null=True, blank=True)
    team = models.ForeignKey(Team, on_delete=models.SET_NULL, null=True, blank=True)
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.email

    @property
    def status(self) -> str:
        if self.accepted_at:
            return "accepted"
        if self.revoked_at:
            return "revoked"
        if self.expires_at <= timezone.now():
            return "expired"
        return "pending"


class ApiToken(models.Model):
    """A personal API token; only its SHA-256 is stored, the token itself is shown once."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=80)
    prefix = models.CharField(max_length=12)
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


class LoginFailure(models.Model):
    """A failed sign-in, kept briefly to refuse guessing (see people.actions.login_is_blocked)."""

    email = models.CharField(max_length=254, db_index=True)
    ip = models.CharField(max_length=64, db_index=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self) -> str:
        return f"{self.email} from {self.ip}"
