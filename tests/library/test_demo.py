"""The demo library: department prompts with versions, forks, reuses, ratings and collections."""

from __future__ import annotations

import random

import pytest

from ripple.core.models import LearningEvent
from ripple.demo.library import PROMPTS, build_library
from ripple.demo.people import build_people
from ripple.library.models import Collection, Prompt, PromptVersion, Reuse, Suggestion

pytestmark = pytest.mark.django_db


def _snapshot() -> tuple:
    return (
        list(Prompt.objects.order_by("id").values_list("title", "owner__email", "reuse_count", "version")),
        Reuse.objects.count(),
        Collection.objects.count(),
    )


def test_demo_library_is_rich_deterministic_and_idempotent():
    build_people(rng=random.Random(1), count=60)
    build_library(rng=random.Random(2))
    first = _snapshot()
    build_library(rng=random.Random(2))
    assert _snapshot() == first
    assert Prompt.objects.filter(forked_from__isnull=True).count() == len(PROMPTS)
    forks = Prompt.objects.filter(forked_from__isnull=False).select_related(
        "department", "forked_from__department"
    )
    assert any(f.department_id != f.forked_from.department_id for f in forks)
    assert PromptVersion.objects.filter(number__gt=1).exists()
    assert Reuse.objects.count() > 50 and Collection.objects.count() == 4
    assert set(Suggestion.objects.values_list("status", flat=True)) == {"open", "accepted", "declined"}
    assert Prompt.objects.filter(check_output="").exists()  # the nudge shows somewhere
    assert LearningEvent.objects.filter(kind="reuse").exclude(learner_department_id=None).exists()
    days = [p.created_at for p in Prompt.objects.all()]
    assert (max(days) - min(days)).days > 60
