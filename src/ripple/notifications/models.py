"""Inbox notifications and each person's per-type choices. Kinds are plain strings that apps register
in `core.registry.notification_kinds` (validated when written), so a new app needs no migration here."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from ripple.core import registry


class Notification(models.Model):
    """One item in a person's inbox. `actor` is null when the actor must stay anonymous."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(max_length=30)
    text = models.CharField(max_length=300)
    url = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)
    # What the notification is about lives in this space: only its readers see it (ADR 0014).
    space = models.ForeignKey(
        "spaces.Space", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )

    class Meta:
        indexes = [models.Index(fields=["recipient", "-created_at", "-id"], name="notif_recipient_newest")]

    def __str__(self) -> str:
        return f"{self.kind} for {self.recipient_id}: {self.text}"

    @property
    def kind_label(self) -> str:
        return registry.notification_kinds.label(self.kind)


class Preference(models.Model):
    """Per-type choice: show in the inbox, and send by email. A missing row means the kind's defaults."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=30)
    inbox = models.BooleanField(default=True)
    email = models.BooleanField(default=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="notification_pref_once")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.kind}"
