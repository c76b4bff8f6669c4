"""Series and session pages: creating a series, moving/cancelling, RSVPs, attendance (learning events),
applause, notes, the profile section, the digest section and the series page's query count."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from ripple.core.models import LearningEvent
from ripple.showcase import actions
from ripple.showcase.models import Attendance, Occurrence, Rsvp, Series, Slot
from tests.factories import DepartmentFactory, UserFactory
from tests.showcase.conftest import make_series, upcoming


def _held(series, days_ago: int = 1) -> Occurrence:
    """A session that already took place (made directly: actions refuse the past)."""
    start = timezone.now() - timedelta(days=days_ago, hours=1)
    return Occurrence.objects.create(series=series, starts_at=start, ends_at=start + timedelta(minutes=30))


def _running(series) -> Occurrence:
    start = timezone.now() - timedelta(minutes=5)
    return Occurrence.objects.create(series=series, starts_at=start, ends_at=start + timedelta(minutes=30))


def _book(occurrence, person, title="Demo", kind="demo") -> Slot:
    slot = Slot.objects.create(occurrence=occurrence, presenter=person, title=title, kind=kind, position=1)
    Occurrence.objects.filter(pk=occurrence.pk).update(
        booked_count=occurrence.slots.filter(status="booked").count()
    )
    return slot


FORM = {
    "title": "Friday show & tell",
    "description": "Five minutes each. **AI fails welcome.**",
    "pattern": "weekly",
    "weekday": "4",
    "start_time": "12:30",
    "end_time": "13:00",
    "timezone": "Europe/London",
    "ends": "never",
    "location": "Atrium",
    "video_url": "https://meet.example.org/show",
    "slot_minutes": "5",
    "slots_per_session": "6",
    "visibility": "everyone",
}


def test_facilitator_creates_a_series_with_the_friendly_form(host_client):
    start = timezone.localdate() + timedelta(days=3)
    response = host_client.post("/show/new/", {**FORM, "start_date": start.isoformat()})
    assert response.status_code == 302
    series = Series.objects.get()
    assert series.rrule == f"FREQ=WEEKLY;BYDAY={['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'][4]}"
    assert series.duration_minutes == 30 and "<strong>AI fails welcome.</strong>" in series.description_html
    assert 20 < series.occurrences.count() <= 27  # six months ahead, no more
    page = host_client.get(response["Location"]).content.decode()
    assert "Every Friday" in page and "Coming up" in page


@pytest.mark.parametrize(
    ("changes", "field_text"),
    [
        ({"pattern": "custom", "rrule": "FREQ=NEVERLY"}, "not a valid RRULE"),
        ({"timezone": "Mars/Olympus"}, "Select a valid choice"),
        ({"end_time": "12:00"}, "must end after it starts"),
        ({"slot_minutes": "10", "slots_per_session": "6"}, "do not fit"),
        ({"ends": "on", "until": "2001-01-01"}, "cannot be before the first"),
    ],
)
def test_bad_series_input_changes_nothing(host_client, changes, field_text):
    start = timezone.localdate() + timedelta(days=3)
    response = host_client.post("/show/new/", {**FORM, "start_date": start.isoformat(), **changes})
    assert response.status_code == 400
    assert field_text in response.content.decode()
    assert not Series.objects.exists() and not Occurrence.objects.exists()


def test_members_cannot_start_or_edit_a_series(member_client, series):
    assert member_client.get("/show/new/").status_code == 403
    assert member_client.get(f"/show/{series.slug}/edit/").status_code == 403
    assert member_client.post(f"/show/{series.slug}/{upcoming(series).pk}/cancel/").status_code == 403


def test_host_moves_and_cancels_a_session_people_are_told(host_client, host, member, series):
    occ = upcoming(series)
    actions.slot_sign_up(actor=member, occurrence=occ, title="Email triage")
    local = occ.starts_at.astimezone(timezone.get_current_timezone())
    new = (occ.starts_at + timedelta(days=1)).astimezone(__import__("zoneinfo").ZoneInfo("Europe/London"))
    response = host_client.post(
        f"/show/{series.slug}/{occ.pk}/move/", {"starts_at": new.strftime("%Y-%m-%dT%H:%M"), "minutes": "45"}
    )
    assert response.status_code == 302, response.content[:2000]
    occ.refresh_from_db()
    assert occ.starts_at == new and occ.ends_at - occ.starts_at == timedelta(minutes=45) and occ.sequence == 1
    assert occ.moved and local != occ.starts_at
    assert member.notifications.filter(kind="show_changed", text__contains="moved").exists()
    past = (timezone.now() - timedelta(days=1)).astimezone(__import__("zoneinfo").ZoneInfo("Europe/London"))
    response = host_client.post(
        f"/show/{series.slug}/{occ.pk}/move/", {"starts_at": past.strftime("%Y-%m-%dT%H:%M"), "minutes": "30"}
    )
    assert response.status_code == 400 and "into the past" in response.content.decode()
    host_client.post(f"/show/{series.slug}/{occ.pk}/cancel/", {"reason": "Offsite"})
    occ.refresh_from_db()
    assert occ.is_cancelled and occ.sequence == 2
    host_client.post(f"/show/{series.slug}/{occ.pk}/cancel/", {"restore": "1"})
    occ.refresh_from_db()
    assert not occ.is_cancelled and occ.sequence == 3


def test_one_off_session(host_client, series):
    when = (timezone.now() + timedelta(days=10)).astimezone(__import__("zoneinfo").ZoneInfo("Europe/London"))
    response = host_client.post(
        f"/show/{series.slug}/sessions/new/", {"starts_at": when.strftime("%Y-%m-%dT%H:%M"), "minutes": "60"}
    )
    assert response.status_code == 302
    extra = Occurrence.objects.get(series=series, recurrence_id__isnull=True)
    assert extra.one_off and extra.ends_at - extra.starts_at == timedelta(minutes=60)


def test_rsvp_and_always_attend_with_per_session_override(member_client, member, series):
    a, b = upcoming(series, 0), upcoming(series, 1)
    member_client.post(f"/show/{series.slug}/always/", {"on": "1"})
    member_client.post(f"/show/{series.slug}/{b.pk}/rsvp/", {"going": "no"})
    from ripple.showcase.actions.common import attendees

    assert member in attendees(a) and member not in attendees(b)
    member_client.post(f"/show/{series.slug}/{b.pk}/rsvp/", {"going": "clear"})
    assert member in attendees(b) and not Rsvp.objects.exists()
    member_client.post(f"/show/{series.slug}/always/", {"on": "0"})
    member_client.post(f"/show/{series.slug}/{a.pk}/rsvp/", {"going": "yes"})
    assert member in attendees(a) and member not in attendees(b)


def test_check_in_records_learning_from_each_demo(client, host, series, people):
    occ = _running(series)
    demo = _book(occ, people[0], "Meeting summaries", "demo")
    _book(occ, people[1], "It made up a citation", "ai_fail")
    _book(occ, people[2], "How do you test prompts?", "question")
    attendee = people[3]
    client.force_login(attendee)
    client.post(f"/show/{series.slug}/{occ.pk}/checkin/")
    client.post(f"/show/{series.slug}/{occ.pk}/checkin/")  # twice: no-op
    events = LearningEvent.objects.filter(kind="demo", learner=attendee)
    assert sorted(e.source_id for e in events) == sorted([people[0].pk, people[1].pk])
    assert events.filter(object_type="showcase.slot", object_id=demo.pk).exists()
    occ.refresh_from_db()
    assert occ.attendee_count == 1
    # presenter checking in learns from the others, not from themselves
    client.force_login(people[0])
    client.post(f"/show/{series.slug}/{occ.pk}/checkin/")
    assert set(LearningEvent.objects.filter(learner=people[0]).values_list("source_id", flat=True)) == {
        people[1].pk
    }


def test_check_in_outside_the_session_is_refused(member_client, series, session):
    response = member_client.post(f"/show/{series.slug}/{session.pk}/checkin/")
    assert response.status_code == 302 and not Attendance.objects.exists()


def test_host_marks_and_unmarks_attendance(host_client, series, people):
    occ = _held(series)
    _book(occ, people[0])
    host_client.post(f"/show/{series.slug}/{occ.pk}/attendance/", {"person": [people[1].pk, people[2].pk]})
    assert LearningEvent.objects.filter(kind="demo").count() == 2
    host_client.post(f"/show/{series.slug}/{occ.pk}/attendance/", {"person": [people[1].pk], "present": "0"})
    occ.refresh_from_db()
    assert occ.attendee_count == 1 and LearningEvent.objects.filter(kind="demo").count() == 1


def test_applause_after_start_not_for_yourself(client, series, people):
    occ = _running(series)
    slot = _book(occ, people[0])
    client.force_login(people[1])
    client.post(f"/show/slots/{slot.pk}/applaud/")
    slot.refresh_from_db()
    assert slot.applause_count == 1
    client.post(f"/show/slots/{slot.pk}/applaud/")
    slot.refresh_from_db()
    assert slot.applause_count == 0
    client.force_login(people[0])
    client.post(f"/show/slots/{slot.pk}/applaud/")
    slot.refresh_from_db()
    assert slot.applause_count == 0


def test_notes_render_markdown_safely(host_client, series):
    occ = _held(series)
    host_client.post(
        f"/show/{series.slug}/{occ.pk}/notes/",
        {"notes": "**Great** <script>x</script>", "recording_url": "https://rec.example.org/1"},
    )
    occ.refresh_from_db()
    assert "<strong>Great</strong>" in occ.notes_html and "<script>" not in occ.notes_html
    bad = host_client.post(
        f"/show/{series.slug}/{occ.pk}/notes/", {"notes": "x", "recording_url": "javascript:alert(1)"}
    )
    occ.refresh_from_db()
    assert bad.status_code == 302 and occ.notes.startswith("**Great**")


def test_department_series_is_invisible_to_others(client, host):
    finance = DepartmentFactory(name="Finance")
    series = make_series(host, visibility="department", department_id=finance.pk, title="Finance only")
    outsider = UserFactory()
    client.force_login(outsider)
    assert client.get(f"/show/{series.slug}/").status_code == 404
    assert client.get(f"/show/{series.slug}/{upcoming(series).pk}/").status_code == 404
    assert b"Finance only" not in client.get("/show/").content
    client.force_login(UserFactory(department=finance))
    assert client.get(f"/show/{series.slug}/").status_code == 200


def test_profile_section_lists_what_someone_presented(client, member, series, other_member):
    occ = _held(series, days_ago=3)
    _book(occ, member, "Contract clause finder")
    client.force_login(other_member)
    html = client.get(f"/show/person/{member.pk}/").content.decode()
    assert "Contract clause finder" in html and "presented 1 time" in html and "First time" in html
    empty = client.get(f"/show/person/{other_member.pk}/").content.decode()
    assert "not presented yet" in empty and "Sign up" in empty


def test_profile_registers_the_section(member_client, member):
    page = member_client.get(f"/people/{member.pk}/").content.decode()
    assert f"/show/person/{member.pk}/" in page


def test_digest_shows_the_next_sessions_agenda(member_client, member, series):
    occ = upcoming(series)
    actions.slot_sign_up(actor=UserFactory(), occurrence=occ, title="Slide decks from bullet points")
    page = member_client.get("/inbox/digest/").content.decode()
    assert "Next show & tell" in page and "Slide decks from bullet points" in page
    from django.core import mail

    from ripple.notifications.actions import email_digest

    email_digest(user_id=member.pk)
    assert "Slide decks from bullet points" in mail.outbox[-1].body


def test_series_page_query_count_is_flat(member_client, host, series, people, queries):
    url = f"/show/{series.slug}/"

    def grow_to(n: int):
        for i in range(n - Occurrence.objects.filter(series=series, ends_at__lte=timezone.now()).count()):
            occ = _held(series, days_ago=7 * (i + 1) + 30)
            _book(occ, people[i % len(people)], f"Demo {i}", "ai_fail" if i % 3 == 0 else "demo")
            Attendance.objects.create(occurrence=occ, person=people[(i + 1) % len(people)])

    grow_to(4)
    # session, user, series ×2, hosts, upcoming, past page, slots, first presentations, RSVPs, always attend,
    # stats: sessions, slots, first presentations
    queries.flat(lambda: queries.count(member_client, url), lambda: grow_to(40), exactly=14)
    html = member_client.get(url).content.decode()
    assert "Sessions held" in html and 'id="series-chart-data"' in html and "<table" in html
