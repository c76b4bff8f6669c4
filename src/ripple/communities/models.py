"""Communities of practice: a community HAS a space (ADR 0014) — its members, and whether outsiders may
read what is posted in it — plus its own purpose, enrolment (requests and invitations for a private one),
its prompt collection and its endorsements (ADR 0020)."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone


def _token() -> str:
    return secrets.token_urlsafe(18)


class Community(models.Model):
    space = models.OneToOneField("spaces.Space", on_delete=models.PROTECT, related_name="community")
    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=120)
    purpose = models.TextField(max_length=2000)
    # The community's prompts: a library collection in its space (members add to it).
    collection = models.OneToOneField(
        "library.Collection", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # A private community is invisible to outsiders; its leads share this link so people can ask to join.
    request_token = models.CharField(max_length=40, default=_token, unique=True)
    # The endorsement in force (None: not endorsed); past ones stay in Endorsement as history.
    endorsement = models.OneToOneField(
        "communities.Endorsement", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    archived_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "communities"

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("communities:detail", args=[self.slug])

    @property
    def is_private(self) -> bool:
        return self.space.is_private


class Endorsement(models.Model):
    """An admin backs a community: who, when, and what it was given. Withdrawing keeps the row."""

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="endorsements")
    endorsed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    endorsed_at = models.DateTimeField(default=timezone.now)
    hours_per_month = models.PositiveIntegerField(null=True, blank=True)  # time given to its leads
    budget = models.PositiveIntegerField(null=True, blank=True)  # a yearly budget, whole currency units
    note = models.TextField(max_length=2000, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    withdraw_reason = models.CharField(max_length=300, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["community"], condition=Q(withdrawn_at__isnull=True), name="community_one_endorsement"
            ),
            models.CheckConstraint(condition=Q(hours_per_month__lte=1000), name="endorsement_hours_range"),
            models.CheckConstraint(condition=Q(budget__lte=100_000_000), name="endorsement_budget_range"),
        ]

    def __str__(self) -> str:
        return f"{self.community_id} endorsed {self.endorsed_at:%Y-%m-%d}"

    @property
    def active(self) -> bool:
        return self.withdrawn_at is None


class RequestKind(models.TextChoices):
    REQUEST = "request", "Asked to join"
    INVITE = "invite", "Invited by a lead"


class RequestStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    APPROVED = "approved", "Approved"
    DECLINED = "declined", "Declined"


class JoinRequest(models.Model):
    """A way into a private community: a person asks (a lead approves) or a lead invites (they accept)."""

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="requests")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=RequestKind.choices)
    status = models.CharField(max_length=10, choices=RequestStatus.choices, default=RequestStatus.PENDING)
    message = models.CharField(max_length=300, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["community", "person"],
                condition=Q(status="pending"),
                name="community_one_pending_request",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=["request", "invite"]), name="join_request_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["pending", "approved", "declined"]), name="join_request_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.person_id} → {self.community_id} ({self.status})"
