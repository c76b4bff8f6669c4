"""The redaction prefilter (each pattern run only when its literal is in the text, cards and phones
only with enough digits) changes nothing: every input of test_sensitive.py, and more, gets exactly the
findings of the full run, in capitals and lower case too."""

from __future__ import annotations

from pathlib import Path

import pytest

from ripple.feed import sensitive
from tests.feed import test_sensitive

RADAR = Path(__file__).parents[1] / "radar"


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list | tuple):
        return [s for v in value for s in _strings(v)]
    return []


def _inputs() -> list[str]:
    """Every string any parametrized test in test_sensitive.py is given."""
    out: list[str] = []
    for name in dir(test_sensitive):
        for mark in getattr(getattr(test_sensitive, name), "pytestmark", []):
            if mark.name == "parametrize":
                out += _strings(list(mark.args[1]))
    return out


EXTRA = [
    "ping maya@example.com or call +1 (415) 555-2671, key sk-live-0123456789abcdefABCDEF",
    "SECRET: abcdefgh12345678 and Bearer abcdefghijklmnopqrstuvwxyz012345",
    "see https://files.slack.com/x?t=xoxe-1234567890abc and xoxe.xoxp-1-abcdefghijkl",
    "rk-abcdefghijklmnop1234 AIza" + "A" * 35 + " rpl_" + "b" * 24 + " ghs_" + "c" * 24,
    "Ünïcode ſecret: hunter2hunter2 and PASSWORD=ſſſſſſſſſ and téléphone +33 1 23 45 67 89",
    "card ４１１１ 1111 1111 1111 and ٤١١١١١١١١١١١١١١١",
    "nothing here at all",
]


def test_the_inputs_are_found() -> None:
    assert len(_inputs()) > 40


@pytest.mark.parametrize("text", [*_inputs(), *EXTRA])
def test_findings_are_the_same_with_and_without_the_prefilter(text: str) -> None:
    for variant in (text, text.upper(), text.lower()):
        assert sensitive.detect(variant) == sensitive.detect(variant, prefilter=False)
        assert sensitive.redact(variant) == sensitive.redact(variant, prefilter=False)


def test_labelled_chat_redacts_the_same() -> None:
    for name in ("labelled.txt", "unseen.txt"):
        for line in (RADAR / name).read_text(encoding="utf-8").splitlines():
            assert sensitive.redact(line) == sensitive.redact(line, prefilter=False)


def test_the_prefilter_skips_what_cannot_match() -> None:
    assert sensitive.detect("Saved 45 minutes with 3 prompts") == []
    assert sensitive.detect("ask sk-" + "a" * 30 + "1") == sensitive.detect(
        "ask sk-" + "a" * 30 + "1", prefilter=False
    )
    assert [f.kind for f in sensitive.detect("call 415-555-2671")] == ["phone"]
