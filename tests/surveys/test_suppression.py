"""Minimum group size k on every path — page, filters, filter combinations, the differencing attack, CSV,
API — at k−1 and at k answers."""

from __future__ import annotations

import pytest

from tests.factories import DepartmentFactory, TeamFactory
from tests.surveys.conftest import answer, people, send

pytestmark = pytest.mark.django_db

NUMBER_MARKERS = ("Mean ", "95% interval")


def _round_with(boss, counts, k=5, **kw):
    """A closed round answered by `counts[dept name]` people of each department (skill = 4)."""
    depts = {}
    crowd = []
    for name, n in counts.items():
        depts[name] = DepartmentFactory(name=name)
        crowd += people(n, department=depts[name])
    r = send(boss, k=k, audience="people", people=crowd, **kw)
    for p in crowd:
        answer(r, p, skill=4)
    return r, depts


@pytest.mark.parametrize(("n", "shown"), [(4, False), (5, True)])
def test_whole_round_at_k_minus_one_and_k(boss, boss_client, n, shown):
    r, _ = _round_with(boss, {"Sales": n})
    page = boss_client.get(f"/surveys/rounds/{r.pk}/results/").content.decode()
    api = boss_client.get(f"/api/v1/rounds/{r.pk}/results").json()
    csv = boss_client.get(f"/surveys/rounds/{r.pk}/results.csv").content.decode()
    if shown:
        assert "Mean 4.00" in page and api["suppressed"] is False and ",mean,,4.0" in csv
    else:
        assert "fewer than 5 answers" in page.lower() and not any(m in page for m in NUMBER_MARKERS)
        assert (
            api["suppressed"] is True and "questions" not in api and "n" not in api and "breakdown" not in api
        )
        assert api["reason"] == "fewer than 5 answers"
        assert "mean" not in csv and "suppressed,,fewer than 5 answers" in csv


@pytest.mark.parametrize(("k", "n", "shown"), [(3, 2, False), (3, 3, True), (7, 6, False), (7, 7, True)])
def test_k_is_per_round(boss, boss_client, k, n, shown):
    r, _ = _round_with(boss, {"Ops": n}, k=k)
    api = boss_client.get(f"/api/v1/rounds/{r.pk}/results").json()
    assert api["suppressed"] is (not shown) and api["k"] == k


@pytest.mark.parametrize(("small", "shown"), [(4, False), (5, True)])
def test_department_filter_and_breakdown(boss, boss_client, small, shown):
    r, d = _round_with(boss, {"Big": 10, "Small": small, "Other": 6})
    api = boss_client.get(f"/api/v1/rounds/{r.pk}/results", {"department": d["Small"].pk}).json()
    assert api["suppressed"] is (not shown)
    whole = boss_client.get(f"/api/v1/rounds/{r.pk}/results").json()
    row = next(b for b in whole["breakdown"] if b["name"] == "Small")
    assert row["suppressed"] is (not shown)
    if not shown:
        assert set(row) == {"id", "name", "suppressed", "reason"}
        page = (
            boss_client.get(f"/surveys/rounds/{r.pk}/results/", {"department": d["Small"].pk})
            .content.decode()
            .lower()
        )
        assert "fewer than 5 answers" in page and "mean " not in page
        csv = boss_client.get(
            f"/surveys/rounds/{r.pk}/results.csv", {"department": d["Small"].pk}
        ).content.decode()
        assert "mean" not in csv and "suppressed" in csv


@pytest.mark.parametrize(("rest", "shown"), [(4, False), (5, True)])
def test_differencing_attack_all_minus_all_but_x(boss, boss_client, rest, shown):
    """Everyone = Big + Rest. If Big were shown while Rest < k, everyone − Big would reveal Rest."""
    r, d = _round_with(boss, {"Big": 12, "Rest": rest})
    whole = boss_client.get(f"/api/v1/rounds/{r.pk}/results").json()
    assert whole["suppressed"] is False  # everyone: 12 + rest >= k
    big = boss_client.get(f"/api/v1/rounds/{r.pk}/results", {"department": d["Big"].pk}).json()
    assert big["suppressed"] is (not shown)
    if not shown:
        assert "other departments" in big["reason"]
        assert all(b["suppressed"] for b in whole["breakdown"])


def test_several_small_departments_hidden_together_protect_each_other(boss, boss_client):
    """Two departments of 3 (k=5) are hidden; together they hold 6 >= k, so the big ones may show."""
    r, d = _round_with(boss, {"A": 8, "B": 7, "C": 3, "D": 3})
    rows = {
        b["name"]: b["suppressed"]
        for b in boss_client.get(f"/api/v1/rounds/{r.pk}/results").json()["breakdown"]
    }
    assert rows == {"A": False, "B": False, "C": True, "D": True}


def test_people_without_a_department_count_but_never_show(boss, boss_client):
    d = DepartmentFactory(name="Named")
    named = people(6, department=d)
    loose = [p for p in people(3)]
    for p in loose:
        p.department = None
        p.save()
    r = send(boss, audience="people", people=named + loose)
    for p in named + loose:
        answer(r, p, skill=2)
    res = boss_client.get(f"/api/v1/rounds/{r.pk}/results", {"department": d.pk}).json()
    assert res["suppressed"] is True  # 9 − 6 = 3 without a department: Named would reveal them


