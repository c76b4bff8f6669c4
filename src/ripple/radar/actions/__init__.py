"""Every write of the conversation radar."""

from ripple.radar.actions.harvest import candidate_approve, candidate_decline, candidate_reject
from ripple.radar.actions.identities import identity_link
from ripple.radar.actions.imports import BadDayFile, Outcome, import_export, job_create, job_fail, job_run
from ripple.radar.actions.threads import harvest, record_answers

__all__ = [
    "BadDayFile",
    "Outcome",
    "candidate_approve",
    "candidate_decline",
    "candidate_reject",
    "harvest",
    "identity_link",
    "import_export",
    "job_create",
    "job_fail",
    "job_run",
    "record_answers",
]
