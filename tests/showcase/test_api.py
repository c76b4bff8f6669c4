"""The show-and-tell API: the same rules as the pages; bad input is a clear 4xx and changes nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from ripple.people import actions as people_actions
from ripple.showcase import actions
from ripple.showcase.models import AlwaysAttend, Occurrence, Rsvp, Series, Slot
from tests.showcase.conftest import upcoming

SERIES = {
    "title": "API show",
    "rrule": "FREQ=WEEKLY;BYDAY=FR",
    "start_time": "12:30:00",
    "timezone": "Europe/London",
    "duration_minutes": 30,
    "location": "Room 1",
}


@pytest.fixture
def host_api(client, host):
    _token, raw = people_actions.token_create(user=host, name="tests")
    headers = {"Authorization": f"Bearer {raw}"}

    class Api:
        def get(self, path, data=None):
            return client.get(path, data, headers=headers)

        def post(self, path, data=None):
            return client.post(path, data, content_type="application/json", headers=headers)

        def patch(self, path, data=None):
            return client.patch(path, data, content_type="application/json", headers=headers)

        def put(self, path, data=None):
            return client.put(path, data, content_type="application/json", headers=headers)

        def delete(self, path):
            return client.delete(path, headers=headers)

    return Api()


def _start():
    return (timezone.localdate() + timedelta(days=2)).isoformat()


def test_series_crud(host_api):
    response = host_api.post("/api/v1/series", {**SERIES, "start_date": _start()})
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["schedule"] == "Every Friday" and body["next_url"] == f"/show/{body['slug']}/next"
    sid = body["id"]
    assert host_api.get("/api/v1/series").json() == {"items": [body], "next": None}
    assert (
        host_api.patch(f"/api/v1/series/{sid}", {"title": "API show-and-tell"}).json()["title"]
        == "API show-and-tell"
    )
    assert host_api.get(f"/api/v1/series/{sid}").json()["rrule"] == "FREQ=WEEKLY;BYDAY=FR"
    assert host_api.delete(f"/api/v1/series/{sid}").status_code == 204
    assert host_api.get(f"/api/v1/series/{sid}").status_code == 404


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"rrule": "FREQ=WEEKLY;BYDAY=XX"}, "rrule"),
        ({"rrule": "FREQ=HOURLY"}, "rrule"),
        ({"timezone": "Europe/Atlantis"}, "timezone"),
        ({"slots_per_session": 0}, "slots_per_session"),
        ({"video_url": "javascript:alert(1)"}, "video_url"),
    ],
)
def test_bad_series_input_is_422_and_creates_nothing(host_api, changes, field):
    response = host_api.post("/api/v1/series", {**SERIES, "start_date": _start(), **changes})
    assert response.status_code == 422, response.json()
    assert field in response.json()["errors"]
    assert not Series.objects.exists() and not Occurrence.objects.exists()


def test_members_cannot_create_series(api):
    response = api.post("/api/v1/series", {**SERIES, "start_date": _start()})
    assert response.status_code == 403 and not Series.objects.exists()


def test_occurrences_window_and_patch_to_move_or_cancel(host_api, series):
    today = timezone.localdate()
    items = host_api.get(
        f"/api/v1/series/{series.pk}/occurrences",
        {"from": today.isoformat(), "to": (today + timedelta(days=22)).isoformat()},
    ).json()["items"]
    assert len(items) == 3 and items[0]["uid"].endswith("@ripple-show")
    first = host_api.get(f"/api/v1/series/{series.pk}/occurrences", {"limit": 2}).json()
    second = host_api.get(
        f"/api/v1/series/{series.pk}/occurrences", {"limit": 2, "cursor": first["next"]}
    ).json()
    assert len(first["items"]) == 2 and second["items"][0]["starts_at"] > first["items"][1]["starts_at"]
    assert host_api.get(f"/api/v1/series/{series.pk}/occurrences", {"cursor": "garbage!"}).status_code == 400
    assert host_api.get(f"/api/v1/series/{series.pk}/occurrences", {"from": "soon"}).status_code == 422
    assert (
        host_api.get(
            f"/api/v1/series/{series.pk}/occurrences", {"from": "2027-01-02", "to": "2027-01-01"}
        ).status_code
        == 422
    )
    oid = items[0]["id"]
    moved = host_api.patch(
        f"/api/v1/occurrences/{oid}", {"starts_at": items[0]["ends_at"], "location": "Atrium"}
    ).json()
    assert moved["moved"] and moved["sequence"] == 1 and moved["location"] == "Atrium"
    cancelled = host_api.patch(
        f"/api/v1/occurrences/{oid}", {"status": "cancelled", "cancel_reason": "Offsite"}
    ).json()
    assert cancelled["status"] == "cancelled" and cancelled["sequence"] == 2
    # a move into the past fails and nothing of the request is kept
    before = Occurrence.objects.get(pk=items[1]["id"])
    past = (timezone.now() - timedelta(days=1)).isoformat()
    response = host_api.patch(f"/api/v1/occurrences/{before.pk}", {"capacity": 9, "starts_at": past})
    assert response.status_code == 422
    after = Occurrence.objects.get(pk=before.pk)
    assert (after.capacity, after.starts_at, after.sequence) == (
        before.capacity,
        before.starts_at,
        before.sequence,
    )


def test_one_off_session(host_api, series):
    when = (timezone.now() + timedelta(days=9)).isoformat()
    response = host_api.post(f"/api/v1/series/{series.pk}/occurrences", {"starts_at": when})
    assert response.status_code == 201 and response.json()["one_off"]


def test_slots_sign_up_list_cancel_and_bad_input(api, member, other_member, series):
    occ = upcoming(series)
    url = f"/api/v1/occurrences/{occ.pk}/slots"
    response = api.post(url, {"title": "Prompt for meeting minutes", "kind": "ai_fail"})
    assert response.status_code == 201 and response.json()["kind_label"] == "AI fail"
    assert response.json()["new_face"] is True
    again = api.post(url, {"title": "Another", "kind": "demo"})
    assert again.status_code == 422 and "already have a slot" in str(again.json()["errors"])
    assert api.post(url, {"title": "x", "kind": "rant"}).status_code == 422
    listed = api.get(url).json()["items"]
    assert [s["title"] for s in listed] == ["Prompt for meeting minutes"]
    theirs = actions.slot_sign_up(actor=other_member, occurrence=occ, title="Otto's")
    assert api.delete(f"/api/v1/slots/{theirs.pk}").status_code == 403
    assert Slot.objects.get(pk=theirs.pk).status == "booked"
    assert api.delete(f"/api/v1/slots/{listed[0]['id']}").status_code == 204
    assert api.delete(f"/api/v1/slots/{listed[0]['id']}").status_code == 404
    assert api.get("/api/v1/occurrences/999999/slots").status_code == 404


def test_full_session_and_waiting_list_by_api(api, member, other_member, series):
    occ = upcoming(series)
    occ.capacity = 1
    occ.save()
    actions.slot_sign_up(actor=other_member, occurrence=occ, title="Otto's")
    url = f"/api/v1/occurrences/{occ.pk}/slots"
    full = api.post(url, {"title": "Mine"})
    assert full.status_code == 422 and "is full" in str(full.json()["errors"])
    assert api.post(url, {"title": "Mine", "waitlist": True}).json()["status"] == "waiting"


def test_rsvp_always_attend_and_attendance(api, member, host, series):
    occ = upcoming(series)
    assert api.put(f"/api/v1/occurrences/{occ.pk}/rsvp", {"going": False}).json() == {
        "occurrence_id": occ.pk,
        "going": False,
    }
    assert api.delete(f"/api/v1/occurrences/{occ.pk}/rsvp").status_code == 204 and not Rsvp.objects.exists()
    assert api.put(f"/api/v1/series/{series.pk}/always-attend").json()["always_attend"] is True
    assert api.delete(f"/api/v1/series/{series.pk}/always-attend").status_code == 204
    assert not AlwaysAttend.objects.exists()
    not_yet = api.post(f"/api/v1/occurrences/{occ.pk}/attendance", {})
    assert not_yet.status_code == 422
    held = Occurrence.objects.create(
        series=series,
        starts_at=timezone.now() - timedelta(minutes=10),
        ends_at=timezone.now() + timedelta(minutes=20),
    )
    assert api.post(f"/api/v1/occurrences/{held.pk}/attendance", {}).json()["attendee_count"] == 1
    assert (
        api.post(f"/api/v1/occurrences/{held.pk}/attendance", {"person_ids": [member.pk]}).status_code == 403
    )


def test_api_docs_list_the_endpoints(admin_client):
    paths = admin_client.get("/api/v1/openapi.json").json()["paths"]
    for path in [
        "/api/v1/series",
        "/api/v1/series/{series_id}/occurrences",
        "/api/v1/occurrences/{occurrence_id}",
        "/api/v1/occurrences/{occurrence_id}/slots",
        "/api/v1/slots/{slot_id}",
        "/api/v1/occurrences/{occurrence_id}/attendance",
        "/api/v1/occurrences/{occurrence_id}/rsvp",
        "/api/v1/series/{series_id}/always-attend",
    ]:
        assert path in paths, path
