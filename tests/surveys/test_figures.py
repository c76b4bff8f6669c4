"""Planted answers, every figure checked exactly: means, intervals, distributions, previous-round change,
paired differences; and the t quantiles behind the intervals."""

from __future__ import annotations

import math

import pytest

from ripple.surveys.results.stats import summarise, t_quantile
from tests.surveys.conftest import answer, people, qid, send

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("df", "t"), [(1, 12.706205), (4, 2.776445), (9, 2.262157), (30, 2.042272), (200, 1.971896)]
)
def test_t_quantiles_match_the_tables(df, t):
    assert t_quantile(0.975, df) == pytest.approx(t, abs=1e-6)


def test_summary_of_one_to_five():
    s = summarise([1, 2, 3, 4, 5])
    assert s.mean == 3 and s.sd == pytest.approx(math.sqrt(2.5))
    half = 2.776445 * math.sqrt(2.5) / math.sqrt(5)
    assert s.ci_low == pytest.approx(3 - half, abs=1e-6) and s.ci_high == pytest.approx(3 + half, abs=1e-6)


def test_every_figure_of_a_round(boss, boss_client):
    crowd = people(5)
    r = send(boss)
    skills = [1, 2, 3, 4, 5]
    freq = ["Daily", "Daily", "Weekly", "Never", "Daily"]
    uses = [
        ["Writing and editing"],
        ["Writing and editing", "Analysing data"],
        ["Brainstorming ideas"],
        ["Other"],
        ["Writing and editing"],
    ]
    texts = ["More examples", "", "Time to practise", "", "A buddy"]
    for person, s, f, u, t in zip(crowd, skills, freq, uses, texts, strict=True):
        answer(r, person, skill=s, frequency=f, uses=u, help_wanted=t)
    data = boss_client.get(f"/api/v1/rounds/{r.pk}/results").json()
    assert data["suppressed"] is False and data["n"] == 5 and data["k"] == 5
    assert data["response"] == {"asked": 6, "answered": 5, "rate": 83.3}  # the admin was asked too
    by_key = {q["key"]: q for q in data["questions"]}
    skill = by_key["skill"]
    assert (skill["mean"], skill["sd"], skill["ci_low"], skill["ci_high"]) == (3.0, 1.58, 1.04, 4.96)
    assert [(d["value"], d["count"], d["percent"]) for d in skill["distribution"]] == [
        (1, 1, 20.0),
        (2, 1, 20.0),
        (3, 1, 20.0),
        (4, 1, 20.0),
        (5, 1, 20.0),
    ]
    assert skill["distribution"][0]["label"] == "1 · Just starting"
    # everyone else answered the default 3: mean 3, sd 0, interval 3–3
    assert (
        by_key["check_output"]["mean"],
        by_key["check_output"]["ci_low"],
        by_key["check_output"]["ci_high"],
    ) == (3.0, 3.0, 3.0)
    f = {d["label"]: (d["count"], d["percent"]) for d in by_key["frequency"]["distribution"]}
    assert (
        f["Daily"] == (3, 60.0)
        and f["Weekly"] == (1, 20.0)
        and f["Never"] == (1, 20.0)
        and f["A few times a month"] == (0, 0.0)
    )
    u = by_key["uses"]
    assert u["n"] == 5
    m = {d["label"]: (d["count"], d["percent"]) for d in u["distribution"]}
    assert (
        m["Writing and editing"] == (3, 60.0) and m["Analysing data"] == (1, 20.0) and m["Other"] == (1, 20.0)
    )
    assert m["Learning something new"] == (0, 0.0)
    # 3 written answers < k: the free text is suppressed though the group shows
    assert by_key["help_wanted"]["suppressed"] is True and "texts" not in by_key["help_wanted"]


