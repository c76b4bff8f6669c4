"""Challenge endpoints under /api/v1: the same access rules, actions and selectors as the pages.
Attachments are added on the pages (a multipart upload); the API links prompts and a demo URL."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.core.exceptions import ValidationError
from ninja import Query, Router, Schema
from ninja.errors import HttpError

from ripple.challenges import access, actions, selectors
from ripple.challenges.models import Challenge, Submission
from ripple.challenges.schemas import (
    ChallengeIn,
    ChallengeOut,
    ChallengeResultsOut,
    EntryIn,
    EntryOut,
    ScoreOut,
    ScoresIn,
    VoteOut,
)
from ripple.core.api import Id, Page, clamp, errors
from ripple.people.http import AuthedRequest

router = Router(tags=["challenges"])


class ChallengeQuery(Schema):
    limit: int = 50


def _people(ids: list[int], field: str) -> list[Any]:
    people = selectors.people_by_ids(list(dict.fromkeys(ids)))
    if len(people) != len(set(ids)):
        raise ValidationError({field: "Every id must be an active member (check the ids)."})
    return people


@contextmanager
def _api_names() -> Iterator[None]:
    """Errors keyed by the field the client sent (`teammate_ids`, not the pages' `teammates`)."""
    try:
        yield
    except ValidationError as exc:
        if not hasattr(exc, "error_dict"):
            raise
        raise ValidationError({API_NAMES.get(k, k): v for k, v in exc.message_dict.items()}) from exc


API_NAMES = {"teammates": "teammate_ids", "judges": "judge_ids"}


def _challenge(request: AuthedRequest, challenge_id: int) -> Challenge:
    return selectors.challenge_for_api(access.access_challenge(request.user, challenge_id))


def _entry_out(challenge: Challenge, entries: list[Submission]) -> list[Submission]:
    if challenge.voting_closed():
        counts = selectors.vote_counts(challenge)
        for s in entries:
            s.vote_count = counts.get(s.pk, 0)  # type: ignore[attr-defined]
    return entries


@router.get(
    "/challenges", response={200: Page[ChallengeOut], **errors()}, summary="Every challenge, newest first"
)
def challenge_list(request: AuthedRequest, params: Query[ChallengeQuery]) -> dict[str, Any]:
    return {"items": selectors.challenges_for_api(limit=clamp(params.limit)), "next": None}


@router.post(
    "/challenges",
    response={201: ChallengeOut, **errors(403)},
    summary="Start a challenge (facilitators, admins)",
)
def challenge_create(request: AuthedRequest, payload: ChallengeIn) -> tuple[int, Any]:
    access.require_can_create(request.user)
    data = payload.dict()
    with _api_names():
        challenge = actions.challenge_create(
            actor=request.user,
            data=actions.ChallengeInput(
                **{k: data[k] for k in actions.FIELDS},
                criteria=[(c["name"], c["description"]) for c in data["criteria"]],
                judges=_people(data["judge_ids"], "judge_ids"),
            ),
        )
    return 201, selectors.challenge_for_api(challenge)


@router.get(
    "/challenges/{challenge_id}", response={200: ChallengeOut, **errors(404)}, summary="One challenge"
)
def challenge_get(request: AuthedRequest, challenge_id: Id) -> Any:
    return _challenge(request, challenge_id)


@router.get(
    "/challenges/{challenge_id}/submissions",
    response={200: Page[EntryOut], **errors(404)},
    summary="The submitted entries (and your draft); `votes` is null until voting closes",
)
def entries(request: AuthedRequest, challenge_id: Id) -> dict[str, Any]:
    challenge = access.access_challenge(request.user, challenge_id)
    return {"items": _entry_out(challenge, selectors.entries(challenge, request.user)), "next": None}


def _entry_input(payload: EntryIn, challenge: Challenge) -> actions.EntryInput:
    data = payload.dict()
    return actions.EntryInput(
        title=data["title"], description=data["description"], demo_url=data["demo_url"],
        teammates=_people(data["teammate_ids"], "teammate_ids"), prompt_ids=data["prompt_ids"],
        new_prompt_title=data["new_prompt_title"], new_prompt_body=data["new_prompt_body"],
        submit=not data["draft"],
    )  # fmt: skip


@router.post(
    "/challenges/{challenge_id}/submissions",
    response={201: EntryOut, **errors(404)},
    summary="Enter a challenge (while entries are open)",
)
def entry_create(request: AuthedRequest, challenge_id: Id, payload: EntryIn) -> tuple[int, Any]:
    challenge = access.access_challenge(request.user, challenge_id)
    with _api_names():
        saved = actions.submission_save(
            actor=request.user, challenge=challenge, data=_entry_input(payload, challenge)
        )
    return 201, selectors.submission_detail(saved)


@router.get("/submissions/{submission_id}", response={200: EntryOut, **errors(404)}, summary="One entry")
def entry_get(request: AuthedRequest, submission_id: Id) -> Any:
    entry = access.access_submission(request.user, submission_id)
    return _entry_out(entry.challenge, [selectors.submission_detail(entry)])[0]


@router.put(
    "/submissions/{submission_id}",
    response={200: EntryOut, **errors(404)},
    summary="Replace your entry (its entrants, until entries close); send every field",
)
def entry_update(request: AuthedRequest, submission_id: Id, payload: EntryIn) -> Any:
    entry = access.access_submission(request.user, submission_id)
    if not access.is_entrant(request.user, entry):
        raise ValidationError({"submission": "Only the people on an entry can change it."})
    with _api_names():
        saved = actions.submission_save(
            actor=request.user,
            challenge=entry.challenge,
            submission=entry,
            data=_entry_input(payload, entry.challenge),
        )
    return selectors.submission_detail(saved)


def _vote_out(entry: Submission, user: Any) -> dict[str, Any]:
    mine = selectors.my_votes(entry.challenge, user)
    return {
        "submission_id": entry.pk,
        "voted": entry.pk in mine,
        "votes_left": entry.challenge.votes_per_member - len(mine),
    }


@router.post(
    "/submissions/{submission_id}/votes",
    response={201: VoteOut, **errors(404)},
    summary="Vote for an entry (inside the voting window; not your own; one per entry; within your votes)",
)
def vote_cast(request: AuthedRequest, submission_id: Id) -> tuple[int, Any]:
    entry = access.access_submission(request.user, submission_id)
    actions.vote_cast(actor=request.user, submission=entry)
    return 201, _vote_out(entry, request.user)


@router.delete(
    "/submissions/{submission_id}/votes",
    response={200: VoteOut, **errors(404)},
    summary="Take back your vote for an entry (inside the voting window)",
)
def vote_retract(request: AuthedRequest, submission_id: Id) -> Any:
    entry = access.access_submission(request.user, submission_id)
    actions.vote_retract(actor=request.user, submission=entry)
    return _vote_out(entry, request.user)


@router.post(
    "/submissions/{submission_id}/scores",
    response={200: list[ScoreOut], **errors(403, 404)},
    summary="A judge's scores for an entry, 1–5 per criterion (from entries closing to results published)",
)
def scores_set(request: AuthedRequest, submission_id: Id, payload: ScoresIn) -> Any:
    entry = access.access_submission(request.user, submission_id)
    values: dict[int, int] = {}
    for s in payload.scores:
        if s.criterion_id in values:
            raise ValidationError({"scores": f"Criterion {s.criterion_id} is scored twice."})
        values[s.criterion_id] = s.value
    actions.scores_set(actor=request.user, submission=entry, scores=values)
    return [{"criterion_id": c, "value": v} for c, v in selectors.my_scores(entry, request.user).items()]


@router.get(
    "/challenges/{challenge_id}/results",
    response={200: ChallengeResultsOut, **errors(404, 409)},
    summary="People's choice and judges' ranking (after voting closes; 409 before)",
)
def results(request: AuthedRequest, challenge_id: Id) -> Any:
    challenge = access.access_challenge(request.user, challenge_id)
    if not challenge.voting_closed():
        raise HttpError(409, "Results are hidden until voting closes.")
    entries = _entry_out(challenge, selectors.entries(challenge, request.user))
    res = selectors.results(challenge, entries)
    judged = None
    if access.can_see_judging(request.user, challenge) and res.criteria:
        judged = [
            {"rank": r.rank if r.score is not None else None, "tied": r.tied, "entry": r.submission,
             "score": r.score, "judges": r.judges, "by_criterion": r.by_criterion}
            for r in res.judged
        ]  # fmt: skip
    return {
        "votes": res.votes,
        "voters": res.voters,
        "people_choice": [
            {"rank": r.rank, "tied": r.tied, "entry": r.submission, "votes": r.votes} for r in res.people
        ],
        "criteria": res.criteria,
        "judges_ranking": judged,
        "published": challenge.results_published_at is not None,
    }
