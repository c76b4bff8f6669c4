"""The learning-event ledger: one row each time knowledge moves between people."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class LearningKind(models.TextChoices):
    REUSE = "reuse", "Reused a prompt"
    FORK = "fork", "Forked a prompt"
    SUGGESTION = "suggestion", "Suggested edit accepted"
    ANSWER = "answer", "Accepted answer"
    KUDOS = "kudos", "Kudos"
    DEMO = "demo", "Attended a demo"
    CHECK_IN = "check_in", "Cohort check-in"
    HARVEST = "harvest", "Harvested from chat"


class LearningEvent(models.Model):
    """`learner` learned from `source` through `kind`; departments are copied so history survives moves."""

    kind = models.CharField(max_length=20, choices=LearningKind.choices)
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="learning_events"
    )
    source = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="taught_events",
    )
    learner_department = models.ForeignKey(
        "people.Department", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    source_department = models.ForeignKey(
        "people.Department", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    object_type = models.CharField(max_length=40, blank=True)
    object_id = models.BigIntegerField(null=True, blank=True)
    minutes_saved = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(db_index=True)

    class Meta:
        indexes = [
            models.Index(fields=["kind", "created_at"]),
            models.Index(fields=["object_type", "object_id"]),
        ]

    def __str__(self) -> str:
        return f"{self.kind}: {self.learner_id} <- {self.source_id}"


class NotificationKind(models.TextChoices):
    MENTION = "mention", "Mentions"
    REPLY = "reply", "Replies to posts I follow"
    ANSWER_ACCEPTED = "answer_accepted", "Accepted answers"
    KUDOS = "kudos", "Kudos"
    SUGGESTION = "suggestion", "Suggested edits on my prompts"
    SUGGESTION_RESOLVED = "suggestion_resolved", "My suggestions accepted or declined"
    REUSE = "reuse", "Reuse of my prompts"
    FORK = "fork", "Forks of my prompts"


class Notification(models.Model):
    """One item in a person's inbox. `actor` is null when the actor must stay anonymous."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(max_length=30, choices=NotificationKind.choices)
    text = models.CharField(max_length=300)
    url = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["recipient", "-created_at", "-id"])]

    def __str__(self) -> str:
        return f"{self.kind} for {self.recipient_id}: {self.text}"
