"""The rollups behind the pages: exact query counts, the precomputed spans agreeing with the weekly
rows they sum, team weeks, idempotent refreshes, new events appearing after the next refresh, and the
survey step recomputing a round only when what it is computed from changed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db.models import Sum

from ripple.core import ledger, registry
from ripple.insights import actions
from ripple.insights.models import (
    DepartmentWeek,
    EdgeSpan,
    EdgeWeek,
    PersonWeek,
    Refresh,
    SurveyTrend,
    TeamWeek,
)
from ripple.insights.weeks import period, span_key
from tests.surveys.conftest import answer, people, send

pytestmark = pytest.mark.django_db

MAP = "/api/v1/insights/ripple-map"

ROLLUPS = {
    PersonWeek: ("week", "person_id", "department_id", "team_id", "learned", "taught", "cross_team"),
    TeamWeek: ("week", "team_id", "events", "cross_team"),
    DepartmentWeek: ("week", "department_id", "members", "habitual", "occasional", "new", "lapsed"),
    EdgeWeek: ("week", "learner_id", "source_id", "kind", "object_type", "object_id", "count"),
    EdgeSpan: ("span", "learner_id", "source_id", "kind", "object_type", "object_id", "count"),
    SurveyTrend: ("round_id", "department_id", "question_key", "mean", "n", "reason", "fingerprint"),
}


def snapshot() -> dict[str, list[tuple]]:
    return {m.__name__: sorted(m.objects.values_list(*f), key=repr) for m, f in ROLLUPS.items()}


def _only_own_sources(monkeypatch) -> None:
    """The pages' own queries: outcome and report sources of other apps add their own few."""
    own = {k: v for k, v in registry.outcomes._items.items() if k in {"showcase", "library"}}
    monkeypatch.setattr(registry.outcomes, "_items", own)
    monkeypatch.setattr(registry.report_sources, "_items", {})


def test_map_and_report_query_counts_are_exact(leader_client, planted, queries, monkeypatch):
    _only_own_sources(monkeypatch)
    assert queries.count(leader_client, "/insights/map/") == 7  # a default view: EdgeSpan
    assert queries.count(leader_client, "/insights/map/", planted.period) == 7  # any period: EdgeWeek
    assert queries.count(leader_client, "/insights/report/") == 21
    assert queries.count(leader_client, "/insights/") == 18


def test_default_views_read_their_precomputed_span(leader_client, planted):
    latest = Refresh.objects.order_by("-finished_at").first()
    default = period()
    assert span_key(default) in latest.spans
    assert EdgeSpan.objects.filter(span=span_key(default)).exists()
    # The same ties through the span (default period) and through the weekly rows (a period starting
    # a week earlier, which no refresh precomputed: every planted event is later anyway).
    earlier = {"from": (default.start - dt.timedelta(weeks=1)).isoformat(), "to": default.end.isoformat()}
    assert span_key(period(earlier["from"], earlier["to"])) not in latest.spans
    via_span = leader_client.get(MAP).json()
    via_weeks = leader_client.get(MAP, earlier).json()
    for key in ("nodes", "edges", "ties", "cross_ties", "departments", "connectors", "brokers"):
        assert via_span[key] == via_weeks[key], key
    assert via_span["ties"] == 9  # the seven of the last four weeks, b5 <- a6 and b4 <- b5


def test_spans_sum_the_weekly_rows(planted):
    for span in [*Refresh.objects.order_by("-finished_at").first().spans, "all"]:
        weekly = EdgeWeek.objects.all()
        if span != "all":
            lo, hi = span.split(":")
            weekly = weekly.filter(week__range=(lo, hi))
        assert (
            EdgeSpan.objects.filter(span=span).aggregate(n=Sum("count"))["n"]
            == weekly.aggregate(n=Sum("count"))["n"]
        ), span


def test_team_weeks_are_the_sums_of_their_members_weeks(planted):
    expected: dict[tuple, list[int]] = {}
    for week, team, learned, taught, cross in PersonWeek.objects.exclude(team_id=0).values_list(
        "week", "team_id", "learned", "taught", "cross_team"
    ):
        row = expected.setdefault((week, team), [0, 0])
        row[0] += learned + taught
        row[1] += cross
    got = {
        (w, t): [e, c]
        for w, t, e, c in TeamWeek.objects.values_list("week", "team_id", "events", "cross_team")
    }
    assert got == expected and got


def test_refresh_is_idempotent(planted, admin_user):
    dept = planted.depts["Alpha dept"]
    answering = people(6, department=dept)
    round_ = send(admin_user, title="Pulse")
    for person in answering:
        answer(round_, person)
    actions.refresh()
    first = snapshot()
    assert first["SurveyTrend"] and first["EdgeSpan"] and first["TeamWeek"]
    actions.refresh()
    assert snapshot() == first


def test_new_events_show_after_the_next_refresh(leader_client, planted):
    before = leader_client.get(MAP).json()
    ledger.record(kind="kudos", learner=planted["d2"], source=planted["d1"], at=planted.ago(0))
    assert leader_client.get(MAP).json()["ties"] == before["ties"]  # pages read the rollups only
    actions.refresh()
    after = leader_client.get(MAP).json()
    assert after["ties"] == before["ties"] + 1
    assert {"Di 1", "Di 2"} <= {n["label"] for n in after["nodes"]}
    leader_client.force_login(planted["d1"])
    assert "Di 2" in leader_client.get("/insights/me/").content.decode()  # the all-time span too


def test_survey_round_recomputed_only_when_its_sources_change(planted, admin_user):
    dept = planted.depts["Alpha dept"]
    answering = people(6, department=dept)
    round_ = send(admin_user, title="Pulse")
    for person in answering:
        answer(round_, person)
    actions.refresh()
    rows = SurveyTrend.objects.filter(round_id=round_.pk, department_id=0).exclude(mean=None)
    assert rows.exists()
    true_mean = rows.first().mean
    rows.update(mean=-1.0)  # a marker: an unchanged round keeps its rows
    actions.refresh()
    assert set(rows.values_list("mean", flat=True)) == {-1.0}
    round_.title = "Pulse, renamed"
    round_.save(update_fields=["title"])
    actions.refresh()
    fresh = SurveyTrend.objects.filter(round_id=round_.pk, department_id=0).exclude(mean=None)
    assert fresh.first().mean == true_mean and fresh.first().round_title == "Pulse, renamed"


def test_privacy_rules_hold_on_the_precomputed_spans(client, planted, leader):
    """The default views read EdgeSpan: hidden objects and opting out apply there as on any period."""
    from ripple.library.models import Prompt

    d1 = planted["d1"]
    prompt = Prompt.objects.create(
        title="Ops only", body="Do it", owner=d1, visibility="department", department=d1.department
    )
    ledger.record(kind="reuse", learner=planted["d2"], source=d1, obj=prompt, at=planted.ago(0))
    planted["a1"].insights_named = False
    planted["a1"].save()
    actions.refresh()
    client.force_login(leader)  # no department: may not see Ops' prompt
    data = client.get(MAP, {"kind": "reuse"}).json()
    assert data["nodes"] == [] and data["hidden_events"] == 1
    labels = {n["label"] for n in client.get(MAP).json()["nodes"]}
    assert "Someone in Alpha dept" in labels and "Ada 1" not in labels and "Di 1" not in labels
    assert "Ada 1" not in client.get("/insights/report/").content.decode()
