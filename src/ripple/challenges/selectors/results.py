"""A challenge's results: the people's choice (votes) and the judges' ranking (mean score), apart.

Judges' ranking (ADR 0016): an entry's score is the mean, over the judges who scored it, of each judge's
mean across the criteria; entries with equal scores (to two decimals) share a rank and say so — no hidden
tie-breaker. A constant number of queries whatever the number of entries, voters or judges."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from statistics import mean
from typing import Any

from django.db.models import Count

from ripple.challenges.models import Challenge, Criterion, Score, Submission, Vote


@dataclass
class PeopleRow:
    submission: Submission
    votes: int
    rank: int = 0
    tied: bool = False


@dataclass
class JudgedRow:
    submission: Submission
    score: float | None
    judges: int
    by_criterion: list[float | None] = field(default_factory=list)
    rank: int = 0
    tied: bool = False


@dataclass
class Results:
    people: list[PeopleRow]
    judged: list[JudgedRow]
    criteria: list[Criterion]
    votes: int
    voters: int
    chart: dict

    @property
    def people_winners(self) -> list[PeopleRow]:
        return [r for r in self.people if r.rank == 1 and r.votes > 0]

    @property
    def judges_winners(self) -> list[JudgedRow]:
        return [r for r in self.judged if r.rank == 1 and r.score is not None]

    def winners(self) -> list[tuple[Submission, str]]:
        """The entries to announce: the people's choice and the judges' pick (one entry may be both)."""
        found: dict[int, tuple[Submission, list[str]]] = {}
        for p in self.people_winners:
            found.setdefault(p.submission.pk, (p.submission, []))[1].append(
                f"people's choice ({p.votes} vote{'s' if p.votes != 1 else ''})"
            )
        for j in self.judges_winners:
            found.setdefault(j.submission.pk, (j.submission, []))[1].append(
                f"judges' pick ({j.score:.2f} of 5)"
            )
        return [(s, " and ".join(why)) for s, why in found.values()]


def _rank(rows: list[Any], key: Callable[[Any], Any]) -> None:
    """Standard competition ranking (1, 2, 2, 4) on `key`; rows sharing a value are marked tied."""
    for index, row in enumerate(rows):
        if index and key(rows[index - 1]) == key(row):
            row.rank = rows[index - 1].rank
            row.tied = rows[index - 1].tied = True
        else:
            row.rank = index + 1


def results(challenge: Challenge, submissions: list[Submission]) -> Results:
    """`submissions`: the challenge's submitted entries (from selectors.entries, already joined)."""
    entries = [s for s in submissions if not s.is_draft]
    counts = dict(
        Vote.objects.filter(challenge=challenge)
        .values("submission_id")
        .annotate(n=Count("id"))
        .values_list("submission_id", "n")
    )
    voters = Vote.objects.filter(challenge=challenge).values("voter_id").distinct().count()
    people = sorted(
        (PeopleRow(s, counts.get(s.pk, 0)) for s in entries), key=lambda r: (-r.votes, r.submission.title)
    )
    _rank(people, lambda r: r.votes)

    criteria = list(challenge.criteria.all())
    per: dict[int, dict[int, list[int]]] = defaultdict(lambda: defaultdict(list))  # entry → judge → values
    per_criterion: dict[tuple[int, int], list[int]] = defaultdict(list)
    for sid, jid, cid, value in Score.objects.filter(submission__challenge=challenge).values_list(
        "submission_id", "judge_id", "criterion_id", "value"
    ):
        per[sid][jid].append(value)
        per_criterion[(sid, cid)].append(value)
    judged = []
    for s in entries:
        judge_means = [mean(values) for values in per[s.pk].values()]
        judged.append(
            JudgedRow(
                s,
                round(mean(judge_means), 2) if judge_means else None,
                len(judge_means),
                [
                    round(mean(per_criterion[(s.pk, c.pk)]), 2) if per_criterion[(s.pk, c.pk)] else None
                    for c in criteria
                ],
            )
        )
    judged.sort(key=lambda r: (r.score is None, -(r.score or 0), r.submission.title))
    scored = [r for r in judged if r.score is not None]
    _rank(scored, lambda r: r.score)
    chart = {
        "labels": [r.submission.title[:40] for r in people],
        "votes": [r.votes for r in people],
    }
    return Results(people, judged, criteria, sum(counts.values()), voters, chart)
