"""The matching rule, the score and calibration (pure functions, ADR 0015)."""

from __future__ import annotations

import pytest

from ripple.drills.scoring import Span, calibration, line_span, matches, score_marks


def test_overlap_must_be_half_of_the_shorter_span():
    flaw = Span(10, 20)
    assert matches(Span(10, 20), flaw)
    assert matches(Span(15, 30), flaw)  # 5 of the 10-character flaw
    assert not matches(Span(16, 30), flaw)  # 4 of 10, 4 of 14
    assert matches(Span(12, 14), flaw)  # a word inside the flaw: all of the mark
    assert not matches(Span(20, 25), flaw)  # touching is not overlapping


def test_one_mark_finds_one_flaw_and_further_marks_on_it_are_duplicates():
    flaws = [Span(0, 5), Span(10, 15)]
    whole = score_marks([Span(0, 15)], flaws)
    assert (whole.found, whole.missed, whole.false_alarms) == (1, 1, 0)
    twice = score_marks([Span(0, 5), Span(1, 4), Span(30, 35)], flaws)
    assert twice.flaw_of_mark == [0, None, None]
    assert twice.duplicate == [False, True, False]
    assert (twice.found, twice.missed, twice.false_alarms) == (1, 1, 1)
    assert twice.score == pytest.approx(1 / 3)


def test_score_is_found_over_flaws_plus_false_alarms():
    flaws = [Span(0, 5), Span(10, 15)]
    assert score_marks([Span(0, 5), Span(10, 15)], flaws).score == 1
    assert score_marks([], flaws).score == 0
    assert score_marks([], []).score == 1  # a clean output, nothing marked
    assert score_marks([Span(0, 2)], []).score == 0


def test_calibration_brier_gap_and_buckets():
    c = calibration([(90, 0.5), (95, 0.5), (60, 1.0), (50, 0.5)])
    assert c["n"] == 4
    assert c["mean_confidence"] == 73.8
    assert c["mean_score"] == 62.5
    assert c["gap"] == 11.2
    assert c["brier"] == pytest.approx(((0.4**2) + (0.45**2) + (0.4**2) + 0) / 4, abs=0.001)
    assert [b["count"] for b in c["buckets"]] == [1, 1, 0, 0, 2]
    assert c["buckets"][4] == {"label": "90–100%", "count": 2, "mean_confidence": 92.5, "mean_score": 50.0}
    assert calibration([])["brier"] is None


def test_line_spans_are_1_based_and_inside_the_text():
    text = "a = 1\nb = 2\nc = 3"
    assert line_span(text, 2, 2) == Span(6, 11)
    assert line_span(text, 2, 3) == Span(6, 17)
    assert line_span(text, 0, 1) is None
    assert line_span(text, 3, 4) is None
