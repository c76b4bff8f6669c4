"""Challenge API shapes: inputs are `core.api.In`, people are the one `PersonRef`, lists `Page`.

Vote counts are `null` on every shape until voting closes (tallies stay hidden)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from django.utils import timezone
from ninja import Schema

from ripple.core.api import Id, In
from ripple.people.schemas import PersonRef


class CriterionIn(In):
    name: str
    description: str = ""


class ChallengeIn(In):
    title: str
    brief: str
    rules: str = ""
    entry_kind: Literal["individual", "team"] = "individual"
    submissions_open_at: datetime
    submissions_close_at: datetime
    voting_open_at: datetime
    voting_close_at: datetime
    votes_per_member: int = 3
    criteria: list[CriterionIn] = []
    judge_ids: list[Id] = []


class CriterionOut(Schema):
    id: int
    name: str
    description: str


class ChallengeOut(Schema):
    id: int
    url: str
    title: str
    brief: str
    brief_html: str
    rules: str
    entry_kind: str
    phase: str
    submissions_open_at: datetime
    submissions_close_at: datetime
    voting_open_at: datetime
    voting_close_at: datetime
    votes_per_member: int
    results_published: bool
    created_by: PersonRef
    criteria: list[CriterionOut]
    judges: list[PersonRef]
    collection_id: int | None

    @staticmethod
    def resolve_url(obj: Any) -> str:
        return str(obj.get_absolute_url())

    @staticmethod
    def resolve_phase(obj: Any) -> str:
        return str(obj.phase(timezone.now()))

    @staticmethod
    def resolve_results_published(obj: Any) -> bool:
        return obj.results_published_at is not None

    @staticmethod
    def resolve_criteria(obj: Any) -> list[Any]:
        return list(obj.criteria.all())

    @staticmethod
    def resolve_judges(obj: Any) -> list[Any]:
        return list(obj.judges.all())


class EntryIn(In):
    title: str
    description: str = ""
    demo_url: str = ""
    teammate_ids: list[Id] = []
    prompt_ids: list[Id] = []
    new_prompt_title: str = ""
    new_prompt_body: str = ""
    draft: bool = False


class EntryPromptOut(Schema):
    id: int
    title: str


class EntryOut(Schema):
    id: int
    url: str
    challenge_id: int
    title: str
    description: str
    demo_url: str
    draft: bool
    submitted_at: datetime | None
    entrants: list[PersonRef]
    prompts: list[EntryPromptOut]
    attachment_name: str | None
    votes: int | None  # null until voting closes

    @staticmethod
    def resolve_url(obj: Any) -> str:
        return str(obj.get_absolute_url())

    @staticmethod
    def resolve_draft(obj: Any) -> bool:
        return bool(obj.is_draft)

    @staticmethod
    def resolve_entrants(obj: Any) -> list[Any]:
        return [e.person for e in obj.entrants.all()]

    @staticmethod
    def resolve_prompts(obj: Any) -> list[Any]:
        return [p for p in obj.prompts.all() if p.deleted_at is None]

    @staticmethod
    def resolve_attachment_name(obj: Any) -> str | None:
        file = getattr(obj, "file", None)
        return file.name if file is not None else None

    @staticmethod
    def resolve_votes(obj: Any) -> int | None:
        return getattr(obj, "vote_count", None)


class VoteOut(Schema):
    submission_id: int
    voted: bool
    votes_left: int


class ScoreIn(In):
    criterion_id: Id
    value: int


class ScoresIn(In):
    scores: list[ScoreIn]


class ScoreOut(Schema):
    criterion_id: int
    value: int


class PeopleChoiceOut(Schema):
    rank: int
    tied: bool
    entry: EntryOut
    votes: int


class JudgedEntryOut(Schema):
    rank: int | None
    tied: bool
    entry: EntryOut
    score: float | None
    judges: int
    by_criterion: list[float | None]


class ChallengeResultsOut(Schema):
    votes: int
    voters: int
    people_choice: list[PeopleChoiceOut]
    criteria: list[CriterionOut]
    judges_ranking: list[JudgedEntryOut] | None  # null until published (organisers see it provisionally)
    published: bool
