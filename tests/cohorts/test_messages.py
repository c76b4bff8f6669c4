"""The automated messages: listed with dates, editable, switched off, and the senders honour it;
reminders only to members who have not checked in; the `ripple cohort-reminders` command."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from ripple.cohorts import actions
from ripple.cohorts.models import Message
from ripple.notifications.models import Notification
from tests.cohorts.conftest import add_members, checkin_data, make_cohort

pytestmark = pytest.mark.django_db


def _reminder(cohort, week):
    return Message.objects.get(cohort=cohort, kind="reminder", week=week)


def test_page_lists_every_message_with_its_date_for_facilitators_only(client, fay, cohort):
    (maya,) = add_members(cohort, 1)
    client.force_login(maya)
    assert client.get(f"/cohorts/{cohort.pk}/messages/").status_code == 403
    client.force_login(fay)
    response = client.get(f"/cohorts/{cohort.pk}/messages/")
    text = response.content.decode()
    assert response.status_code == 200
    assert (
        text.count("Check-in reminder") == 4
        and "Before survey opens" in text
        and "After survey opens" in text
    )
    assert "Nudge to a drifting member" in text
    assert _reminder(cohort, 3).send_on.strftime("%-d %b") in text


def test_reminder_goes_only_to_members_without_a_check_in_and_once(fay):
    cohort = make_cohort(fay, week=2)
    done, late = add_members(cohort, 2)
    actions.checkin_save(actor=done, cohort=cohort, week=2, data=checkin_data())
    message = _reminder(cohort, 2)
    Message.objects.filter(pk=message.pk).update(send_on=timezone.now().date())
    Message.objects.filter(cohort=cohort, kind="before_survey").update(enabled=False)
    assert actions.send_due() == 1
    assert list(
        Notification.objects.filter(kind="cohort_reminder").values_list("recipient_id", flat=True)
    ) == [late.pk]
    assert actions.send_due() == 0  # remembered as sent


def test_switched_off_and_edited_messages_are_honoured(client, fay):
    cohort = make_cohort(fay, week=2)
    add_members(cohort, 2)
    message = _reminder(cohort, 2)
    today = timezone.now().date()
    Message.objects.filter(cohort=cohort, kind="before_survey").update(enabled=False)
    client.force_login(fay)
    p = f"m{message.pk}-"
    client.post(
        f"/cohorts/{cohort.pk}/messages/{message.pk}/",
        {p + "text": "Week {week}: how is it going?", p + "send_on": today.isoformat()},
    )
    message.refresh_from_db()
    assert not message.enabled and message.text == "Week {week}: how is it going?"
    assert actions.send_due() == 0 and not Notification.objects.filter(kind="cohort_reminder").exists()
    client.post(
        f"/cohorts/{cohort.pk}/messages/{message.pk}/",
        {p + "text": "Week {week}: how is it going?", p + "send_on": today.isoformat(), p + "enabled": "on"},
    )
    assert actions.send_due() == 2
    assert set(Notification.objects.filter(kind="cohort_reminder").values_list("text", flat=True)) == {
        "Week 2: how is it going?"
    }


def test_bad_message_edits_change_nothing(client, fay, cohort):
    message = _reminder(cohort, 3)
    client.force_login(fay)
    p = f"m{message.pk}-"
    far = (cohort.week_start(3) + timedelta(days=20)).isoformat()
    response = client.post(
        f"/cohorts/{cohort.pk}/messages/{message.pk}/",
        {p + "text": "x", p + "send_on": far, p + "enabled": "on"},
        follow=True,
    )
    assert "Choose a day from" in response.content.decode()
    response = client.post(
        f"/cohorts/{cohort.pk}/messages/{message.pk}/", {p + "text": "  ", p + "enabled": "on"}, follow=True
    )
    before = message.text
    message.refresh_from_db()
    assert message.text == before and message.send_on == _reminder(cohort, 3).send_on


def test_dates_follow_the_cohort_and_the_reminder_day(fay, today):
    cohort = make_cohort(fay, week=0, reminder_weekday=0)
    assert all(m.send_on.weekday() == 0 for m in Message.objects.filter(cohort=cohort, kind="reminder"))
    data = {
        f: getattr(cohort, f)
        for f in (
            "name",
            "goal",
            "description",
            "start_date",
            "meeting_weekday",
            "meeting_time",
            "time_zone",
            "enrolment",
            "capacity",
        )
    }
    actions.cohort_update(actor=fay, cohort=cohort, data={**data, "weeks": 2, "reminder_weekday": 4})
    reminders = Message.objects.filter(cohort=cohort, kind="reminder")
    assert sorted(reminders.values_list("week", flat=True)) == [1, 2]
    assert all(m.send_on.weekday() == 4 for m in reminders)
    assert Message.objects.get(cohort=cohort, kind="after_survey").week == 2


def test_command_runs_the_senders(fay, capsys):
    cohort = make_cohort(fay, week=1)
    add_members(cohort, 1)
    Message.objects.filter(cohort=cohort).exclude(kind="reminder").update(enabled=False)
    Message.objects.filter(cohort=cohort, kind="reminder", week=1).update(send_on=timezone.now().date())
    call_command("cohort_reminders", "--now")
    assert "1 cohort messages sent." in capsys.readouterr().out
    call_command("cohort_reminders")  # queued (immediate backend in tests): nothing left to send
    assert "queued" in capsys.readouterr().out
