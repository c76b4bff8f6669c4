"""Recurrence in the series' zone: DST, bounded windows, friendly rules, bad rules."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from ripple.showcase import recurrence

LONDON = ZoneInfo("Europe/London")


def test_weekly_keeps_local_time_across_the_clock_change():
    # UK clocks go forward on Sunday 29 March 2026: 12:30 stays 12:30 local, UTC moves an hour.
    starts = recurrence.instances(
        rule="FREQ=WEEKLY;BYDAY=FR",
        start_date=date(2026, 3, 20),
        start_time=time(12, 30),
        tz_name="Europe/London",
        after=datetime(2026, 3, 1, tzinfo=UTC),
        before=datetime(2026, 4, 10, tzinfo=UTC),
    )
    assert [s.astimezone(LONDON).strftime("%d %H:%M") for s in starts] == ["20 12:30", "27 12:30", "03 12:30"]
    assert [s.astimezone(UTC).strftime("%d %H:%M") for s in starts] == ["20 12:30", "27 12:30", "03 11:30"]


def test_a_rule_that_never_ends_gives_a_bounded_window():
    now = datetime(2026, 1, 1, tzinfo=UTC)
    starts = recurrence.instances(
        rule="FREQ=DAILY",
        start_date=date(2025, 1, 1),
        start_time=time(9, 0),
        tz_name="UTC",
        after=now,
        before=now + timedelta(days=recurrence.HORIZON_DAYS),
    )
    assert len(starts) == recurrence.HORIZON_DAYS
    assert recurrence.never_ends("FREQ=DAILY") and not recurrence.never_ends("FREQ=DAILY;COUNT=3")


def test_a_wall_time_inside_the_spring_gap_moves_to_a_real_time():
    starts = recurrence.instances(
        rule="FREQ=DAILY;COUNT=1",
        start_date=date(2026, 3, 29),
        start_time=time(1, 30),
        tz_name="Europe/London",
        after=datetime(2026, 3, 28, tzinfo=UTC),
        before=datetime(2026, 3, 30, tzinfo=UTC),
    )
    assert starts[0].astimezone(UTC) == datetime(2026, 3, 29, 1, 30, tzinfo=UTC)
    assert starts[0].astimezone(LONDON).hour == 2


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        ("", "Say how the series repeats"),
        ("FREQ=SOMETIMES", "not a valid RRULE"),
        ("BYDAY=FR", "exactly one FREQ"),
        ("FREQ=MINUTELY", "daily at most"),
        ("FREQ=WEEKLY;COUNT=3;UNTIL=20270101T000000Z", "COUNT or UNTIL"),
        ("FREQ=WEEKLY;UNTIL=20200101T000000Z", "no session at all"),
        ("FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30", "go with FREQ=MONTHLY"),
        ("FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=30", "30 February"),
        ("FREQ=WEEKLY;BYWEEKNO=20", "Not supported"),
        ("FREQ=WEEKLY;INTERVAL=abc", "not a valid RRULE"),
        ("FREQ=WEEKLY;UNTIL=20270101T000000", "must be in UTC"),
        ("DTSTART:20260101T000000Z\nRRULE:FREQ=WEEKLY", "one RRULE value"),
    ],
)
def test_bad_rules_get_a_clear_error(rule, message):
    with pytest.raises(ValidationError) as exc:
        recurrence.validate(
            rule=rule, start_date=date(2026, 3, 20), start_time=time(12, 30), tz_name="Europe/London"
        )
    assert message in str(exc.value.message_dict["rrule"])


def test_unknown_time_zone_is_refused():
    with pytest.raises(ValidationError) as exc:
        recurrence.validate(
            rule="FREQ=WEEKLY", start_date=date(2026, 3, 20), start_time=time(12), tz_name="Mars/Olympus"
        )
    assert "Unknown time zone" in str(exc.value.message_dict["timezone"])


def test_friendly_choices_become_rrules_and_read_back():
    first_friday = date(2026, 3, 6)
    rule = recurrence.build_rule(
        recurrence.Friendly("monthly", 4, "after", count=6), first_friday, LONDON, time(12)
    )
    assert rule == "FREQ=MONTHLY;COUNT=6;BYDAY=+1FR"
    assert recurrence.describe(rule, first_friday, time(12)) == "The first Friday of each month, 6 sessions"
    rule = recurrence.build_rule(
        recurrence.Friendly("biweekly", 4, "on", until=date(2026, 6, 26)), first_friday, LONDON, time(12)
    )
    assert rule == "FREQ=WEEKLY;UNTIL=20260626T225959Z;INTERVAL=2;BYDAY=FR"
    assert recurrence.friendly_of(rule, first_friday) == {
        "weekday": 4,
        "ends": "on",
        "until": date(2026, 6, 26),
        "pattern": "biweekly",
    }
    assert recurrence.friendly_of("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", first_friday)["pattern"] == "weekdays"
    assert recurrence.friendly_of("FREQ=YEARLY;BYMONTH=3", first_friday) == {"pattern": "custom"}
    assert recurrence.describe("FREQ=WEEKLY;BYDAY=FR", first_friday, time(12)) == "Every Friday"
