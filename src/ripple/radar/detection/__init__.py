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


def _candidates(text: str) -> list[Term]:
    """The terms that could match `text`. For ASCII text (case-insensitive matching is then plain
    ASCII case folding) each term's needles are looked for in the lowercased text (`in`, no pattern),
    which rules out most terms, often all of them; other text gets the one-pass check."""
    if not text.isascii():
        return TERMS if _ANY.search(text) else []
    low = text.lower()
    hits = set(_UNGUARDED)
    for needle in [n for n in _NEEDLES if n in low]:
        hits |= _BY_NEEDLE[needle]
    if _AI_WORD.search(low):
        hits |= _BY_AI_WORD
    return [TERMS[i] for i in sorted(hits)]


def score(text: str, *, prefilter: bool = True) -> Score:
    """How much `text` is about using AI (0–1) and the names of the signals that fired. `prefilter`
    (on by default) skips the terms that cannot match; off, every term runs (the tests compare both)."""
    if not text:
        return Score(0.0, ())
    terms = _candidates(text) if prefilter else (TERMS if _ANY.search(text) else [])
    if not terms:
        return Score(0.0, ())
    fired: list[tuple[str, float]] = []
    for term in terms:
        weight = _term_weight(term, text)
        if weight:
            fired.append((term.name, weight))
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
