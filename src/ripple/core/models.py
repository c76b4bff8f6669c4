"""The learning-event ledger: one row each time knowledge moves between people."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from ripple.core import registry


class LearningEvent(models.Model):
    """`learner` learned from `source` through `kind` (a name in `core.registry.learning_kinds`).

    The departments of both, at the time, are copied as plain ids so history survives moves and core
    depends on no app (ADR 0010); insights resolve them to names."""

    kind = models.CharField(max_length=20)
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
    learner_department_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    source_department_id = models.BigIntegerField(null=True, blank=True, db_index=True)
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

    @property
    def kind_label(self) -> str:
        return registry.learning_kinds.label(self.kind)


class RateCounter(models.Model):
    """Requests counted for one rate-limit key in one time slot (core.ratelimit; ADR 0012)."""

    key = models.CharField(max_length=80)
    slot = models.BigIntegerField()
    hits = models.PositiveIntegerField(default=0)
    expires_at = models.BigIntegerField(db_index=True)  # unix seconds; rows past it are deleted

    class Meta:
        constraints = [models.UniqueConstraint(fields=["key", "slot"], name="ratecounter_key_slot")]

    def __str__(self) -> str:
        return f"{self.key} @ {self.slot}: {self.hits}"
