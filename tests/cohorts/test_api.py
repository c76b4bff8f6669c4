"""The cohort API: CRUD, members, check-ins, board, report — with the same rules as the pages."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from ripple.cohorts import actions
from ripple.cohorts.models import Cohort, Enrolment
from ripple.people import actions as people_actions
from tests.cohorts.conftest import add_members, checkin_data, make_cohort

pytestmark = pytest.mark.django_db


def _headers(person):
    _token, raw = people_actions.token_create(user=person, name="t")
    return {"Authorization": f"Bearer {raw}"}


def test_crud(fay, api):
    h = _headers(fay)
    start = (timezone.now().date() + timedelta(days=7)).isoformat()
    c = Client()
    assert api.post("/api/v1/cohorts", {"name": "Nope", "start_date": start}).status_code == 403  # a member
    bad = c.post(
        "/api/v1/cohorts",
        {"name": "", "start_date": start, "weeks": 0},
        content_type="application/json",
        headers=h,
    )
    assert bad.status_code == 422 and {"name", "weeks"} <= set(bad.json()["errors"])
    assert Cohort.objects.count() == 0
    made = c.post(
        "/api/v1/cohorts",
        {"name": "API cohort", "start_date": start, "visibility": "private"},
        content_type="application/json",
        headers=h,
    )
    assert made.status_code == 201, made.content
    body = made.json()
    assert body["weeks"] == 4 and body["visibility"] == "private" and body["status"] == "upcoming"
    pk = body["id"]
    patched = c.patch(
        f"/api/v1/cohorts/{pk}",
        {"capacity": 8, "visibility": "open"},
        content_type="application/json",
        headers=h,
    )
    assert (
        patched.status_code == 200
        and patched.json()["capacity"] == 8
        and patched.json()["visibility"] == "open"
    )
    assert api.patch(f"/api/v1/cohorts/{pk}", {"capacity": 9}).status_code == 403
    assert c.get(f"/api/v1/cohorts/{pk}", headers=h).status_code == 200
    assert c.delete(f"/api/v1/cohorts/{pk}", headers=h).status_code == 204
    assert not Cohort.objects.filter(pk=pk).exists()


def test_members_join_leave_invite_and_checkins(fay, api, member):
    cohort = make_cohort(fay, week=1, capacity=2)
    joined = api.post(f"/api/v1/cohorts/{cohort.pk}/members", {})
    assert joined.status_code == 201 and joined.json()["status"] == "member"
    assert api.post(f"/api/v1/cohorts/{cohort.pk}/members", {}).status_code == 422  # already in
    items = api.get(f"/api/v1/cohorts/{cohort.pk}/members").json()["items"]
    assert {i["person"]["id"] for i in items} == {fay.pk, member.pk}
    made = api.post(f"/api/v1/cohorts/{cohort.pk}/checkins", {"week": 1, **checkin_data()})
    assert made.status_code == 201
    listed = api.get(f"/api/v1/cohorts/{cohort.pk}/checkins").json()["items"]
    assert [i["tried"] for i in listed] == ["Summarised a contract"]
    board = api.get(f"/api/v1/cohorts/{cohort.pk}/board").json()
    assert board["rows"][0]["cells"][0] == "checked_in"
    assert api.get(f"/api/v1/cohorts/{cohort.pk}/report").status_code == 403  # members do not see the report
    h = _headers(fay)
    (other,) = add_members(cohort, 1)
    assert Client().get(f"/api/v1/cohorts/{cohort.pk}/report", headers=h).json()["members"] == 2
    full = Client().post(
        f"/api/v1/cohorts/{cohort.pk}/invitations",
        {"person_id": 10**9},
        content_type="application/json",
        headers=h,
    )
    assert full.status_code == 422
    assert api.delete(f"/api/v1/cohorts/{cohort.pk}/members/me").json()["status"] == "left"
    assert api.get(f"/api/v1/cohorts/{cohort.pk}/board").status_code == 403
    assert Enrolment.objects.get(cohort=cohort, person=other).status == "member"


def test_full_cohort_join_is_a_422_and_waitlist_joins_the_queue(fay, api, member):
    cohort = make_cohort(fay, capacity=2)
    add_members(cohort, 2)
    refused = api.post(f"/api/v1/cohorts/{cohort.pk}/members", {})
    assert refused.status_code == 422 and "full" in refused.json()["detail"] + str(
        refused.json().get("errors")
    )
    assert not Enrolment.objects.filter(cohort=cohort, person=member).exists()
    assert api.post(f"/api/v1/cohorts/{cohort.pk}/members", {"waitlist": True}).json()["status"] == "waiting"


def test_started_cohort_cannot_be_deleted(fay):
    cohort = make_cohort(fay, week=1)
    actions.cohort_start(actor=fay, cohort=cohort)
    response = Client().delete(f"/api/v1/cohorts/{cohort.pk}", headers=_headers(fay))
    assert response.status_code == 422 and Cohort.objects.filter(pk=cohort.pk).exists()


def test_out_of_range_input_is_a_clear_error_never_a_500(fay, client, cohort):
    h = _headers(fay)
    c = Client()
    far = c.post(
        "/api/v1/cohorts",
        {"name": "Far", "start_date": "9999-12-31", "weeks": 12},
        content_type="application/json",
        headers=h,
    )
    assert far.status_code == 422 and "start_date" in far.json()["errors"]
    assert c.get(f"/api/v1/cohorts/{cohort.pk}/checkins", {"week": 2**70}, headers=h).status_code == 422
    client.force_login(fay)
    huge = 2**70
    assert client.post(f"/cohorts/{cohort.pk}/checkins/{huge}/quote/", {"chosen": "1"}).status_code == 404
    assert client.post(f"/cohorts/{cohort.pk}/nudge/{huge}/").status_code == 404
    assert client.get(f"/cohorts/{huge}/").status_code == 404
