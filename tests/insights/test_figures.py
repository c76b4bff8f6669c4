"""Every figure of the planted network (conftest.plant), worked out by hand.

Ties this period (learner -> learned from): a2->a1, a3->a1, b1->a1, b2->b1, b3->b1, c1->b1 (kudos) and
a4->a5 (suggestion). Alpha dept a1..a6, Beta dept b1..b5, Small dept c1..c4 (merged: under 5), Ops d1..d5."""

from __future__ import annotations

import pytest

from ripple.insights import metrics

pytestmark = pytest.mark.django_db

MAP = "/api/v1/insights/ripple-map"
ADOPTION = "/api/v1/insights/adoption"


def _get(client, url, params):
    r = client.get(url, params)
    assert r.status_code == 200, r.content
    return r.json()


def by_label(rows, key="label"):
    return {r[key]: r for r in rows}


def test_map_kudos_figures_exact(leader_client, planted):
    data = _get(leader_client, MAP, {**planted.period, "kind": "kudos"})
    nodes = by_label(data["nodes"])
    assert set(nodes) == {"Ada 1", "Ada 2", "Ada 3", "Bo 1", "Bo 2", "Bo 3", "Cy 1"}
    assert data["ties"] == 6
    assert data["cross_ties"] == 2  # b1->a1 and c1->b1
    assert data["cross_share"] == pytest.approx(0.3333, abs=1e-4)
    assert {k: n["in_degree"] for k, n in nodes.items()} == {
        "Ada 1": 3,
        "Ada 2": 0,
        "Ada 3": 0,
        "Bo 1": 3,
        "Bo 2": 0,
        "Bo 3": 0,
        "Cy 1": 0,
    }
    assert nodes["Bo 1"]["out_degree"] == 1 and nodes["Ada 1"]["out_degree"] == 0
    # b1 sits on b2->a1, b3->a1 and c1->a1: betweenness 3, everyone else 0.
    assert {k: n["betweenness"] for k, n in nodes.items()} == {
        k: (3.0 if k == "Bo 1" else 0.0) for k in nodes
    }
    assert data["betweenness"] == {"method": "exact", "sources": 7, "error_bound": 0.0}
    assert [c["label"] for c in data["connectors"]] == ["Bo 1"]
    # b1 learned from Alpha and taught Beta and the small departments: two pairs.
    assert [(b["label"], b["broker_pairs"]) for b in data["brokers"]] == [("Bo 1", 2)]
    depts = by_label(data["departments"], "department")
    assert (depts["Alpha dept"]["internal"], depts["Alpha dept"]["external"]) == (2, 1)
    assert depts["Alpha dept"]["ei"] == pytest.approx(-0.3333, abs=1e-4)
    assert (depts["Beta dept"]["internal"], depts["Beta dept"]["external"], depts["Beta dept"]["ei"]) == (
        2,
        2,
        0.0,
    )
    small = depts["Smaller departments (merged)"]
    assert small["ei"] is None and small["external"] is None and "fewer than 5" in small["note"]
    assert data["hidden_events"] == 0


def test_every_kind_adds_the_suggestion_tie(leader_client, planted):
    data = _get(leader_client, MAP, planted.period)
    assert data["ties"] == 7
    depts = by_label(data["departments"], "department")
    assert (depts["Alpha dept"]["internal"], depts["Alpha dept"]["external"]) == (3, 1)
    assert depts["Alpha dept"]["ei"] == -0.5


def test_department_filter_keeps_ties_touching_it(leader_client, planted):
    beta = planted.depts["Beta dept"].pk
    data = _get(leader_client, MAP, {**planted.period, "department": beta, "kind": "kudos"})
    assert data["ties"] == 4  # b1->a1, b2->b1, b3->b1, c1->b1
    assert {n["label"] for n in data["nodes"]} == {"Ada 1", "Bo 1", "Bo 2", "Bo 3", "Cy 1"}


