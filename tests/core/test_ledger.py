from __future__ import annotations

import pytest

from ripple.core import ledger
from ripple.core.models import LearningEvent, LearningKind
from tests.factories import DepartmentFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_record_copies_departments_and_object():
    learner = UserFactory(department=DepartmentFactory(name="Sales"))
    source = UserFactory(department=DepartmentFactory(name="Legal"))
    event = ledger.record(
        kind=LearningKind.KUDOS, learner=learner, source=source, obj=source, minutes_saved=5
    )
    assert event is not None
    event.refresh_from_db()
    assert (event.learner_department.name, event.source_department.name) == ("Sales", "Legal")
    assert (event.object_type, event.object_id, event.minutes_saved) == ("people.user", source.pk, 5)
    # Moving department later does not rewrite history.
    learner.department = source.department
    learner.save()
    event.refresh_from_db()
    assert event.learner_department.name == "Sales"


def test_learning_from_yourself_is_not_recorded():
    person = UserFactory()
    assert ledger.record(kind=LearningKind.REUSE, learner=person, source=person) is None
    assert LearningEvent.objects.count() == 0