def test_free_text_above_k_is_shuffled_without_metadata(boss, admin_client):
    crowd = people(6)
    r = send(boss)
    written = [f"answer {i}" for i in range(6)]
    for person, text in zip(crowd, written, strict=True):
        answer(r, person, help_wanted=text)
    q = next(
        q
        for q in admin_client.get(f"/api/v1/rounds/{r.pk}/results").json()["questions"]
        if q["key"] == "help_wanted"
    )
    assert sorted(q["texts"]) == written and q["texts"] != written  # shown, not in the order they came
    assert set(q) == {"id", "key", "kind", "text", "suppressed", "n", "texts"}


def test_previous_round_change_is_exact(boss, admin_client):
    crowd = people(5)
    first = send(boss, days_ago=120, title="Q1")
    for p, v in zip(crowd, [2, 2, 3, 3, 2], strict=True):
        answer(first, p, confidence_judge=v)
    second = send(boss, days_ago=30, title="Q2")
    for p, v in zip(crowd, [3, 4, 4, 3, 4], strict=True):
        answer(second, p, confidence_judge=v)
    data = admin_client.get(f"/api/v1/rounds/{second.pk}/results").json()
    q = next(q for q in data["questions"] if q["key"] == "confidence_judge")
    assert q["mean"] == 3.6 and q["previous"] == {"mean": 2.4, "n": 5, "change": 1.2}
    assert data["previous_round"] == {"id": first.pk, "title": "Q1"}


def test_paired_differences_are_exact_and_need_k_pairs(boss, admin_client):
    crowd = people(6)
    before = send(boss, days_ago=90, title="Before", pair_role="before")
    after_people = crowd[:5]
    for p, v in zip(crowd, [1, 2, 2, 3, 1, 5], strict=True):
        answer(before, p, confidence_new=v)
    after = send(boss, days_ago=20, title="After", pair_role="after", paired_with=before)
    for p, v in zip(after_people, [3, 3, 4, 4, 2], strict=True):
        answer(after, p, confidence_new=v)
    answer(after, boss, confidence_new=5)  # the admin answered only the after round
    pairs = admin_client.get(f"/api/v1/rounds/{after.pk}/results").json()["pairs"]
    row = next(q for q in pairs["questions"] if q["key"] == "confidence_new")
    diffs = [2, 1, 2, 1, 1]
    s = summarise(diffs)
    assert row["pairs"] == 5 and row["mean_change"] == 1.4
    assert (row["ci_low"], row["ci_high"]) == (round(s.ci_low, 2), round(s.ci_high, 2)) == (0.72, 2.08)
    assert set(row) == {"key", "text", "suppressed", "pairs", "mean_change", "ci_low", "ci_high"}


def test_paired_differences_at_k_minus_one_pairs_are_suppressed(boss, admin_client):
    crowd = people(4)
    before = send(boss, days_ago=90, pair_role="before")
    after = send(boss, days_ago=20, pair_role="after", paired_with=before)
    for p in crowd:
        answer(before, p, confidence_new=2)
        answer(after, p, confidence_new=4)
    answer(after, boss)  # after round itself has 5 answers, but only 4 pairs
    pairs = admin_client.get(f"/api/v1/rounds/{after.pk}/results").json()["pairs"]
    row = next(q for q in pairs["questions"] if q["key"] == "confidence_new")
    assert row == {
        "key": "confidence_new",
        "text": row["text"],
        "suppressed": True,
        "reason": "fewer than 5 people answered both",
    }


def test_figures_wait_for_the_round_to_close(boss, admin_client):
    crowd = people(6)
    r = send(boss, closed=False)
    from ripple.surveys import actions

    likert = ("skill", "confidence_new", "confidence_judge", "check_output", "safe_to_share_fail")
    for p in crowd:
        answers = {str(qid(r, k)): 4 for k in likert} | {str(qid(r, "frequency")): "Daily"}
        actions.submit_answers(actor=p, round_=r, answers=answers)
    data = admin_client.get(f"/api/v1/rounds/{r.pk}/results").json()
    assert data["suppressed"] is True and data["available"] is False and "questions" not in data
    assert data["response"]["answered"] == 6