def test_hand_computed_betweenness_on_a_diamond():
    # 0->1->3, 0->2->3, 3->4: pairs through 1: (0,3) half, (0,4) half; through 3: (0,4),(1,4),(2,4).
    nodes = [0, 1, 2, 3, 4]
    values, info = metrics.betweenness(nodes, [(0, 1), (0, 2), (1, 3), (2, 3), (3, 4)])
    assert values == {0: 0.0, 1: 1.0, 2: 1.0, 3: 3.0, 4: 0.0}
    assert info["method"] == "exact"


def test_sampled_betweenness_bound_is_documented_formula():
    assert metrics.error_bound(10_000, 1000) == pytest.approx(0.0803, abs=1e-3)


def test_adoption_depth_by_department_exact(leader_client, planted):
    data = _get(leader_client, ADOPTION, planted.period)
    depts = by_label(data["departments"], "department")
    alpha, beta, ops = depts["Alpha dept"], depts["Beta dept"], depts["Ops"]
    assert [alpha[k] for k in ("members", "habitual", "occasional", "new", "lapsed", "not_yet")] == [
        6,
        2,
        2,
        1,
        1,
        0,
    ]
    assert [beta[k] for k in ("members", "habitual", "occasional", "new", "lapsed", "not_yet")] == [
        5,
        0,
        0,
        3,
        2,
        0,
    ]
    assert [ops[k] for k in ("members", "habitual", "new", "lapsed", "not_yet")] == [5, 0, 0, 0, 5]
    small = depts["Smaller departments (merged)"]
    assert small["suppressed"] and small["habitual"] is None and small["members"] == 4
    assert data["people"] == {"contributors": 3, "learners": 7, "both": 1, "minutes": 0, "reuses": 0}
    last = data["weeks"][-1]
    assert (last["habitual"], last["new"]) == (2, 4 + 1)  # a1, a2 / a3, b1, b2, b3, c1


def test_thriving_dormant_and_steady_teams(leader_client, planted):
    teams = by_label(_get(leader_client, ADOPTION, planted.period)["teams"], "team")
    assert set(teams) == {"Alpha", "Beta", "Night shift"}  # Gamma has one person
    assert teams["Alpha"]["state"] == "thriving"  # a1 taught b1 (another team) this month, none before
    assert (teams["Alpha"]["cross_team_28d"], teams["Alpha"]["cross_team_before"]) == (1, 0)
    assert teams["Beta"]["state"] == "steady"  # one cross-team event now (a1), one before (a6 -> b5)
    assert teams["Night shift"]["state"] == "dormant" and teams["Night shift"]["events_28d"] == 0


def test_small_department_suppressed_at_4_and_shown_at_5(leader_client, planted):
    from ripple.insights import actions
    from tests.factories import UserFactory

    small = planted.depts["Small dept"].pk
    data = _get(leader_client, ADOPTION, {**planted.period, "department": small})
    assert data["suppressed"] and "fewer than 5" in data["reason"]
    assert data["departments"] == [] and data["weeks"] == []
    m = _get(leader_client, MAP, {**planted.period, "department": small})
    assert m["suppressed"] and m["nodes"] == [] and m["edges"] == []
    csv = leader_client.get("/insights/", {**planted.period, "csv": "departments"}).content.decode()
    row = next(line for line in csv.splitlines() if line.startswith("Smaller departments"))
    assert row.split(",")[1] == "4" and row.split(",")[2:9] == [""] * 7
    UserFactory(name="Cy 5", department=planted.depts["Small dept"])
    actions.refresh()
    data = _get(leader_client, ADOPTION, {**planted.period, "department": small})
    assert not data["suppressed"]
    assert by_label(data["departments"], "department")["Small dept"]["new"] == 1  # c1


def test_csv_of_the_map_matches_the_figures(leader_client, planted):
    r = leader_client.get("/insights/map/", {**planted.period, "kind": "kudos", "csv": "people"})
    assert r["Content-Type"].startswith("text/csv")
    lines = r.content.decode().splitlines()
    assert lines[0] == "label,department,in_degree,out_degree,betweenness,broker_pairs"
    assert "Bo 1,Beta dept,3,1,3.0,2" in lines
