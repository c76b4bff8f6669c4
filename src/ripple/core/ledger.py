"""Append to the learning-event ledger. Insights and the ripple map read only this ledger."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import models
from django.utils import timezone

from ripple.core import registry
from ripple.core.models import LearningEvent


def record(
    *,
    kind: registry.LearningKind | str,
    learner: Any,
    source: Any | None,
    obj: models.Model | None = None,
    minutes_saved: int = 0,
    at: datetime | None = None,
) -> LearningEvent | None:
    """Record that `learner` learned from `source` through `kind` (a registered learning kind);
    learning from yourself is no ripple and is skipped."""
    name = registry.learning_kinds.validate(kind)
    if source is not None and source.pk == learner.pk:
        return None
    return LearningEvent.objects.create(
        kind=name,
        learner=learner,
        source=source,
        learner_department_id=getattr(learner, "department_id", None),
        source_department_id=getattr(source, "department_id", None) if source is not None else None,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=obj.pk if obj is not None else None,
        minutes_saved=minutes_saved,
        created_at=at or timezone.now(),
    )
