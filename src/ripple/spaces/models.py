"""A space: the members of a cohort or a community and whether outsiders may read what is posted in it.

Posts, prompts, collections and notifications may belong to a space (a nullable `space` foreign key);
`spaces.access.readable_q` is the one rule every app applies to them (ADR 0014). The app that owns a
space (cohorts, communities) keeps its own enrolment — requests, invitations, waiting lists — and adds
a person here once they are in.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class Visibility(models.TextChoices):
    OPEN = "open", "Open — anyone in the organization can read it"
    PRIVATE = "private", "Private — only its members know what is in it"


class Space(models.Model):
    kind = models.CharField(max_length=20)  # the owning app's name for it: "cohort", "community"
    name = models.CharField(max_length=120)
    visibility = models.CharField(max_length=10, choices=Visibility.choices, default=Visibility.OPEN)
    member_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(visibility__in=[v.value for v in Visibility]),
                name="space_visibility_valid",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        """The owning app's page for it (`spaces.links`), or "" when none is registered."""
        from ripple.spaces import links

        return links.url_for(self)

    @property
    def is_private(self) -> bool:
        return self.visibility == Visibility.PRIVATE


class MemberRole(models.TextChoices):
    MEMBER = "member", "Member"
    LEAD = "lead", "Lead"


class Membership(models.Model):
    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="space_memberships"
    )
    role = models.CharField(max_length=10, choices=MemberRole.choices, default=MemberRole.MEMBER)
    joined_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["space", "person"], name="space_membership_unique")]
        indexes = [models.Index(fields=["person", "space"], name="space_membership_person")]

    def __str__(self) -> str:
        return f"{self.person_id} in {self.space_id}"
