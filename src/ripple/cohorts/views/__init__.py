"""Cohort pages, one module per topic; everything the URLs name is importable from here."""

from ripple.cohorts.views.cohorts import answer, detail, edit, index, invite, join, leave, new, people
from ripple.cohorts.views.manage import message_edit, message_list, partners, report, report_csv, start
from ripple.cohorts.views.weeks import board, checkin, checkins, nudge, quote

__all__ = [
    "answer",
    "board",
    "checkin",
    "checkins",
    "detail",
    "edit",
    "index",
    "invite",
    "join",
    "leave",
    "message_edit",
    "message_list",
    "new",
    "nudge",
    "partners",
    "people",
    "quote",
    "report",
    "report_csv",
    "start",
]
