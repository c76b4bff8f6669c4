"""The learning-event and notification kinds show-and-tell adds (registered in ShowcaseConfig.ready)."""

from ripple.core.registry import LearningKind, NotificationKind


class Learned:
    # The attendee learned from the presenter: one event per demo (or AI fail) seen at a session.
    DEMO = LearningKind("demo", "Attended a demo")


class Notice:
    INVITED = NotificationKind("show_invited", "Invitations to present at show & tell")
    REMINDER = NotificationKind("show_reminder", "Show & tell reminders")
    PROMOTED = NotificationKind("show_promoted", "Moved up from a show & tell waiting list")
    CHANGED = NotificationKind("show_changed", "Show & tell sessions moved or cancelled")
    HOST = NotificationKind("show_host", "Show & tell host alerts (sign-ups, empty slots, answers)")
