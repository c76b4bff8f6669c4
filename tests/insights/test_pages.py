"""Pages, API input errors, query counts, the spread of a prompt, the report and the refresh."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from ripple.core import ledger
from ripple.insights import actions
from ripple.insights.models import Refresh
from ripple.library.models import Prompt

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("url", "params", "field"),
    [
        ("/api/v1/insights/adoption", {"from": "2026-05-01", "to": "2026-04-01"}, "from"),
        ("/api/v1/insights/adoption", {"from": "1990-01-01", "to": "2026-01-01"}, "from"),
        ("/api/v1/insights/adoption", {"from": "2019-01-01", "to": "2026-01-01"}, "to"),
        ("/api/v1/insights/adoption", {"from": "tomorrow"}, "from"),
        ("/api/v1/insights/adoption", {"department": "999999"}, "department"),
        ("/api/v1/insights/adoption", {"department": "sales"}, "department"),
        ("/api/v1/insights/ripple-map", {"kind": "gossip"}, "kind"),
        ("/api/v1/insights/ripple-map", {"from": "2999-01-01", "to": "2999-02-01"}, "from"),
        ("/api/v1/insights/report", {"month": "2999-01"}, "month"),
        ("/api/v1/insights/report", {"month": "2026-13"}, "month"),
    ],
)
def test_bad_input_is_a_clear_422(leader_client, url, params, field):
    r = leader_client.get(url, params)
    assert r.status_code == 422, r.content
    body = r.json()
    assert field in str(body), body


def test_bad_input_on_pages_is_an_error_message_not_a_500(leader_client):
    r = leader_client.get("/insights/", {"from": "2026-05-01", "to": "2026-04-01", "department": "999999"})
    page = r.content.decode()
    assert r.status_code == 200 and "swap the dates" in page and "no department 999999" in page
    r = leader_client.get("/insights/report/", {"month": "2999-01"})
    assert r.status_code == 200 and "has not started yet" in r.content.decode()


def test_dashboard_and_map_pages_render_with_empty_states(leader_client, db):
    page = leader_client.get("/insights/").content.decode()
    assert "No figures yet" in page
    actions.refresh()
    assert "No ripples in this period" in leader_client.get("/insights/map/").content.decode()
    page = leader_client.get("/insights/report/").content.decode()
    assert "Pockets of AI activity appear here once the Slack radar is connected" in page


def test_pages_with_the_planted_network(leader_client, planted):
    page = leader_client.get("/insights/", planted.period).content.decode()
    assert 'id="insights-charts"' in page and "Night shift" in page and "self-reported" in page
    page = leader_client.get("/insights/map/", planted.period).content.decode()
    assert 'id="ripple-graph"' in page and "Bo 1" in page
    assert leader_client.get("/insights/", {**planted.period, "csv": "all"})["Content-Type"].startswith(
        "text/csv"
    )


def _grow(planted, times: int) -> None:
    for i in range(times):
        for learner, source in (("a2", "a1"), ("b2", "b1"), ("c1", "b1"), ("a4", "a5")):
            planted.event(learner, source, weeks=i % 12)
    actions.refresh()


def test_dashboard_and_report_queries_flat_at_1x_and_10x(leader_client, planted, queries):
    # Same people, ten times the events: the pages read rollups, so the count does not move.
    from ripple.core.models import LearningEvent

    n = LearningEvent.objects.count()
    measure = lambda: queries.count(leader_client, "/insights/", planted.period)  # noqa: E731
    queries.flat(measure, lambda: _grow(planted, n * 9 // 4), exactly=measure())
    assert LearningEvent.objects.count() >= 10 * n
    report = lambda: queries.count(leader_client, "/insights/report/")  # noqa: E731
    queries.flat(report, lambda: _grow(planted, n), exactly=report())
    ripple = lambda: queries.count(leader_client, "/insights/map/", planted.period)  # noqa: E731
    queries.flat(ripple, lambda: _grow(planted, n), exactly=ripple())


def test_dashboard_query_count_is_exact(leader_client, planted, queries, monkeypatch):
    """The page's own queries, with the outcome sources insights registers itself (each other app's
    source adds its own few, the same at any size: the flat tests cover them)."""
    from ripple.core import registry

    own = {k: v for k, v in registry.outcomes._items.items() if k in {"showcase", "library"}}
    monkeypatch.setattr(registry.outcomes, "_items", own)
    assert queries.count(leader_client, "/insights/", planted.period) == 18


def test_spread_of_a_prompt_tree_and_timeline(client, planted, leader):
    owner = planted["a1"]
    prompt = Prompt.objects.create(
        title="Meeting notes", body="Summarise", owner=owner, department=owner.department
    )
    week = planted.ago(0)
    ledger.record(
        kind="reuse", learner=planted["a2"], source=owner, obj=prompt, at=week - dt.timedelta(weeks=2)
    )
    fork = Prompt.objects.create(
        title="Meeting notes (Beta)",
        body="Summarise",
        owner=planted["b1"],
        department=planted["b1"].department,
        forked_from=prompt,
    )
    ledger.record(kind="fork", learner=planted["b1"], source=owner, obj=fork, at=week - dt.timedelta(weeks=1))
    ledger.record(kind="reuse", learner=planted["b2"], source=planted["b1"], obj=fork, at=week)
    ledger.record(kind="reuse", learner=planted["d1"], source=planted["b1"], obj=fork, at=week)
    client.force_login(leader)
    data = client.get(f"/api/v1/insights/prompts/{prompt.pk}/spread").json()
    assert (data["people"], data["departments"], data["events"]) == (4, 3, 4)
    tree = data["tree"]
    assert tree["label"] == "Ada 1"
    kids = {c["label"]: c for c in tree["children"]}
    assert set(kids) == {"Ada 2", "Bo 1"}
    assert {c["label"] for c in kids["Bo 1"]["children"]} == {"Bo 2", "Di 1"}
    assert [w["departments_reached"] for w in data["timeline"]] == [1, 2, 3]
    page = client.get(f"/insights/prompts/{prompt.pk}/spread/").content.decode()
    assert "Di 1" in page and 'id="spread-tree"' in page
    assert 'id="prompt-spread"' in client.get(prompt.get_absolute_url()).content.decode()
    client.force_login(planted["c1"])  # a member who is not the owner
    assert client.get(f"/insights/prompts/{prompt.pk}/spread/").status_code == 403
    assert 'id="prompt-spread"' not in client.get(prompt.get_absolute_url()).content.decode()
    client.force_login(owner)
    assert client.get(f"/insights/prompts/{prompt.pk}/spread/").status_code == 200


def test_report_headline_changes_and_actions(leader_client, planted):
    month = timezone.now().astimezone(dt.UTC).date().strftime("%Y-%m")
    data = leader_client.get("/api/v1/insights/report", {"month": month}).json()
    head = {r["key"]: r for r in data["headline"]}
    assert head["contributors"]["value"] >= 1
    assert [a["action"] for a in data["actions"]][0] == "Thank these connectors"
    assert any(a["action"].startswith("Wake up Night shift") for a in data["actions"])
    csv = leader_client.get("/insights/report/", {"month": month, "csv": "all"}).content.decode()
    assert "# headline" in csv and "Wake up Night shift" in csv


def test_refresh_command_and_button(leader_client, planted):
    call_command("insights-refresh")
    before = Refresh.objects.count()
    r = leader_client.post("/insights/refresh/", {"next": "/insights/map/"})
    assert r.status_code == 302 and r["Location"] == "/insights/map/"
    assert Refresh.objects.count() == before + 1  # the immediate task backend in the suite


def test_profile_section_on_own_profile(client, planted):
    client.force_login(planted["b1"])
    page = client.get(f"/insights/person/{planted['b1'].pk}/").content.decode()
    assert "3 people learned from you" in page
    assert client.get(f"/insights/person/{planted['a1'].pk}/").content.decode().strip() == ""
