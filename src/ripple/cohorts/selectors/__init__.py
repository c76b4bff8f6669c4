"""Every read of the cohorts app: lists, a cohort's page, the board, the report, the outcome figures."""

from ripple.cohorts.selectors.board import Board, board
from ripple.cohorts.selectors.pages import (
    CohortCard,
    CohortPage,
    checkin_by_id,
    checkins,
    cohort_list,
    cohort_page,
    enrolments,
    message_by_id,
    messages,
    partners,
    people_by_ids,
    person_by_id,
)
from ripple.cohorts.selectors.report import report, report_csv

__all__ = [
    "Board",
    "CohortCard",
    "CohortPage",
    "board",
    "checkin_by_id",
    "checkins",
    "cohort_list",
    "cohort_page",
    "enrolments",
    "message_by_id",
    "messages",
    "partners",
    "people_by_ids",
    "person_by_id",
    "report",
    "report_csv",
]
