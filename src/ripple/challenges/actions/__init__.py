"""Every write in challenges (keyword-only, atomic, permission checked)."""

from ripple.challenges.actions.challenges import (
    FIELDS,
    ChallengeInput,
    challenge_create,
    reminders_send_due,
    results_publish,
    winners_announce,
)
from ripple.challenges.actions.entries import ATTACHMENT_MAX, EntryInput, Upload, submission_save
from ripple.challenges.actions.voting import scores_set, vote_cast, vote_retract

__all__ = [
    "FIELDS",
    "ATTACHMENT_MAX",
    "ChallengeInput",
    "EntryInput",
    "Upload",
    "challenge_create",
    "reminders_send_due",
    "results_publish",
    "scores_set",
    "submission_save",
    "vote_cast",
    "vote_retract",
    "winners_announce",
]
