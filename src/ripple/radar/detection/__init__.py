"""Is a message about using AI? A lexicon of tools, models and prompting terms, each with the
contexts that make an ambiguous word mean something else ("prompt payment", a colleague called
Claude, Copilot in a cockpit, GPT partition tables, a real-estate agent, a transformer in a
substation, a financial model). Pure functions, no database: `score(text)` gives a number in 0–1 and
the signals that fired; `thread_score(scores)` the same for a thread. ADR 0015 explains the choices.

Signals combine as a noisy OR (1 − Π(1 − w)), so one strong signal (ChatGPT, "system prompt") is
enough, and two weak ones (a "model" near "output") add up; a negative context cancels the ambiguous
term it surrounds, never the whole message.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import ahocorasick

from ripple.radar.detection.scan import Finder
from ripple.radar.detection.terms_context import CONTEXT
from ripple.radar.detection.terms_named import NAMED
from ripple.radar.detection.vocabulary import MEDIUM, STRONG, THRESHOLD, WEAK, WINDOW, Term

__all__ = [
    "MEDIUM",
    "STRONG",
    "TERMS",
    "THRESHOLD",
    "WEAK",
    "Score",
    "Term",
    "has_code",
    "score",
    "thread_score",
]

TERMS: list[Term] = [*NAMED, *CONTEXT]

_CODE = re.compile(r"```")
# One pass over the text first: a message with none of the terms (most chat) is done at once.
_ANY = re.compile("|".join(f"(?:{t.pattern.pattern})" for t in TERMS), re.IGNORECASE)
# The word "ai" (or "a.i.") in lowercased ASCII text: what the terms marked `ai_word` need.
_AI_WORD = re.compile(r"(?<![a-z0-9_])a\.?i(?![a-z0-9_])")


@dataclass(frozen=True)
class Score:
    score: float
    signals: tuple[str, ...]

    @property
    def is_ai(self) -> bool:
        return self.score >= THRESHOLD


_NOTHING = Score(0.0, ())  # what most chat scores (frozen: shared)


def _window(text: str, start: int, end: int) -> str:
    return text[max(0, start - WINDOW) : end + WINDOW]


def _term_weight(term: Term, text: str) -> float:
    """The strongest weight of any occurrence of `term` in `text` (0 when every one is negated)."""
    best = 0.0
    for m in term.pattern.finditer(text):
        near = _window(text, m.start(), m.end())
        if term.against is not None and term.against.search(near):
            continue
        weight = term.weight
        if term.boost is not None and term.boost.search(near):
            weight = max(weight, term.boosted)
        best = max(best, weight)
        if best >= STRONG:
            break
    return best


# Needle → the terms it lets through; the terms that also take the word "ai"; those with no needles.
_BY_NEEDLE: dict[str, set[int]] = {}
for _i, _t in enumerate(TERMS):
    for _n in _t.needles:
        _BY_NEEDLE.setdefault(_n, set()).add(_i)
_NEEDLES = tuple(_BY_NEEDLE)
_BY_AI_WORD = {i for i, t in enumerate(TERMS) if t.ai_word}
_UNGUARDED = {i for i, t in enumerate(TERMS) if not t.needles and not t.ai_word}


def _folds(pattern: re.Pattern[str]) -> bool:
    """Whether a case-insensitive `pattern` matches lowercased ASCII text exactly where it matches the
    text as written when compiled case-sensitively: true when every letter it names is lowercase
    (escapes such as \\b, \\W aside) and no part of it turns case-insensitivity off. Case-sensitive
    matching is several times faster in `re`."""
    if not pattern.flags & re.IGNORECASE or "(?-i" in pattern.pattern:
        return False
    return not re.search(r"[A-Z]", re.sub(r"\\.", "", pattern.pattern))


def _fast(pattern: re.Pattern[str] | None) -> tuple[re.Pattern[str] | None, bool]:
    """`pattern` for the ASCII path and whether it runs on the lowercased text (else on the text)."""
    if pattern is None or not _folds(pattern):
        return pattern, False
    return re.compile(pattern.pattern, pattern.flags & ~re.IGNORECASE), True


def _finder(fast: tuple[re.Pattern[str] | None, bool]) -> tuple[Finder | None, bool]:
    pattern, on_lowercase = fast
    return (Finder(pattern) if pattern is not None else None), on_lowercase


# Per term, for ASCII text: (its finder, on lowercase?) for its pattern, against and boost.
_FAST = [(_finder(_fast(t.pattern)), _finder(_fast(t.against)), _finder(_fast(t.boost))) for t in TERMS]


# Which terms could match: every needle in the lowercased text, found in one pass by an Aho-Corasick
# automaton (in C) whatever the number of needles; each needle's value is the terms it lets through.
# The word "ai" is looked for (its look-arounds see only letters, digits and "_") only where the
# automaton saw "ai" or "a.i" in the text.
_AUTOMATON = ahocorasick.Automaton()
_AI_HINT = frozenset({-1})
for _needle, _ids in _BY_NEEDLE.items():
    _AUTOMATON.add_word(_needle, frozenset(_ids))
for _hint in ("ai", "a.i"):
    assert _hint not in _BY_NEEDLE  # noqa: S101 - a needle's own terms would be lost
    _AUTOMATON.add_word(_hint, _AI_HINT)
_AUTOMATON.make_automaton()


def _candidate_ids(low: str) -> list[int]:
    """The terms that could match `low` (lowercased ASCII): exactly those with a needle in it, and
    those taking the word "ai" when it is there (tests/radar/test_prefilter.py compares)."""
    hits = set(_UNGUARDED)
    ai = False
    for _end, ids in _AUTOMATON.iter(low):
        if ids is _AI_HINT:
            ai = True
        else:
            hits |= ids
    if ai and _AI_WORD.search(low):
        hits |= _BY_AI_WORD
    return sorted(hits)


def _candidates(text: str) -> list[Term]:
    """The terms that could match `text`. For ASCII text (case-insensitive matching is then plain
    ASCII case folding) each term's needles are looked for in the lowercased text (no pattern runs),
    which rules out most terms, often all of them; other text gets the one-pass check."""
    if not text.isascii():
        return TERMS if _ANY.search(text) else []
    return [TERMS[i] for i in _candidate_ids(text.lower())]


def _fast_weight(i: int, text: str, low: str) -> float:
    """`_term_weight` for ASCII text: the same matches, with the case-insensitive patterns run
    case-sensitively on the lowercased text (same positions: ASCII lowercasing keeps the length)."""
    term = TERMS[i]
    (pattern, p_low), (against, a_low), (boost, b_low) = _FAST[i]
    assert pattern is not None  # noqa: S101 - every term has one
    if against is None and boost is None:  # every occurrence weighs the same: one is enough
        return term.weight if pattern.found(low if p_low else text) else 0.0
    best = 0.0
    for m in pattern.finditer(low if p_low else text):
        start, end = max(0, m.start() - WINDOW), m.end() + WINDOW  # a slice, as _window: not pos/endpos
        if against is not None and against.found((low if a_low else text)[start:end]):
            continue
        weight = term.weight
        if boost is not None and boost.found((low if b_low else text)[start:end]):
            weight = max(weight, term.boosted)
        best = max(best, weight)
        if best >= STRONG:
            break
    return best


def score(text: str, *, prefilter: bool = True) -> Score:
    """How much `text` is about using AI (0–1) and the names of the signals that fired. `prefilter`
    (on by default) skips the terms that cannot match and, for ASCII text, runs the patterns on the
    lowercased text; off, every term runs as written (the tests compare both)."""
    if not text:
        return _NOTHING
    fired: list[tuple[str, float]] = []
    if prefilter and text.isascii():
        low = text.lower()
        for i in _candidate_ids(low):
            weight = _fast_weight(i, text, low)
            if weight:
                fired.append((TERMS[i].name, weight))
    else:
        terms = _candidates(text) if prefilter else (TERMS if _ANY.search(text) else [])
        for term in terms:
            weight = _term_weight(term, text)
            if weight:
                fired.append((term.name, weight))
    if not fired:
        return _NOTHING
    miss = 1.0
    for _name, weight in fired:
        miss *= 1 - weight
    value = round(1 - miss, 3)
    names = tuple(name for name, _w in sorted(fired, key=lambda item: -item[1]))
    return Score(value, names)


def has_code(text: str) -> bool:
    return bool(_CODE.search(text or ""))


def thread_score(root: float, replies: Sequence[float] | Iterable[float]) -> float:
    """A thread is about AI when its question is, or when two of its answers are (or one is and the
    question leans that way): the root counts fully, answers by the mean of the best two."""
    best = sorted(replies, reverse=True)[:2]
    if not best:
        return root
    answers = sum(best) / 2 if len(best) == 2 else best[0] * (0.5 + root)
    return round(max(root, min(answers, 1.0)), 3)
