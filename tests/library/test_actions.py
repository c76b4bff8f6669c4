"""Library actions: counters, lineage, ratings, suggestions, collections — and who may do what."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from ripple.core.models import LearningEvent
from ripple.library import actions
from ripple.library.models import Prompt, PromptVersion
from ripple.notifications.models import Notification
from tests.factories import DepartmentFactory, UserFactory
from tests.library.factories import make_prompt

pytestmark = pytest.mark.django_db


def test_reuse_counts_people_departments_and_minutes():
    sales, legal = DepartmentFactory(name="Sales"), DepartmentFactory(name="Legal")
    owner = UserFactory(department=sales)
    a, b, c = UserFactory(department=sales), UserFactory(department=sales), UserFactory(department=legal)
    prompt = make_prompt(owner)
    for person, minutes in ((a, 10), (a, 20), (b, 5), (c, 0)):
        actions.reuse_record(actor=person, prompt=prompt, minutes_saved=minutes)
    prompt.refresh_from_db()
    assert (prompt.reuse_count, prompt.reuser_count, prompt.department_count, prompt.minutes_saved_total) == (
        4,
        3,
        2,
        35,
    )
    events = LearningEvent.objects.filter(kind="reuse", source=owner)
    assert events.count() == 4 and sum(e.minutes_saved for e in events) == 35
    assert events.filter(learner=c, source_department_id=sales.pk, learner_department_id=legal.pk).exists()


def test_own_reuse_counts_but_is_no_ripple(member):
    prompt = make_prompt(member)
    actions.reuse_record(actor=member, prompt=prompt, minutes_saved=10)
    assert not LearningEvent.objects.exists() and not Notification.objects.exists()


@pytest.mark.parametrize("minutes", [-1, 481, "lots"])
def test_reuse_rejects_bad_minutes(member, other_member, minutes):
    prompt = make_prompt(other_member)
    with pytest.raises(ValidationError):
        actions.reuse_record(actor=member, prompt=prompt, minutes_saved=minutes)
    prompt.refresh_from_db()
    assert prompt.reuse_count == 0


def test_rating_once_per_person_and_not_your_own(member, other_member):
    prompt = make_prompt(other_member)
    actions.rating_set(actor=member, prompt=prompt, stars=2)
    actions.rating_set(actor=member, prompt=prompt, stars=5)
    actions.rating_set(actor=UserFactory(), prompt=prompt, stars=4)
    prompt.refresh_from_db()
    assert (prompt.rating_count, prompt.rating_avg) == (2, 4.5)
    with pytest.raises(ValidationError):
        actions.rating_set(actor=other_member, prompt=prompt, stars=5)
    with pytest.raises(ValidationError):
        actions.rating_set(actor=member, prompt=prompt, stars=6)


def test_fork_keeps_lineage_and_narrow_sharing():
    sales, legal = DepartmentFactory(name="Sales"), DepartmentFactory(name="Legal")
    owner, colleague = UserFactory(department=sales), UserFactory(department=sales)
    original = make_prompt(owner, visibility="department")
    fork = actions.prompt_fork(actor=colleague, prompt=original)
    grandchild = actions.prompt_fork(actor=owner, prompt=fork, title="Third")
    assert (fork.visibility, fork.department) == ("department", sales)
    assert fork.forked_from == original and fork.lineage_root_id == original.pk
    assert grandchild.lineage_root_id == original.pk and grandchild.title == "Third"
    assert PromptVersion.objects.get(prompt=fork).note.startswith("Forked from")
    original.refresh_from_db()
    assert original.fork_count == 1
    with pytest.raises(Http404):
        actions.prompt_fork(actor=UserFactory(department=legal), prompt=original)


def test_update_without_content_change_keeps_version(member):
    prompt = make_prompt(member)
    actions.prompt_update(actor=member, prompt=prompt, visibility="private")
    assert prompt.version == 1 and prompt.visibility == "private"
    actions.prompt_update(actor=member, prompt=prompt, title=prompt.title)
    assert prompt.versions.count() == 1


def test_only_owner_or_admin_updates(member, other_member, admin_user):
    prompt = make_prompt(other_member)
    with pytest.raises(PermissionDenied):
        actions.prompt_update(actor=member, prompt=prompt, title="Hijacked")
    actions.prompt_update(actor=admin_user, prompt=prompt, title="Fixed typo", note="Curated")
    assert Prompt.objects.get(pk=prompt.pk).title == "Fixed typo"


def test_suggestions_decline_and_double_resolve(member, other_member):
    prompt = make_prompt(other_member)
    suggestion = actions.suggestion_create(actor=member, prompt=prompt, title="Better", body=prompt.body)
    prompt.refresh_from_db()
    assert prompt.open_suggestion_count == 1
    with pytest.raises(ValidationError):
        actions.suggestion_create(
            actor=member, prompt=prompt, title=prompt.title, body=prompt.body, purpose=prompt.purpose,
            check_output=prompt.check_output,
        )  # fmt: skip
    with pytest.raises(PermissionDenied):
        actions.suggestion_decline(actor=member, suggestion=suggestion)
    actions.suggestion_decline(actor=other_member, suggestion=suggestion, response="Prefer the old title")
    prompt.refresh_from_db()
    assert prompt.open_suggestion_count == 0 and prompt.version == 1
    with pytest.raises(ValidationError):
        actions.suggestion_accept(actor=other_member, suggestion=suggestion)
    assert Notification.objects.filter(recipient=member, kind="suggestion_resolved").exists()
    with pytest.raises(ValidationError):
        actions.suggestion_create(actor=other_member, prompt=prompt, title="x", body="y")


def test_collection_add_is_idempotent_and_needs_visibility(member, other_member):
    collection = actions.collection_create(actor=member, title="Pack")
    prompt = make_prompt(other_member)
    actions.collection_add(actor=member, collection=collection, prompt=prompt)
    actions.collection_add(actor=member, collection=collection, prompt=prompt)
    collection.refresh_from_db()
    assert collection.prompt_count == 1
    private = make_prompt(other_member, visibility="private")
    with pytest.raises(Http404):
        actions.collection_add(actor=member, collection=collection, prompt=private)
    with pytest.raises(ValidationError):
        actions.collection_create(actor=member, title=" ")


def test_update_keeps_or_clears_department(member):
    sales = member.department
    prompt = make_prompt(member, department=sales)
    actions.prompt_update(actor=member, prompt=prompt, title="Renamed")
    assert Prompt.objects.get(pk=prompt.pk).department == sales
    actions.prompt_update(actor=member, prompt=prompt, department=None)
    assert Prompt.objects.get(pk=prompt.pk).department is None
    actions.prompt_update(actor=member, prompt=prompt, visibility="department", department=None)
    assert Prompt.objects.get(pk=prompt.pk).department == sales  # department-only needs one: the owner's
