"""Answering a round, changing answers until it closes, and sealing it afterwards (ADR 0011).

What links a person to their answers: nothing stored in the clear. `Participant.answered` says that
they answered; the `AnswerSet` holds what, found again by its owner through `keys.respondent_key`
(an HMAC), which `seal_round` erases after close while it rewrites the round's answers in a fresh,
random order."""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from ripple.people.models import User
from ripple.surveys import keys
from ripple.surveys.models import Answer, AnswerSet, Kind, PairRole, Participant, Question, Round

MAX_TEXT = 2000


def _clean_value(question: Question, value: Any) -> Answer | None:
    """One answer, validated; None when left empty. Raises ValueError with a message for the person."""
    if value is None or value == "" or value == []:
        if question.required:
            raise ValueError("This question needs an answer.")
        return None
    if question.kind == Kind.LIKERT:
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= question.scale:
            raise ValueError(f"Choose a whole number from 1 to {question.scale}.")
        return Answer(question=question, number=value)
    if question.kind == Kind.SINGLE:
        if not isinstance(value, str) or value not in question.choices:
            raise ValueError("Choose one of the listed options.")
        return Answer(question=question, choices=[value])
    if question.kind == Kind.MULTI:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ValueError("Give a list of the listed options.")
        if len(set(value)) != len(value) or any(v not in question.choices for v in value):
            raise ValueError("Choose only listed options, each once.")
        return Answer(question=question, choices=[c for c in question.choices if c in value])
    if not isinstance(value, str):
        raise ValueError("Write the answer as text.")
    text = value.strip()
    if len(text) > MAX_TEXT:
        raise ValueError(f"Keep the answer under {MAX_TEXT} characters.")
    if not text:
        if question.required:
            raise ValueError("This question needs an answer.")
        return None
    return Answer(question=question, text=text)


def clean_answers(questions: list[Question], answers: object) -> list[Answer]:
    """Every answer checked against its question; all problems at once, keyed by question id."""
    if not isinstance(answers, dict):
        raise ValidationError({"answers": "Send the answers as an object of question id → value."})
    by_id = {str(q.pk): q for q in questions}
    errors: dict[str, str] = {}
    unknown = [str(k) for k in answers if str(k) not in by_id]
    if unknown:
        errors["answers"] = f"Not questions of this survey: {', '.join(sorted(unknown)[:10])}."
    rows = []
    for qid, question in by_id.items():
        try:
            row = _clean_value(question, answers.get(qid, answers.get(int(qid))))
        except ValueError as exc:
            errors[qid] = str(exc)
            continue
        if row is not None:
            rows.append(row)
    if errors:
        raise ValidationError(errors)
    return rows


@transaction.atomic
def submit_answers(
    *, actor: User, round_: Round, answers: object, replace: bool = False, now: datetime | None = None
) -> None:
    """Record `actor`'s answers to a round sent to them, or (`replace`) change them while it is open."""
    now = now or timezone.now()
    participant = Participant.objects.select_for_update().filter(round=round_, user=actor).first()
    if participant is None:
        raise PermissionDenied("This survey was not sent to you.")
    status = round_.status(now)
    if status == "scheduled":
        raise ValidationError({"round": "This survey is not open yet."})
    if status == "closed":
        raise ValidationError({"round": "This survey has closed; answers can no longer be given or changed."})
    if participant.answered and not replace:
        raise ValidationError(
            {"round": "You have already answered this survey. You can change your answers until it closes."}
        )
    if replace and not participant.answered:
        raise ValidationError({"round": "You have not answered this survey yet."})
    questions = list(Question.objects.filter(instrument_id=round_.instrument_id))
    rows = clean_answers(questions, answers)
    key = keys.respondent_key(round_id=round_.pk, user_id=actor.pk)
    if replace:
        answer_set = AnswerSet.objects.select_for_update().filter(round=round_, respondent_key=key).first()
        if answer_set is None:
            raise ValidationError({"round": "Your earlier answers can no longer be changed."})
        answer_set.answers.all().delete()
        answer_set.department_id = actor.department_id
        answer_set.team_id = actor.team_id
        answer_set.save(update_fields=["department", "team"])
    else:
        pair_id = round_.pk if round_.pair_role == PairRole.BEFORE else round_.paired_with_id
        answer_set = AnswerSet.objects.create(
            round=round_,
            department_id=actor.department_id,
            team_id=actor.team_id,
            respondent_key=key,
            pair_key=keys.pair_key(pair_id=pair_id, user_id=actor.pk)
            if round_.pair_role and pair_id
            else None,
        )
        participant.answered = True
        participant.save(update_fields=["answered"])
    for row in rows:
        row.answer_set = answer_set
    Answer.objects.bulk_create(rows)


@transaction.atomic
def seal_round(*, round_id: int, now: datetime | None = None) -> bool:
    """After close: erase the respondent keys and rewrite the round's answers with new random ids in a
    shuffled order (fresh rows, one transaction), so neither keys, row order nor row versions keep any
    trace of who answered when. Idempotent."""
    now = now or timezone.now()
    round_ = Round.objects.select_for_update().filter(pk=round_id).first()
    if round_ is None or round_.sealed_at is not None or round_.status(now) != "closed":
        return False
    sets = list(AnswerSet.objects.filter(round=round_))
    answers: dict[int, list[Answer]] = {}
    for a in Answer.objects.filter(answer_set__round=round_):
        answers.setdefault(a.answer_set_id, []).append(a)
    secrets.SystemRandom().shuffle(sets)
    AnswerSet.objects.filter(round=round_).delete()
    new_sets, new_answers = [], []
    for old in sets:
        fresh = AnswerSet(
            round=round_, department_id=old.department_id, team_id=old.team_id, respondent_key=None,
            pair_key=old.pair_key if round_.pair_role else None,
        )  # fmt: skip
        new_sets.append(fresh)
        for a in answers.get(old.pk, []):
            new_answers.append(
                Answer(
                    answer_set=fresh,
                    question_id=a.question_id,
                    number=a.number,
                    choices=a.choices,
                    text=a.text,
                )
            )
    AnswerSet.objects.bulk_create(new_sets)
    secrets.SystemRandom().shuffle(new_answers)
    Answer.objects.bulk_create(new_answers, batch_size=500)
    Participant.objects.filter(round=round_).update(answered=F("answered"))
    round_.sealed_at = now
    round_.save(update_fields=["sealed_at"])
    return True
