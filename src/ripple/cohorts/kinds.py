"""The learning-event and notification kinds cohorts add (registered in CohortsConfig.ready)."""

from ripple.core.registry import LearningKind, NotificationKind


class Learned:
    # A check-in credited a person ("learned from …"): only then is a check-in a learning event.
    CHECKIN = LearningKind("cohort_checkin", "Learned from someone (cohort check-in)")


class Notice:
    ENROLMENT = NotificationKind("cohort_enrolment", "Cohort invitations, requests and places")
    REMINDER = NotificationKind("cohort_reminder", "Cohort check-in reminders")
    PARTNER = NotificationKind("cohort_partner", "Your cohort partner")
    NUDGE = NotificationKind("cohort_nudge", "Nudges from your cohort facilitator")
    SURVEY = NotificationKind("cohort_survey", "Cohort before/after surveys")
