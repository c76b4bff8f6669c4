"""Every write of the cohorts app."""

from ripple.cohorts.actions.checkins import check_week, checkin_quote, checkin_save
from ripple.cohorts.actions.cohorts import cohort_create, cohort_delete, cohort_update, schedule
from ripple.cohorts.actions.enrolment import answer_request, invite, join, leave, promote_waiting
from ripple.cohorts.actions.messages import cohort_start, message_update, nudge, send_due
from ripple.cohorts.actions.partners import pairing_propose, pairing_publish, pairing_swap

__all__ = [
    "answer_request",
    "check_week",
    "checkin_quote",
    "checkin_save",
    "cohort_create",
    "cohort_delete",
    "cohort_start",
    "cohort_update",
    "invite",
    "join",
    "leave",
    "message_update",
    "nudge",
    "pairing_propose",
    "pairing_publish",
    "pairing_swap",
    "promote_waiting",
    "schedule",
    "send_due",
]
