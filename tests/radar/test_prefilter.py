"""The detector's prefilter (each term's needles, looked for in the lowercased text before its pattern
runs) changes nothing: every labelled (data/*.jsonl too), unseen and generated message, and the same
in capitals, gets exactly the score and the signals of the full run."""

from __future__ import annotations

import io
import json
import random
import zipfile
from pathlib import Path

from ripple.demo.radar import generate
from ripple.radar import detection
from tests.radar.evaluate import load_jsonl

HERE = Path(__file__).parent


def _texts(name: str) -> list[str]:
    lines = (HERE / name).read_text(encoding="utf-8").splitlines()
    return [line.split("\t", 1)[1] for line in lines if line.strip() and not line.startswith("#")]


def _generated() -> list[str]:
    buffer = io.BytesIO()
    generate(buffer, people=[("Pat Example", "pat@example.com")], rng=random.Random(5), weeks=4)
    out = []
    with zipfile.ZipFile(buffer) as archive:
        for name in archive.namelist():
            data = json.loads(archive.read(name))
            if isinstance(data, list):
                out += [m["text"] for m in data if isinstance(m, dict) and isinstance(m.get("text"), str)]
    return out


def _same(texts: list[str]) -> None:
    differ = [t for t in texts if detection.score(t) != detection.score(t, prefilter=False)]
    assert differ == []


def _labelled_texts() -> list[str]:
    texts = _texts("labelled.txt") + _texts("unseen.txt")
    return texts + [
        text for name in ("blind_v3.jsonl", "fresh_v4.jsonl") for _label, text, _note in load_jsonl(name)
    ]


def test_labelled_and_unseen_score_the_same_with_and_without_the_prefilter() -> None:
    texts = _labelled_texts()
    assert len(texts) > 700
    assert sum(detection.score(t).is_ai for t in texts) > 100  # the filter lets the AI ones through
    _same(texts)
    _same([t.upper() for t in texts] + [t.lower() for t in texts] + [t.title() for t in texts])


def test_generated_messages_score_the_same_with_and_without_the_prefilter() -> None:
    texts = _generated()
    assert len(texts) > 100
    _same(texts)


def test_the_prefilter_rules_out_plain_chat() -> None:
    assert detection._candidates("Lunch at noon? Said, main, email, again, wait") == []
    names = {t.name for t in detection._candidates("The Q3 revenue model is in the shared drive")}
    assert "a model" in names
    assert "AI tool or model named" not in names
    assert names < {t.name for t in detection.TERMS}


def test_non_ascii_text_takes_the_full_path() -> None:
    # 'ſ' (long s) matches 's' case-insensitively, which lowercasing would miss: such text runs every term.
    text = "I asked ChatGPT for a ſummary — it was good"
    assert detection._candidates(text) == detection.TERMS
    assert detection.score(text) == detection.score(text, prefilter=False)


def test_case_insensitive_patterns_run_case_sensitively_on_lowercased_ascii() -> None:
    import re

    assert detection._folds(re.compile(r"\bgpt\b(?!\W)", re.IGNORECASE))
    assert not detection._folds(re.compile(r"[A-Z]pt", re.IGNORECASE))  # an upper-case letter: as written
    assert not detection._folds(re.compile(r"\bRAG\b"))  # case-sensitive already: on the text as written
    lowered = sum(on_low for (_pattern, on_low), _against, _boost in detection._FAST)
    assert lowered >= 0.8 * len(detection.TERMS)  # the fast path is the usual one (the rest name capitals)
    # A window that starts inside a word: sliced like the full path, so \b still matches at its start.
    text = "x" * 57 + "my prompt" + " " * 3 + "prompt"
    assert detection.score(text) == detection.score(text, prefilter=False)
    assert detection.score(text.upper()) == detection.score(text.upper(), prefilter=False)


def _reference_ids(low: str) -> list[int]:
    """The candidate terms as first written: every needle looked for in the whole lowercased text."""
    hits = set(detection._UNGUARDED)
    for needle in detection._NEEDLES:
        if needle in low:
            hits |= detection._BY_NEEDLE[needle]
    if detection._AI_WORD.search(low):
        hits |= detection._BY_AI_WORD
    return sorted(hits)


def test_the_automaton_s_candidates_are_exactly_the_needles_in_the_text() -> None:
    texts = _texts("labelled.txt") + _texts("unseen.txt") + _generated()
    texts += [
        text for name in ("blind_v3.jsonl", "fresh_v4.jsonl") for _label, text, _note in load_jsonl(name)
    ]
    needles = list(detection._NEEDLES)
    tricky = [
        " ".join(needles),
        "\n".join(needles),
        "x".join(needles),
        "le  chat, le\tchat, le\nchat, ale chat, le chatty, (le chat)",
        "large\nlanguage model, large  language, step by\nstep, few  shot",
        "ai. (ai) a.i. ai-generated x-ai aim rai _ai ai_ ai9 9ai",
        "",
        "   ",
    ]
    lows = [t.lower() for t in texts + tricky]
    assert len(lows) > 800
    differ = [low for low in lows if detection._candidate_ids(low) != _reference_ids(low)]
    assert differ == []


def test_the_prompt_line_check_agrees_with_its_pattern() -> None:
    from ripple.radar import slack

    texts = _texts("labelled.txt") + _texts("unseen.txt") + _generated()
    texts += ["Prompt: write it", "  *PROMPT*: x", "the prompt:\nok", "ſystem prompt: x", "my prompt : y"]
    texts += [t.upper() for t in texts]
    assert sum(slack._has_prompt_line(t) for t in texts) >= 5
    assert [t for t in texts if slack._has_prompt_line(t) != bool(slack._PROMPT_PATTERN.search(t))] == []
