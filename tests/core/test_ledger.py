from __future__ import annotations

import pytest

from ripple.core import ledger
from ripple.core.models import LearningEvent
from tests.factories import DepartmentFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_record_copies_departments_and_object():
    sales, legal = DepartmentFactory(name="Sales"), DepartmentFactory(name="Legal")
    learner = UserFactory(department=sales)
    source = UserFactory(department=legal)
    event = ledger.record(kind="kudos", learner=learner, source=source, obj=source, minutes_saved=5)
    assert event is not None
    event.refresh_from_db()
    assert (event.learner_department_id, event.source_department_id) == (sales.pk, legal.pk)
    assert (event.object_type, event.object_id, event.minutes_saved) == ("people.user", source.pk, 5)
    # Moving department later does not rewrite history.
    learner.department = source.department
    learner.save()
    event.refresh_from_db()
    assert event.learner_department_id == sales.pk


def test_learning_from_yourself_is_not_recorded():
    person = UserFactory()
    assert ledger.record(kind="reuse", learner=person, source=person) is None
    assert LearningEvent.objects.count() == 0


def test_an_unregistered_kind_is_refused_and_nothing_is_written():
    from django.core.exceptions import ValidationError

    learner, source = UserFactory(), UserFactory()
    with pytest.raises(ValidationError, match="Unknown learning-event kind"):
        ledger.record(kind="telepathy", learner=learner, source=source)
    assert LearningEvent.objects.count() == 0


def test_every_app_registers_its_kinds_and_labels_come_from_the_registry():
    from ripple.core import registry

    assert {"reuse", "fork", "suggestion", "answer", "kudos"} <= set(registry.learning_kinds.names())
    event = ledger.record(kind="fork", learner=UserFactory(), source=UserFactory())
    assert event is not None and event.kind_label == "Forked a prompt"
