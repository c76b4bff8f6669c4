"""Proposing accountability partners (pure: no database). ADR 0021.

People come as `(id, department_id)`. A grouping is a list of groups: pairs, and one trio when the count
is odd. Its score counts, over every two people who share a group, +1 when their departments differ
(two people without a department count as the same) and −REPEAT when they were partners before (in any earlier
cohort); a repeat costs more than any cross-department pair gains, so repeats are avoided first.

The search is deterministic for a seed: the people are sorted by id and shuffled with
`random.Random(seed)`, grouped in that order, then improved by swapping two people of different groups
while a swap raises the score (first improvement, scanned in a fixed order) — a local optimum, which on
the small groups of a cohort is almost always the best grouping.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from itertools import combinations

REPEAT = 100
MAX_PASSES = 50

Person = tuple[int, int | None]
Pairs = set[frozenset[int]]


def _pair_score(a: Person, b: Person, earlier: Pairs) -> int:
    score = 0
    if a[1] != b[1]:
        score += 1
    if frozenset((a[0], b[0])) in earlier:
        score -= REPEAT
    return score


def group_score(group: Sequence[Person], earlier: Pairs) -> int:
    return sum(_pair_score(a, b, earlier) for a, b in combinations(group, 2))


def score(groups: Iterable[Sequence[Person]], earlier: Pairs) -> int:
    return sum(group_score(g, earlier) for g in groups)


def _initial(people: list[Person]) -> list[list[Person]]:
    groups = [people[i : i + 2] for i in range(0, len(people) - len(people) % 2, 2)]
    if len(people) % 2:
        if groups:
            groups[-1] = [*groups[-1], people[-1]]
        else:
            groups = [[people[-1]]]
    return groups


def propose(
    people: Iterable[Person], *, earlier: Iterable[Iterable[int]] = (), seed: int = 0
) -> list[list[int]]:
    """Groups of ids (pairs, one trio when odd) for `people`, avoiding `earlier` pairs (any iterable of
    two or more ids who were partners: every two of them count) and maximising cross-department pairs."""
    earlier_pairs: Pairs = set()
    for group in earlier:
        for one, two in combinations(sorted(set(group)), 2):
            earlier_pairs.add(frozenset((one, two)))
    ordered = sorted({p[0]: p for p in people}.values())
    if len(ordered) < 2:
        return [[p[0] for p in ordered]] if ordered else []
    random.Random(seed).shuffle(ordered)  # noqa: S311 - a reproducible proposal, not a secret
    groups = _initial(ordered)
    for _ in range(MAX_PASSES):
        improved = False
        for gi, gj in combinations(range(len(groups)), 2):
            for x in range(len(groups[gi])):
                for y in range(len(groups[gj])):
                    a, b = groups[gi], groups[gj]
                    before = group_score(a, earlier_pairs) + group_score(b, earlier_pairs)
                    a2 = [*a[:x], b[y], *a[x + 1 :]]
                    b2 = [*b[:y], a[x], *b[y + 1 :]]
                    if group_score(a2, earlier_pairs) + group_score(b2, earlier_pairs) > before:
                        groups[gi], groups[gj] = a2, b2
                        improved = True
        if not improved:
            break
    return [sorted(p[0] for p in g) for g in groups]
