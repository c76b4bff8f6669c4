"""The detector on the two sets written after ADR 0017's figures (tests/radar/data/*.jsonl).

NO LONGER BLIND. `blind_v3.jsonl` was written blind (before its author read the detector or the other
labelled sets) and scored once as it was: precision 0.923, recall 0.844 (9 false positives, 20 misses).
Its misses then guided a round of general rules, so it is tuning data now. `fresh_v4.jsonl` was written
after that round and scored once (precision 0.973, recall 0.667) before a second round; it is tuning
data too. These tests keep both above the goals (precision >= 0.9, recall >= 0.8); the next blind
figure needs a freshly written set. `python -m tests.radar.evaluate` prints the figures and the misses."""

from __future__ import annotations

import pytest

from ripple.radar import detection
from tests.radar.evaluate import evaluate, load_jsonl

SETS = {name: load_jsonl(name) for name in ("blind_v3.jsonl", "fresh_v4.jsonl")}


@pytest.mark.parametrize("name", SETS)
def test_the_set_is_big_and_mixed(name):
    rows = SETS[name]
    assert len(rows) >= (250 if name == "blind_v3.jsonl" else 100)
    assert 0.3 < sum(label for label, _t, _n in rows) / len(rows) < 0.5
    assert len({text for _l, text, _n in rows}) == len(rows)


@pytest.mark.parametrize("name", SETS)
def test_goals_after_tuning_not_blind(name):
    precision, recall, wrong = evaluate(SETS[name])
    assert precision >= 0.9, wrong
    assert recall >= 0.8, wrong


@pytest.mark.parametrize(
    "text",
    [
        "what prompted the switch to annual invoicing?",
        "prompted by the audit, we're moving receipts to the new tool",
        "the survey prompt for this quarter is 'what slows you down?'",
        "patient hallucinations after the dose change were reported to the clinic",
        "we're hiring a machine learning engineer for the fraud team",
        "tickets for the AI summit are booked, hotel is next to the venue",
        "as the bard said, all the world's a stage",
        "ask Claude, he signed the lease",
        "my copilot on the van route knows every shortcut, ask him",
        "the mouse cursor vanishes when I hover over the chart",
        "the assistant forgot to book the room",
        "ask IT to reset your password",
        "the summary tool in jira keeps crashing",
    ],
)
def test_traps_of_the_new_rules(text):
    assert not detection.score(text).is_ai, detection.score(text)


@pytest.mark.parametrize(
    "text",
    [
        "the chatbot keeps saying we ship to canada, we don't",
        'told it "no emojis" and it still added three',
        "ask it to cite the page for every claim",
        "the summary it gave me skipped the only risk that mattered",
        "gave claude the whole thread and it wrote a decent summary",
        "gemini's answer was from last year's pricing page",
        "the LLM-generated release notes need a human pass",
        "we rerank the retrieved chunks before the answer step",
        "prompting workshop on thursday, bring your worst examples",
        "the model keeps confidently quoting a policy we retired",
    ],
)
def test_general_rules_find_ai_talk(text):
    assert detection.score(text).is_ai, detection.score(text)
