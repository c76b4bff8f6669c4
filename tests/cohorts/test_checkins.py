"""Weekly check-ins: the current week only, one's own only, links only to what the person may see, a
learning event only when someone is credited."""

from __future__ import annotations

import pytest

from ripple.cohorts import actions
from ripple.cohorts.models import CheckIn
from ripple.core.models import LearningEvent
from ripple.library import actions as library_actions
from tests.cohorts.conftest import add_members, checkin_data, make_cohort
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_member_checks_in_for_the_current_week_and_edits_it(client, cohort):
    (maya,) = add_members(cohort, 1)
    client.force_login(maya)
    assert client.get(f"/cohorts/{cohort.pk}/checkin/2/").status_code == 200
    response = client.post(
        f"/cohorts/{cohort.pk}/checkin/2/", {"tried": "Drafted a reply", "minutes_saved": 20, "confidence": 3}
    )
    assert response.status_code == 302
    client.post(
        f"/cohorts/{cohort.pk}/checkin/2/",
        {"tried": "Drafted two replies", "minutes_saved": 25, "confidence": 4},
    )
    only = CheckIn.objects.get(cohort=cohort, person=maya)
    assert (only.week, only.tried, only.minutes_saved, only.confidence) == (2, "Drafted two replies", 25, 4)
    assert not LearningEvent.objects.exists()  # nobody credited: no learning event


def test_future_and_past_weeks_are_refused_and_nothing_changes(client, cohort):
    (maya,) = add_members(cohort, 1)
    client.force_login(maya)
    for week in (3, 1):
        response = client.post(
            f"/cohorts/{cohort.pk}/checkin/{week}/", {"tried": "x", "confidence": 3}, follow=True
        )
        text = response.content.decode()
        assert "has not started yet" in text if week == 3 else "has ended" in text
    assert not CheckIn.objects.exists()


def test_api_refuses_future_week_with_422(api, member, cohort):
    actions.join(actor=member, cohort=cohort)
    response = api.post(f"/api/v1/cohorts/{cohort.pk}/checkins", {"week": 3, **checkin_data()})
    assert response.status_code == 422 and "week" in response.json()["errors"]
    response = api.post(f"/api/v1/cohorts/{cohort.pk}/checkins", {"week": 99, **checkin_data()})
    assert response.status_code == 422
    response = api.post(f"/api/v1/cohorts/{cohort.pk}/checkins", {"week": 2, **checkin_data(confidence=6)})
    assert response.status_code == 422 and "confidence" in response.json()["errors"]
    assert not CheckIn.objects.exists()
    response = api.post(f"/api/v1/cohorts/{cohort.pk}/checkins", {"week": 2, **checkin_data()})
    assert response.status_code == 201 and response.json()["person"]["id"] == member.pk


def test_non_member_cannot_check_in_and_nobody_writes_anothers(api, member, client, cohort):
    response = api.post(f"/api/v1/cohorts/{cohort.pk}/checkins", {"week": 2, **checkin_data()})
    assert response.status_code == 403
    (otto,) = add_members(cohort, 1)
    actions.checkin_save(actor=otto, cohort=cohort, week=2, data=checkin_data(tried="Otto's own"))
    actions.join(actor=member, cohort=cohort)
    # There is no way to name another person: a check-in is always the caller's own.
    api.post(
        f"/api/v1/cohorts/{cohort.pk}/checkins",
        {"week": 2, "person_id": otto.pk, **checkin_data(tried="mine")},
    )
    assert CheckIn.objects.get(person=otto).tried == "Otto's own"
    assert CheckIn.objects.get(person=member).tried == "mine"


def test_links_only_to_prompts_the_person_may_see(fay, cohort):
    maya, otto = add_members(cohort, 2)
    private = library_actions.prompt_create(actor=otto, title="Mine", body="Secret {x}", visibility="private")
    public = library_actions.prompt_create(actor=otto, title="Ours", body="Open {x}")
    with pytest.raises(Exception, match="No prompt you can see"):
        actions.checkin_save(actor=maya, cohort=cohort, week=2, data=checkin_data(prompts=[private.pk]))
    assert not CheckIn.objects.exists()
    checkin = actions.checkin_save(actor=maya, cohort=cohort, week=2, data=checkin_data(prompts=[public.pk]))
    assert list(checkin.prompts.values_list("pk", flat=True)) == [public.pk]


def test_learned_from_records_one_learning_event_and_changes_with_it(cohort):
    maya, otto, ravi = add_members(cohort, 3)
    actions.checkin_save(actor=maya, cohort=cohort, week=2, data=checkin_data(learned_from=otto))
    event = LearningEvent.objects.get()
    assert (event.kind, event.learner_id, event.source_id, event.object_type) == (
        "cohort_checkin",
        maya.pk,
        otto.pk,
        "cohorts.checkin",
    )
    actions.checkin_save(actor=maya, cohort=cohort, week=2, data=checkin_data(learned_from=ravi))
    assert list(LearningEvent.objects.values_list("source_id", flat=True)) == [ravi.pk]
    actions.checkin_save(actor=maya, cohort=cohort, week=2, data=checkin_data(learned_from=None))
    assert not LearningEvent.objects.exists()
    with pytest.raises(Exception, match="yourself"):
        actions.checkin_save(actor=maya, cohort=cohort, week=2, data=checkin_data(learned_from=maya))


def test_upcoming_cohort_refuses_every_week(fay):
    cohort = make_cohort(fay, week=0)
    person = UserFactory()
    actions.join(actor=person, cohort=cohort)
    with pytest.raises(Exception, match="has not started"):
        actions.checkin_save(actor=person, cohort=cohort, week=1, data=checkin_data())
