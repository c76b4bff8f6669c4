"""Faster searches for the detector's patterns, with the same matches. Python's `re` scans a pattern
that starts with a word boundary or an alternation by trying it at every position of the text; a
pattern that starts by consuming one character of a set is scanned in C, skipping at once every
position whose character is not in the set. So each pattern whose possible first characters can be
worked out exactly gets a scanner: `[first chars](?<=(?=pattern)[\\s\\S])`, which matches one
character where (and only where) the pattern itself matches. `search` tells whether and where a match
starts; `finditer` then takes each match from the pattern itself (anchored there), as `re.finditer`
would. Patterns whose first characters are not certain (classes such as `\\w`, scoped flags, a
pattern that can match nothing) keep their own search. tests/radar/test_scan.py compares both.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]
from typing import Any

# A scanner pays when a pattern can start with a few characters (measured on the generated export:
# a third faster); a pattern that starts with one letter is as fast scanned as written, and with more
# than MAX_FIRST characters too few positions are skipped.
MIN_FIRST, MAX_FIRST = 2, 60


class Unknown(Exception):
    """A construct whose first characters are not worked out here."""


def _class_chars(items: list[tuple[Any, Any]]) -> set[str]:
    chars: set[str] = set()
    for op, value in items:
        if op is sre.LITERAL:
            chars.add(chr(value))
        elif op is sre.RANGE and value[1] - value[0] < 256:
            chars.update(chr(c) for c in range(value[0], value[1] + 1))
        else:  # NEGATE, CATEGORY (\w, \s…), a huge range
            raise Unknown
    return chars


def _firsts(sequence: Any) -> tuple[set[str], bool]:
    """The characters a match of `sequence` can start with, and whether it can match nothing."""
    out: set[str] = set()
    for op, value in sequence:
        if op is sre.LITERAL:
            out.add(chr(value))
            return out, False
        if op is sre.IN:
            return out | _class_chars(value), False
        if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
            continue  # takes no character: what follows is first
        if op is sre.BRANCH:
            empty = False
            for alternative in value[1]:
                chars, can_be_empty = _firsts(alternative)
                out |= chars
                empty = empty or can_be_empty
            if not empty:
                return out, False
            continue
        if op is sre.SUBPATTERN:
            _group, add_flags, del_flags, inner = value
            if add_flags or del_flags:
                raise Unknown  # (?i:…) and the like change what a character matches
            chars, empty = _firsts(inner)
            out |= chars
            if not empty:
                return out, False
            continue
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
            low, _high, inner = value
            chars, empty = _firsts(inner)
            out |= chars
            if low > 0 and not empty:
                return out, False
            continue
        raise Unknown  # ANY, NOT_LITERAL, CATEGORY, group references, possessive repeats…
    return out, True


def first_chars(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Every character a match of `pattern` can start with, or None when that is not certain (or the
    pattern can match the empty string, which a scanner would miss)."""
    try:
        chars, empty = _firsts(_parser.parse(pattern.pattern, pattern.flags))
    except (Unknown, RecursionError, re.error):
        return None
    if empty or not chars:
        return None
    return frozenset(chars)


class Finder:
    """`pattern`'s `search` and `finditer`, through a scanner when one can be made."""

    __slots__ = ("pattern", "scanner")

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.scanner: re.Pattern[str] | None = None
        chars = first_chars(pattern)
        if chars is not None and MIN_FIRST <= len(chars) <= MAX_FIRST:
            head = "[" + "".join(re.escape(c) for c in sorted(chars)) + "]"
            try:
                self.scanner = re.compile(f"{head}(?<=(?=(?:{pattern.pattern}))[\\s\\S])", pattern.flags)
            except re.error:  # e.g. a group reference, which a look-behind may not hold
                self.scanner = None

    def found(self, text: str) -> bool:
        scanner = self.scanner or self.pattern
        return scanner.search(text) is not None

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """The matches `pattern.finditer(text)` gives (none of them empty: see first_chars)."""
        scanner = self.scanner
        if scanner is None:
            yield from self.pattern.finditer(text)
            return
        anchored = self.pattern.match
        position = 0
        while (hit := scanner.search(text, position)) is not None:
            match = anchored(text, hit.start())
            if match is None:  # cannot happen: the scanner asserted the pattern matches there
                position = hit.start() + 1
                continue
            yield match
            position = match.end()
