"""Reminders: presenters two days before and on the day, people coming on the day with the agenda, hosts
when slots are empty — each sent once, however often the schedule runs."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.core.management import call_command

from ripple.notifications.models import Notification
from ripple.showcase import actions
from ripple.showcase.models import ReminderSent
from tests.factories import UserFactory
from tests.showcase.conftest import upcoming


def _kinds(person):
    return sorted(Notification.objects.filter(recipient=person).values_list("kind", flat=True))


def test_two_days_before_then_on_the_day_each_once(host, series):
    occ = upcoming(series, 2)
    presenter, regular, absent = UserFactory(), UserFactory(), UserFactory()
    actions.slot_sign_up(actor=presenter, occurrence=occ, title="Quarterly report in ten minutes")
    actions.always_attend_set(actor=regular, series=series, on=True)
    actions.always_attend_set(actor=absent, series=series, on=True)
    actions.rsvp_set(actor=absent, occurrence=occ, going=False)
    Notification.objects.all().delete()

    two_days = occ.starts_at - timedelta(hours=40)
    assert actions.reminders_send_due(now=two_days) == 2  # presenter + host (5 slots empty)
    assert actions.reminders_send_due(now=two_days + timedelta(hours=1)) == 0
    assert _kinds(presenter) == ["show_reminder"] and _kinds(host) == ["show_host"]
    assert "5 of 6 slots are still empty" in Notification.objects.get(recipient=host).text

    local = occ.starts_at.astimezone(ZoneInfo(series.timezone))
    morning = datetime.combine(local.date(), time(8, 5), tzinfo=ZoneInfo(series.timezone))
    night = datetime.combine(local.date(), time(0, 30), tzinfo=ZoneInfo(series.timezone))
    assert actions.reminders_send_due(now=night) == 0  # not at half past midnight
    assert actions.reminders_send_due(now=morning) == 2  # presenter on the day + the regular
    assert actions.reminders_send_due(now=morning + timedelta(minutes=30)) == 0
    text = Notification.objects.get(recipient=regular).text
    assert text.startswith("Today: Friday show & tell") and "Quarterly report in ten minutes" in text
    assert _kinds(absent) == []
    assert ReminderSent.objects.count() == 4


def test_the_command_queues_reminders_and_rolls_sessions_forward(host, series, capsys):
    call_command("send_reminders")
    assert "queued" in capsys.readouterr().out
    call_command("send_reminders", "--now")
    assert "reminders sent" in capsys.readouterr().out


def test_cancelled_sessions_send_nothing(host, series):
    occ = upcoming(series)
    actions.slot_sign_up(actor=UserFactory(), occurrence=occ, title="x")
    actions.occurrence_cancel(actor=host, occurrence=occ)
    assert actions.reminders_send_due(now=occ.starts_at - timedelta(hours=1)) == 0
