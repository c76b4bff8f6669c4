"""Rounds: audiences, bad settings, announcing once, reminding non-respondents once, sealing, digest."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ripple.notifications.models import Notification
from ripple.surveys import actions, tasks
from ripple.surveys.models import Participant, Round
from tests.factories import DepartmentFactory, TeamFactory, UserFactory
from tests.surveys.conftest import answer, people, send

pytestmark = pytest.mark.django_db


def payload(**over):
    now = timezone.now()
    data = {"title": "Pulse", "opens_at": now.isoformat(), "closes_at": (now + timedelta(days=7)).isoformat()}
    data.update(over)
    return data


def test_audiences_are_fixed_when_sent(boss, boss_client):
    sales, ops = DepartmentFactory(name="Sales"), DepartmentFactory(name="Ops")
    team = TeamFactory(name="Deals", department=sales)
    s = people(3, department=sales) + people(2, team=team)
    o = people(2, department=ops)
    gone = UserFactory(department=sales, is_active=False)
    sid = actions.ensure_builtin_instrument().pk

    def asked(body):
        r = boss_client.post(
            f"/api/v1/surveys/{sid}/rounds", payload(**body), content_type="application/json"
        )
        assert r.status_code == 201, r.json()
        return set(Participant.objects.filter(round_id=r.json()["id"]).values_list("user_id", flat=True))

    assert asked({"audience": "departments", "departments": [sales.pk]}) == {p.pk for p in s}
    assert asked({"audience": "teams", "teams": [team.pk]}) == {p.pk for p in s[3:]}
    assert asked({"audience": "people", "people": [o[0].pk]}) == {o[0].pk}
    everyone = asked({"audience": "everyone"})
    assert gone.pk not in everyone and {p.pk for p in s + o} <= everyone
    later = UserFactory(department=sales)
    assert later.pk not in set(
        Participant.objects.filter(round__audience="departments").values_list("user_id", flat=True)
    )


@pytest.mark.parametrize(
    ("over", "field"),
    [
        ({"min_group": 2}, "min_group"),
        ({"min_group": 0}, "min_group"),
        ({"closes_at": (timezone.now() - timedelta(days=1)).isoformat()}, "closes_at"),
        ({"audience": "departments"}, "departments"),
        ({"audience": "galaxy"}, "audience"),
        ({"title": ""}, "title"),
        ({"people": [999999], "audience": "people"}, "people"),
        ({"pair_role": "after"}, "paired_with"),
    ],
)
def test_bad_rounds_are_clear_errors_and_change_nothing(boss, boss_client, over, field):
    sid = actions.ensure_builtin_instrument().pk
    r = boss_client.post(f"/api/v1/surveys/{sid}/rounds", payload(**over), content_type="application/json")
    assert r.status_code == 422 and field in r.json()["errors"], r.json()
    assert not Round.objects.exists() and not Participant.objects.exists()
    assert not Notification.objects.exists()


def test_round_form_rejects_k_below_three_and_close_before_open(boss, boss_client):
    sid = actions.ensure_builtin_instrument().pk
    now = timezone.localtime()
    form = {
        "title": "Pulse",
        "opens_at": now.strftime("%Y-%m-%dT%H:%M"),
        "closes_at": (now - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
        "min_group": "2",
        "audience": "everyone",
        "pair_role": "",
    }
    r = boss_client.post(f"/surveys/instruments/{sid}/rounds/new/", form)
    assert r.status_code == 200 and "never be below 3" in r.content.decode()
    form["min_group"] = "5"
    r = boss_client.post(f"/surveys/instruments/{sid}/rounds/new/", form)
    assert "must close after it opens" in r.content.decode() and not Round.objects.exists()
    form["closes_at"] = (now + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    r = boss_client.post(f"/surveys/instruments/{sid}/rounds/new/", form)
    assert r.status_code == 302 and Round.objects.get().min_group == 5


def test_announce_and_remind_once(boss, django_capture_on_commit_callbacks):
    crowd = people(3)
    start = timezone.now() + timedelta(hours=1)
    r = actions.round_create(
        actor=boss,
        instrument=actions.ensure_builtin_instrument(),
        title="Pulse",
        opens_at=start,
        closes_at=start + timedelta(days=10),
        audience="people",
        people=crowd,
    )
    assert not Notification.objects.exists()
    assert actions.sweep(now=start + timedelta(minutes=1))["announced"] == 3
    assert actions.sweep(now=start + timedelta(minutes=2))["announced"] == 0
    answer(r, crowd[0])
    remind = r.remind_at + timedelta(minutes=1)
    assert r.remind_at == r.closes_at - timedelta(days=2)
    assert actions.sweep(now=remind)["reminded"] == 2
    assert actions.remind_round(round_id=r.pk, now=remind) == 0  # once
    assert tasks.remind_round.call(r.pk) == 0
    reminders = Notification.objects.filter(kind="survey_reminder")
    assert sorted(reminders.values_list("recipient_id", flat=True)) == sorted(p.pk for p in crowd[1:])
    assert Notification.objects.filter(kind="survey_open").count() == 3


def test_sweep_seals_closed_rounds_once(boss):
    crowd = people(5)
    r = send(boss, audience="people", people=crowd)
    for p in crowd:
        answer(r, p)
    assert actions.sweep()["sealed"] == 1 and actions.sweep()["sealed"] == 0
    assert Round.objects.get(pk=r.pk).sealed_at is not None


def test_digest_lists_my_waiting_surveys_only(boss, member, member_client, other_member):
    r = send(boss, closed=False, audience="people", people=[member], title="Waiting pulse")
    page = member_client.get("/inbox/digest/").content.decode()
    assert "Surveys waiting for you" in page and "Waiting pulse" in page
    answer(r, member)
    assert "Surveys waiting for you" not in member_client.get("/inbox/digest/").content.decode()


def test_badge_in_the_top_bar(boss, member, member_client):
    send(boss, closed=False, audience="people", people=[member])
    home = member_client.get("/surveys/").content.decode()
    assert 'hx-get="/surveys/badge/"' in home


def test_results_page_query_count_does_not_grow(boss, boss_client):
    counts = []
    for n in (5, 40):
        crowd = people(n, department=DepartmentFactory())
        instrument = actions.instrument_create(actor=boss, title=f"Own {n}")
        r = send(boss, instrument=instrument, audience="people", people=crowd)
        for p in crowd:
            answer(r, p, skill=4, help_wanted="more time")
        boss_client.get(f"/surveys/rounds/{r.pk}/results/")  # seals it
        with CaptureQueriesContext(connection) as ctx:
            page = boss_client.get(f"/surveys/rounds/{r.pk}/results/")
        assert page.status_code == 200 and "Mean 4.00" in page.content.decode()
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1], counts


def test_sweep_command(boss, capsys):
    from django.core.management import call_command

    call_command("survey_sweep")
    assert "announced 0 · reminded 0 · sealed 0" in capsys.readouterr().out


def test_times_without_a_zone_are_accepted(boss, boss_client):
    sid = actions.ensure_builtin_instrument().pk
    body = payload(opens_at="2030-01-01T09:00:00", closes_at="2030-01-08T09:00:00Z")
    r = boss_client.post(f"/api/v1/surveys/{sid}/rounds", body, content_type="application/json")
    assert r.status_code == 201 and r.json()["status"] == "scheduled"
