"""The learning-event and notification kinds the prompt library adds (registered in LibraryConfig.ready)."""

from ripple.core.registry import LearningKind, NotificationKind


class Learned:
    REUSE = LearningKind("reuse", "Reused a prompt")
    FORK = LearningKind("fork", "Forked a prompt")
    SUGGESTION = LearningKind("suggestion", "Suggested edit accepted")


class Notice:
    SUGGESTION = NotificationKind("suggestion", "Suggested edits on my prompts")
    SUGGESTION_RESOLVED = NotificationKind("suggestion_resolved", "My suggestions accepted or declined")
    REUSE = NotificationKind("reuse", "Reuse of my prompts")
    FORK = NotificationKind("fork", "Forks of my prompts")