@pytest.mark.parametrize(("team_size", "shown"), [(4, False), (5, True)])
def test_team_filter_and_team_inside_department(boss, boss_client, team_size, shown):
    dept = DepartmentFactory(name="Eng")
    t1, t2 = TeamFactory(name="Platform", department=dept), TeamFactory(name="Data", department=dept)
    crowd = (
        people(team_size, team=t1) + people(6, team=t2) + people(7, department=DepartmentFactory(name="Ops"))
    )
    r = send(boss, audience="people", people=crowd)
    for p in crowd:
        answer(r, p, skill=5)
    api = boss_client.get(f"/api/v1/rounds/{r.pk}/results", {"team": t1.pk}).json()
    combo = boss_client.get(f"/api/v1/rounds/{r.pk}/results", {"department": dept.pk, "team": t1.pk}).json()
    assert api["suppressed"] is (not shown) and combo["suppressed"] is (not shown)
    # the other team is also hidden when Platform is (Eng − Data would reveal Platform)
    other = boss_client.get(f"/api/v1/rounds/{r.pk}/results", {"team": t2.pk}).json()
    assert other["suppressed"] is (not shown)
    inside = boss_client.get(f"/api/v1/rounds/{r.pk}/results", {"department": dept.pk}).json()
    assert inside["suppressed"] is False
    assert {b["name"]: b["suppressed"] for b in inside["breakdown"]} == {
        "Platform": not shown,
        "Data": not shown,
    }
    page = boss_client.get(f"/surveys/rounds/{r.pk}/results/", {"team": t1.pk}).content.decode()
    assert ("Mean 5.00" in page) is shown


def test_team_of_a_hidden_department_is_hidden(boss, boss_client):
    dept = DepartmentFactory(name="Eng")
    team = TeamFactory(name="Platform", department=dept)
    crowd = people(6, team=team) + people(3, department=DepartmentFactory(name="Tiny"))
    r = send(boss, audience="people", people=crowd)
    for p in crowd:
        answer(r, p)
    # Eng (6) is hidden because Tiny (3) is its complement; so is Platform, all of Eng
    assert boss_client.get(f"/api/v1/rounds/{r.pk}/results", {"team": team.pk}).json()["suppressed"] is True


@pytest.mark.parametrize(("answered", "shown"), [(4, False), (5, True)])
def test_an_optional_question_needs_k_answers_of_its_own(boss, boss_client, answered, shown):
    crowd = people(8)
    r = send(boss, audience="people", people=crowd)
    for i, p in enumerate(crowd):
        answer(r, p, uses=["Other"] if i < answered else [])
    q = next(
        q for q in boss_client.get(f"/api/v1/rounds/{r.pk}/results").json()["questions"] if q["key"] == "uses"
    )
    assert q["suppressed"] is (not shown)
    assert ("distribution" in q) is shown


def test_per_question_differencing_inside_a_department(boss, boss_client):
    """A question answered by 6 in Big and 2 elsewhere: Big's figure for it would reveal the 2."""
    big, other = DepartmentFactory(name="Big"), DepartmentFactory(name="Else")
    a, b = people(6, department=big), people(6, department=other)
    r = send(boss, audience="people", people=a + b)
    for p in a:
        answer(r, p, uses=["Other"])
    for i, p in enumerate(b):
        answer(r, p, uses=["Other"] if i < 2 else [])
    res = boss_client.get(f"/api/v1/rounds/{r.pk}/results", {"department": big.pk}).json()
    assert res["suppressed"] is False
    q = next(q for q in res["questions"] if q["key"] == "uses")
    assert q["suppressed"] is True


def test_bad_filters_are_clear_errors(boss, boss_client):
    r, d = _round_with(boss, {"A": 5})
    other_team = TeamFactory()
    assert boss_client.get(f"/api/v1/rounds/{r.pk}/results", {"department": 99999}).status_code == 422
    res = boss_client.get(f"/api/v1/rounds/{r.pk}/results", {"department": d["A"].pk, "team": other_team.pk})
    assert res.status_code == 422 and "not in that department" in res.json()["errors"]["team"][0]
    assert boss_client.get(f"/api/v1/rounds/{r.pk}/results", {"department": "x"}).status_code == 422
    assert boss_client.get(f"/surveys/rounds/{r.pk}/results/", {"department": "x"}).status_code == 200


def test_members_see_no_results_anywhere(boss, member_client, member):
    r, _ = _round_with(boss, {"A": 6})
    assert member_client.get(f"/api/v1/rounds/{r.pk}/results").status_code == 404  # not sent to them
    r2 = send(boss, audience="people", people=[member])
    assert member_client.get(f"/api/v1/rounds/{r2.pk}/results").status_code == 403
    assert member_client.get(f"/surveys/rounds/{r2.pk}/results/").status_code == 403
    assert member_client.get(f"/surveys/rounds/{r2.pk}/results.csv").status_code == 403
