"""The board (people × weeks, drifting, nudges), the outcomes report (figures, before/after with k,
CSV, print), and their query counts at 3 and 60 members."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from django.utils import timezone

from ripple.cohorts import actions
from ripple.cohorts.models import CheckIn, Cohort
from ripple.core.ledger import record
from ripple.library import actions as library_actions
from ripple.notifications.models import Notification
from ripple.surveys import actions as survey_actions
from ripple.surveys.models import Question, Round
from tests.cohorts.conftest import add_members, checkin_data, make_cohort

pytestmark = pytest.mark.django_db


def _backdate(cohort, person, week, **extra):
    """A check-in written during an earlier week (the action only takes the current one)."""
    return CheckIn.objects.create(cohort=cohort, person=person, week=week, **{**checkin_data(), **extra})


def test_board_shows_checked_in_missed_due_upcoming_and_flags_drifting(client, fay):
    cohort = make_cohort(fay, week=4, weeks=5)
    steady, drifter = add_members(cohort, 2)
    for week in (1, 2, 3):
        _backdate(cohort, steady, week)
    _backdate(cohort, drifter, 1)
    client.force_login(steady)
    response = client.get(f"/cohorts/{cohort.pk}/board/")
    assert response.status_code == 200
    board = response.context["board"]
    rows = {r["person"].pk: r for r in board.rows}
    assert rows[steady.pk]["cells"] == ["checked_in", "checked_in", "checked_in", "due", "upcoming"]
    assert rows[drifter.pk]["cells"] == ["checked_in", "missed", "missed", "due", "upcoming"]
    assert rows[drifter.pk]["drifting"] and not rows[steady.pk]["drifting"]
    assert "Nudge" not in response.content.decode()  # members see the board, not the nudge
    client.force_login(fay)
    text = client.get(f"/cohorts/{cohort.pk}/board/").content.decode()
    assert "Drifting" in text and "Nudge" in text


def test_nudge_notifies_the_member_once_a_day_and_honours_switch_off(client, fay):
    cohort = make_cohort(fay, week=3)
    (drifter,) = add_members(cohort, 1)
    client.force_login(drifter)
    assert client.post(f"/cohorts/{cohort.pk}/nudge/{drifter.pk}/").status_code == 403
    client.force_login(fay)
    client.post(f"/cohorts/{cohort.pk}/nudge/{drifter.pk}/")
    assert Notification.objects.filter(recipient=drifter, kind="cohort_nudge").count() == 1
    client.post(f"/cohorts/{cohort.pk}/nudge/{drifter.pk}/")
    assert Notification.objects.filter(recipient=drifter, kind="cohort_nudge").count() == 1
    message = cohort.messages.get(kind="nudge")
    actions.message_update(actor=fay, message=message, text=message.text, send_on=None, enabled=False)
    cohort.nudges.all().delete()
    response = client.post(f"/cohorts/{cohort.pk}/nudge/{drifter.pk}/", follow=True)
    assert "switched off" in response.content.decode()
    assert Notification.objects.filter(recipient=drifter, kind="cohort_nudge").count() == 1


def test_board_and_report_query_counts_are_the_same_at_3_and_60_members(client, fay, queries):
    cohort = make_cohort(fay, week=3, capacity=100)
    people = add_members(cohort, 3)
    for p in people:
        _backdate(cohort, p, 1)
    client.force_login(fay)

    def grow():
        more = add_members(cohort, 57)
        for p in more:
            _backdate(cohort, p, 1, quote=True, learned_from=people[0])
            _backdate(cohort, p, 2)

    board_url, report_url = f"/cohorts/{cohort.pk}/board/", f"/cohorts/{cohort.pk}/report/"
    api_board, api_report = f"/api/v1/cohorts/{cohort.pk}/board", f"/api/v1/cohorts/{cohort.pk}/report"
    few = [
        queries.count(client, u)
        for u in (board_url, report_url, api_board, api_report, f"{report_url[:-1]}.csv")
    ]
    grow()
    many = [
        queries.count(client, u)
        for u in (board_url, report_url, api_board, api_report, f"{report_url[:-1]}.csv")
    ]
    # session, user, cohort + space, membership checks, then the board's 3 / the report's own queries
    assert few == many == [8, 10, 8, 11, 10], (few, many)


def test_report_figures(client, fay):
    cohort = make_cohort(fay, week=3, weeks=4)
    a, b, c, d = add_members(cohort, 4)  # Dept 0, 1, 2, 0
    for week in (1, 2, 3):
        _backdate(cohort, a, week, minutes_saved=10)
    _backdate(cohort, b, 1, minutes_saved=15, happened="It summarised the tender in minutes", quote=True)
    in_cohort = cohort.start_date + timedelta(days=2)
    at = timezone.make_aware(timezone.datetime.combine(in_cohort, timezone.datetime.min.time())) + timedelta(
        hours=10
    )
    record(kind="cohort_checkin", learner=a, source=b, at=at)  # cross-department
    record(kind="cohort_checkin", learner=a, source=d, at=at)  # same department: no tie
    prompt = library_actions.prompt_create(
        actor=a, title="Tender summary", body="Summarise {doc}", space=cohort.space
    )
    library_actions.reuse_record(actor=b, prompt=prompt, minutes_saved=5)
    client.force_login(fay)
    response = client.get(f"/cohorts/{cohort.pk}/report/")
    report = response.context["report"]
    assert report["members"] == 4
    assert report["completion"]["completed"] == 1  # only a checked in in 3 of 4 weeks
    assert [w["checked_in"] for w in report["checkin_rate"]] == [2, 1, 1, 0]
    assert [w["rate"] for w in report["checkin_rate"]] == [50.0, 25.0, 25.0, 0.0]
    assert report["minutes"]["total"] == 45
    assert report["ties"] == 1
    assert report["prompts"]["created"] == 1
    assert [q["text"] for q in report["quotes"]] == ["It summarised the tender in minutes"]
    text = response.content.decode()
    assert "self-reported" in text and "cohort-chart-data" in text and "print.css" in text
    rows = list(csv.reader(io.StringIO(client.get(f"/cohorts/{cohort.pk}/report.csv").content.decode())))
    assert ["minutes saved", "total", "45", "self-reported"] in rows
    assert ["check-in rate", "week 1", "50.0", "2 of 4"] in rows


def _answers(questions, level):
    values = {
        "skill": level,
        "confidence_new": level,
        "confidence_judge": level,
        "check_output": level,
        "safe_to_share_fail": level,
        "frequency": "Weekly",
        "uses": [],
        "help_wanted": "",
    }
    return {str(questions[k].pk): v for k, v in values.items() if k in questions}


@pytest.mark.parametrize("members", [6, 3])
def test_before_after_rounds_are_opened_paired_and_reported_only_for_k_pairs(fay, members):
    today = timezone.now().date()
    cohort = actions.cohort_create(
        actor=fay,
        data={
            "name": "Paired",
            "start_date": today - timedelta(days=24),
            "weeks": 4,
            "time_zone": "UTC",
            "capacity": 20,
        },
    )
    people = add_members(cohort, members)
    t0 = timezone.now() - timedelta(hours=5)
    actions.cohort_start(actor=fay, cohort=cohort, now=t0)
    cohort.refresh_from_db()
    before = cohort.before_round
    assert before is not None and before.pair_role == "before"
    assert set(before.participants.values_list("user_id", flat=True)) == {p.pk for p in people}
    instrument = survey_actions.ensure_builtin_instrument()
    questions = {q.key: q for q in Question.objects.filter(instrument=instrument)}
    for p in people:
        survey_actions.submit_answers(
            actor=p, round_=before, answers=_answers(questions, 2), now=t0 + timedelta(minutes=5)
        )
    Round.objects.filter(pk=before.pk).update(closes_at=t0 + timedelta(minutes=30))
    sent = actions.send_due(now=t0 + timedelta(hours=1))  # the last week's "after" message is due
    cohort.refresh_from_db()
    after = cohort.after_round
    assert after is not None and after.pair_role == "after" and after.paired_with_id == before.pk
    assert sent >= members
    for p in people:
        survey_actions.submit_answers(
            actor=p, round_=after, answers=_answers(questions, 4), now=t0 + timedelta(hours=2)
        )
    Round.objects.filter(pk=after.pk).update(closes_at=t0 + timedelta(hours=3))
    from ripple.cohorts import selectors

    survey = selectors.report(Cohort.objects.get(pk=cohort.pk))["survey"]
    if members >= after.k:
        assert survey["available"] and survey["questions"]
        skill = next(q for q in survey["questions"] if q["key"] == "skill")
        assert skill["mean_change"] == 2.0 and skill["pairs"] == members
    else:
        assert not survey.get("available") or all(q["suppressed"] for q in survey["questions"])
        assert "mean_change" not in str(survey)
