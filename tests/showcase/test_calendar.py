"""Calendar feeds: valid RFC 5545 for subscription, parsed back with icalendar; DST; privacy; tokens."""

from __future__ import annotations

from datetime import UTC, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from ripple.people.models import hash_secret
from ripple.showcase import actions
from ripple.showcase.models import CalendarFeed, Occurrence
from tests.factories import DepartmentFactory, UserFactory
from tests.showcase.conftest import make_series, upcoming
from tests.showcase.feeds import events, next_clock_change, parse


def _feed_url(client) -> str:
    response = client.post("/show/calendar/", {"action": "reset"})
    assert response.status_code == 200
    url = response.context["new_url"]
    return url[url.index("/calendar/me/") :]


def test_series_feed_is_valid_and_lists_every_session(host_client, series):
    cal = parse(host_client.get(f"/calendar/series/{series.pk}.ics"))
    evs = events(cal)
    assert len(evs) == Occurrence.objects.filter(series=series).count() > 20
    assert {str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")} == {"Europe/London"}
    first = evs[0]
    assert str(first["SUMMARY"]) == "Show & tell: Friday show & tell"
    assert str(first["LOCATION"]) == "Room 4" and str(first["STATUS"]) == "CONFIRMED"
    assert first["DTSTART"].dt.astimezone(ZoneInfo("Europe/London")).time() == time(12, 30)
    assert "slots free" in str(first["DESCRIPTION"])


def test_recurrence_across_a_daylight_saving_change(host_client, host):
    change = next_clock_change()
    series = make_series(
        host, start=change - timedelta(days=14), rrule="FREQ=WEEKLY;COUNT=5", title="DST check"
    )
    evs = events(parse(host_client.get(f"/calendar/series/{series.pk}.ics")))
    assert len(evs) == 5
    london = ZoneInfo("Europe/London")
    assert {ev["DTSTART"].dt.astimezone(london).time() for ev in evs} == {time(12, 30)}
    offsets = [ev["DTSTART"].dt.utcoffset() for ev in evs]
    assert offsets[0] != offsets[-1], "the feed should cross the clock change"
    assert {str(ev["DTSTART"].params["TZID"]) for ev in evs} == {"Europe/London"}
    utc_hours = {ev["DTSTART"].dt.astimezone(UTC).hour for ev in evs}
    assert len(utc_hours) == 2


def test_moved_session_keeps_its_uid_and_bumps_sequence_cancelled_stays(host_client, host, series):
    a, b = upcoming(series, 0), upcoming(series, 1)
    before = {
        str(ev["UID"]): ev for ev in events(parse(host_client.get(f"/calendar/series/{series.pk}.ics")))
    }
    actions.occurrence_move(actor=host, occurrence=a, starts_at=a.starts_at + timedelta(hours=2))
    actions.occurrence_cancel(actor=host, occurrence=b, reason="All-hands")
    after = {str(ev["UID"]): ev for ev in events(parse(host_client.get(f"/calendar/series/{series.pk}.ics")))}
    assert set(before) == set(after)
    moved, cancelled = after[a.uid], after[b.uid]
    assert int(moved["SEQUENCE"]) == int(before[a.uid]["SEQUENCE"]) + 1
    assert moved["DTSTART"].dt - before[a.uid]["DTSTART"].dt == timedelta(hours=2)
    assert str(cancelled["STATUS"]) == "CANCELLED" and int(cancelled["SEQUENCE"]) == 1
    assert "All-hands" in str(cancelled["DESCRIPTION"])


def test_changing_the_place_bumps_sequence_of_future_sessions(host_client, host, series):
    data = actions.SeriesInput(
        title=series.title,
        rrule=series.rrule,
        start_date=series.start_date,
        start_time=series.start_time,
        timezone=series.timezone,
        location="Atrium",
    )
    actions.series_update(actor=host, series=series, data=data)
    ev = events(parse(host_client.get(f"/calendar/series/{series.pk}.ics")))[0]
    assert str(ev["LOCATION"]) == "Atrium" and int(ev["SEQUENCE"]) == 1


def test_single_session_ics(member_client, session):
    response = member_client.get(f"/calendar/sessions/{session.pk}.ics")
    assert "attachment" in response["Content-Disposition"]
    (ev,) = events(parse(response))
    assert str(ev["UID"]) == session.uid


def test_personal_feed_follows_slots_rsvps_and_always_attend(client, member, host, series):
    a, b, c, d = (upcoming(series, i) for i in range(4))
    actions.slot_sign_up(actor=member, occurrence=a, title="My spreadsheet agent")
    actions.rsvp_set(actor=member, occurrence=b)
    other = make_series(host, title="Sales demos", start=series.start_date + timedelta(days=1))
    actions.always_attend_set(actor=member, series=other, on=True)
    skipped = upcoming(other, 1)
    actions.rsvp_set(actor=member, occurrence=skipped, going=False)
    client.force_login(member)
    url = _feed_url(client)
    client.logout()
    cal = parse(client.get(url))  # no session: the token is the key
    uids = {str(ev["UID"]) for ev in cal.walk("VEVENT")}
    assert a.uid in uids and b.uid in uids and c.uid not in uids and d.uid not in uids
    other_ids = set(Occurrence.objects.filter(series=other).values_list("uid", flat=True))
    assert skipped.uid not in uids and len(uids & other_ids) == len(other_ids) - 1
    assert {str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")} == {"Europe/London"}


def test_token_is_stored_hashed_revocable_and_reset(client, member, series):
    client.force_login(member)
    url = _feed_url(client)
    token = url.rsplit("/", 1)[1].removesuffix(".ics")
    assert not CalendarFeed.objects.filter(token_hash=token).exists()
    assert CalendarFeed.objects.filter(token_hash=hash_secret(token), person=member).exists()
    assert client.get(url).status_code == 200
    new_url = _feed_url(client)
    assert client.get(url).status_code == 404 and client.get(new_url).status_code == 200
    client.post("/show/calendar/", {"action": "revoke"})
    assert client.get(new_url).status_code == 404
    assert client.get("/calendar/me/not-a-token.ics").status_code == 404
    page = client.get("/show/calendar/")
    assert b"is <strong>off</strong>" in page.content


def test_deactivated_person_feed_is_gone(client, member, series):
    client.force_login(member)
    url = _feed_url(client)
    member.is_active = False
    member.save()
    assert client.get(url).status_code == 404


def test_a_private_item_never_appears_in_someone_elses_feed(client, host):
    finance, sales = DepartmentFactory(name="Finance"), DepartmentFactory(name="Sales")
    insider = UserFactory(department=finance)
    outsider = UserFactory(department=sales)
    private = make_series(
        host, title="Finance close automations", visibility="department", department_id=finance.pk
    )
    public = make_series(host, title="Everyone's show")
    actions.always_attend_set(actor=insider, series=private, on=True)
    actions.slot_sign_up(actor=insider, occurrence=upcoming(private), title="Reconciliation bot")
    actions.rsvp_set(actor=insider, occurrence=upcoming(public))
    # The outsider signs up for a public session; then they learn of nothing private.
    actions.rsvp_set(actor=outsider, occurrence=upcoming(public, 1))
    client.force_login(outsider)
    outsider_feed = client.get(_feed_url(client)).content
    assert b"Finance close" not in outsider_feed and b"Reconciliation" not in outsider_feed
    assert upcoming(public).uid.encode() not in outsider_feed  # the insider's RSVP is not theirs
    assert client.get(f"/calendar/series/{private.pk}.ics").status_code == 404
    # The insider moves to Sales: their own feed drops the department series at once.
    client.force_login(insider)
    url = _feed_url(client)
    assert b"Finance close" in client.get(url).content
    insider.department = sales
    insider.save()
    assert b"Finance close" not in client.get(url).content


def test_series_feed_with_token_for_calendar_apps(client, member, series):
    client.force_login(member)
    token = _feed_url(client).rsplit("/", 1)[1].removesuffix(".ics")
    client.logout()
    assert client.get(f"/calendar/series/{series.pk}.ics").status_code == 302  # sign in first
    parse(client.get(f"/calendar/series/{series.pk}.ics", {"token": token}))
    assert client.get(f"/calendar/series/{series.pk}.ics", {"token": "wrong"}).status_code == 404


def test_empty_personal_feed_is_still_valid(client, member):
    member.time_zone = "America/New_York"
    member.save()
    client.force_login(member)
    cal = parse(client.get(_feed_url(client)))
    assert not cal.walk("VEVENT") and {str(t["TZID"]) for t in cal.walk("VTIMEZONE")} == {"America/New_York"}


def test_rule_change_moves_same_day_sessions_and_cancels_dropped_ones(host_client, host, member, series):
    a = upcoming(series)
    actions.slot_sign_up(actor=member, occurrence=a, title="Meeting notes")
    data = actions.SeriesInput(
        title=series.title,
        rrule=series.rrule,
        start_date=series.start_date,
        start_time=time(14, 0),
        timezone=series.timezone,
        location=series.location,
    )
    actions.series_update(actor=host, series=series, data=data)
    a.refresh_from_db()
    assert a.starts_at.astimezone(ZoneInfo("Europe/London")).time() == time(14, 0)
    assert a.sequence == 1 and a.slots.count() == 1
    assert member.notifications.filter(kind="show_changed").exists()
    # Now every two weeks: every other future session is cancelled (kept), none is lost.
    count = Occurrence.objects.filter(series=series).count()
    data.rrule = "FREQ=WEEKLY;INTERVAL=2"
    actions.series_update(actor=host, series=series, data=data)
    future = Occurrence.objects.filter(series=series, starts_at__gt=timezone.now())
    assert Occurrence.objects.filter(series=series).count() == count
    assert future.filter(status="cancelled").count() in (future.count() // 2, future.count() // 2 + 1)
    cal = parse(host_client.get(f"/calendar/series/{series.pk}.ics"))
    assert "CANCELLED" in {str(ev["STATUS"]) for ev in cal.walk("VEVENT")}
