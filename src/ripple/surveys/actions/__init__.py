"""Every write of the surveys app: instruments, rounds, answers and the background steps."""

from ripple.surveys.actions.answers import seal_round, submit_answers
from ripple.surveys.actions.instruments import (
    clean_question,
    ensure_builtin_instrument,
    instrument_copy,
    instrument_create,
    instrument_new_version,
    instrument_update,
    question_add,
    question_delete,
    question_move,
    question_update,
)
from ripple.surveys.actions.rounds import announce_round, remind_round, round_create, sweep

__all__ = [
    "announce_round",
    "clean_question",
    "ensure_builtin_instrument",
    "instrument_copy",
    "instrument_create",
    "instrument_new_version",
    "instrument_update",
    "question_add",
    "question_delete",
    "question_move",
    "question_update",
    "remind_round",
    "round_create",
    "seal_round",
    "submit_answers",
    "sweep",
]
