"""Creating a cohort, joining, requests, invitations, the waiting list and leaving — through the pages."""

from __future__ import annotations

from datetime import timedelta

import pytest

from ripple.cohorts import actions
from ripple.cohorts.models import Cohort, Enrolment, Message, Status
from ripple.notifications.models import Notification
from ripple.spaces import selectors as space_selectors
from tests.cohorts.conftest import make_cohort
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _status(cohort, person):
    row = Enrolment.objects.filter(cohort=cohort, person=person).first()
    return row.status if row else None


def test_facilitator_creates_a_cohort_with_its_space_collection_and_schedule(client, fay, today):
    co = UserFactory()
    client.force_login(fay)
    response = client.post(
        "/cohorts/new/",
        {
            "name": "Prompting for sales",
            "goal": "Every rep has three prompts",
            "description": "",
            "start_date": (today + timedelta(days=3)).isoformat(),
            "weeks": 4,
            "meeting_weekday": 2,
            "meeting_time": "12:30",
            "time_zone": "Europe/Paris",
            "capacity": 12,
            "enrolment": "request",
            "visibility": "private",
            "reminder_weekday": 3,
            "facilitators": [co.pk],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    cohort = Cohort.objects.get(name="Prompting for sales")
    assert cohort.space.visibility == "private" and cohort.weeks == 4 and cohort.capacity == 12
    assert space_selectors.lead_ids(cohort.space) == {fay.pk, co.pk}
    assert cohort.collection is not None and cohort.collection.space_id == cohort.space_id
    kinds = sorted(Message.objects.filter(cohort=cohort).values_list("kind", "week"))
    assert kinds == [("after_survey", 4), ("before_survey", 1), ("nudge", 0)] + [
        ("reminder", w) for w in range(1, 5)
    ]
    for m in Message.objects.filter(cohort=cohort, kind="reminder"):
        assert m.send_on.weekday() == 3 and cohort.week_start(m.week) <= m.send_on < cohort.week_start(
            m.week
        ) + timedelta(days=7)


def test_members_cannot_create_and_bad_input_is_a_field_error(client, member, fay, today):
    client.force_login(member)
    assert client.get("/cohorts/new/").status_code == 403
    client.force_login(fay)
    response = client.post("/cohorts/new/", {"name": "", "start_date": "soon", "weeks": 40, "capacity": 1})
    assert response.status_code == 400
    assert Cohort.objects.count() == 0
    text = response.content.decode()
    assert "This field is required" in text or "Give the cohort a name" in text


def test_join_open_cohort_then_full_refuses_then_waiting_list_promoted_in_order(client, fay):
    cohort = make_cohort(fay, capacity=2)
    a, b, c, d = UserFactory(), UserFactory(), UserFactory(), UserFactory()
    for person in (a, b):
        client.force_login(person)
        client.post(f"/cohorts/{cohort.pk}/join/")
        assert _status(cohort, person) == Status.MEMBER
    client.force_login(c)
    response = client.post(f"/cohorts/{cohort.pk}/join/", follow=True)
    assert "The cohort is full" in response.content.decode()
    assert _status(cohort, c) is None  # nothing changed
    client.post(f"/cohorts/{cohort.pk}/join/", {"waitlist": "1"})
    client.force_login(d)
    client.post(f"/cohorts/{cohort.pk}/join/", {"waitlist": "1"})
    assert (_status(cohort, c), _status(cohort, d)) == (Status.WAITING, Status.WAITING)
    client.force_login(a)
    client.post(f"/cohorts/{cohort.pk}/leave/")
    assert (
        _status(cohort, a) == Status.LEFT
        and _status(cohort, c) == Status.MEMBER
        and _status(cohort, d) == Status.WAITING
    )
    assert c.pk in space_selectors.member_ids(cohort.space) and a.pk not in space_selectors.member_ids(
        cohort.space
    )
    assert Notification.objects.filter(recipient=c, kind="cohort_enrolment").exists()


def test_request_then_facilitator_approves_or_declines(client, fay):
    cohort = make_cohort(fay, enrolment="request")
    asker, other = UserFactory(), UserFactory()
    for person in (asker, other):
        client.force_login(person)
        client.post(f"/cohorts/{cohort.pk}/join/")
        assert _status(cohort, person) == Status.REQUESTED
    assert not space_selectors.member_ids(cohort.space) & {asker.pk, other.pk}
    client.force_login(asker)
    assert client.post(f"/cohorts/{cohort.pk}/people/{other.pk}/answer/", {"approve": "1"}).status_code == 403
    client.force_login(fay)
    client.post(f"/cohorts/{cohort.pk}/people/{asker.pk}/answer/", {"approve": "1"})
    client.post(f"/cohorts/{cohort.pk}/people/{other.pk}/answer/", {"approve": "0"})
    assert (_status(cohort, asker), _status(cohort, other)) == (Status.MEMBER, Status.DECLINED)
    client.force_login(other)
    response = client.post(f"/cohorts/{cohort.pk}/join/", follow=True)
    assert "declined" in response.content.decode() and _status(cohort, other) == Status.DECLINED


def test_invite_only_refuses_joining_and_an_invitation_is_accepted(client, fay):
    cohort = make_cohort(fay, enrolment="invite", visibility="private")
    guest, stranger = UserFactory(), UserFactory()
    client.force_login(stranger)
    assert client.post(f"/cohorts/{cohort.pk}/join/").status_code == 404  # private: not even known
    client.force_login(fay)
    client.post(f"/cohorts/{cohort.pk}/invite/", {"person": guest.pk})
    assert _status(cohort, guest) == Status.INVITED
    assert Notification.objects.filter(recipient=guest, kind="cohort_enrolment").exists()
    client.force_login(guest)
    assert client.get(f"/cohorts/{cohort.pk}/").status_code == 200  # the invitee may see what invited them
    client.post(f"/cohorts/{cohort.pk}/join/")
    assert _status(cohort, guest) == Status.MEMBER


def test_invite_only_open_cohort_refuses_a_join_with_a_clear_error(client, fay, member):
    cohort = make_cohort(fay, enrolment="invite")
    client.force_login(member)
    response = client.post(f"/cohorts/{cohort.pk}/join/", follow=True)
    assert "invitation only" in response.content.decode()
    assert _status(cohort, member) is None


def test_finished_cohort_refuses_joining(client, fay, member):
    cohort = make_cohort(fay, week=6, weeks=4)
    client.force_login(member)
    response = client.post(f"/cohorts/{cohort.pk}/join/", follow=True)
    assert "has finished" in response.content.decode()
    assert _status(cohort, member) is None


def test_only_facilitator_cannot_leave_and_capacity_increase_promotes(fay):
    cohort = make_cohort(fay, capacity=2)
    people = [UserFactory() for _ in range(3)]
    actions.join(actor=people[0], cohort=cohort)
    actions.join(actor=people[1], cohort=cohort)
    actions.join(actor=people[2], cohort=cohort, waitlist=True)
    with pytest.raises(Exception, match="only facilitator"):
        actions.leave(actor=fay, cohort=cohort)
    data = {
        f: getattr(cohort, f)
        for f in (
            "name",
            "goal",
            "description",
            "start_date",
            "weeks",
            "meeting_weekday",
            "meeting_time",
            "time_zone",
            "enrolment",
            "reminder_weekday",
        )
    }
    actions.cohort_update(actor=fay, cohort=cohort, data={**data, "capacity": 3})
    assert _status(cohort, people[2]) == Status.MEMBER
