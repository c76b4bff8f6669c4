"""The detector's scanners (radar/detection/scan.py) find exactly what their patterns find: every
pattern of every term, on every labelled, unseen and generated message (lowercased too, as the ASCII
path runs them), gives the same matches; a pattern whose first characters are not certain keeps its
own search."""

from __future__ import annotations

import re

import pytest

from ripple.radar import detection
from ripple.radar.detection.scan import Finder, first_chars
from tests.radar.test_prefilter import _generated, _labelled_texts


def _patterns() -> list[re.Pattern[str]]:
    found = []
    for row in detection._FAST:
        for finder, _low in row:
            if finder is not None:
                found.append(finder.pattern)
    return found


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


def test_most_patterns_get_a_scanner():
    finders = [Finder(p) for p in _patterns()]
    assert sum(f.scanner is not None for f in finders) >= len(finders) // 2


def test_every_scanner_finds_what_its_pattern_finds():
    texts = _labelled_texts() + _generated()
    texts += [t.lower() for t in texts]
    assert len(texts) > 1000
    differ = []
    for pattern in _patterns():
        finder = Finder(pattern)
        if finder.scanner is None:
            continue
        for text in texts:
            spans = [m.span() for m in finder.finditer(text)]
            if spans != _spans(pattern, text) or finder.found(text) != bool(spans):
                differ.append((pattern.pattern[:60], text))
    assert differ == []


@pytest.mark.parametrize(
    ("pattern", "chars"),
    [
        (r"\b(?:chat ?gpt|gpt-4|openai)\b", set("cgo")),
        (r"(?<![\w.])(?:ai|a\.i\.)\b", {"a"}),
        (r"\b(?:the|an?) (?:bot|model)s?", set("ta")),
        (r"x?y", set("xy")),  # an optional first part: what follows can be first too
        (r"[a-c]d", set("abc")),
    ],
)
def test_first_characters_are_every_character_a_match_can_start_with(pattern, chars):
    assert first_chars(re.compile(pattern)) == chars


@pytest.mark.parametrize(
    "pattern",
    [
        r"\w+ing",  # a class: not worked out
        r"(?i:ask) it",  # scoped flags change what a letter matches
        r"x?",  # can match nothing, which a scanner would miss
        r".at",
        r"[^a]b",
        r"\d+x",
    ],
)
def test_a_pattern_whose_first_characters_are_not_certain_keeps_its_own_search(pattern):
    compiled = re.compile(pattern)
    assert first_chars(compiled) is None
    finder = Finder(compiled)
    assert finder.scanner is None
    assert [m.span() for m in finder.finditer("x ask it, basking, aa ab cat")] == _spans(
        compiled, "x ask it, basking, aa ab cat"
    )


def test_matches_that_follow_each_other_are_all_found_as_finditer_finds_them():
    pattern = re.compile(r"\b(?:ab|abc|bc)")
    finder = Finder(pattern)
    assert finder.scanner is not None
    for text in ("abc abc", "ab bc abc", "xabc ab", "abcab bcab", ""):
        assert [m.span() for m in finder.finditer(text)] == _spans(pattern, text)


def test_a_pattern_a_scanner_cannot_hold_keeps_its_own_search():
    pattern = re.compile(r"(a)\1")  # a group reference inside the scanner's look-behind: refused by re
    finder = Finder(pattern)
    assert finder.scanner is None
    assert [m.span() for m in finder.finditer("aa xaa a")] == _spans(pattern, "aa xaa a")
