"""The learning-event and notification kinds the conversation radar adds (registered in RadarConfig.ready)."""

from ripple.core.registry import LearningKind, NotificationKind


class Learned:
    # The person who started an AI thread in Slack learned from each person who answered in it.
    SLACK_ANSWER = LearningKind("slack_answer", "Answered in a Slack AI thread")


class Notice:
    HARVESTED = NotificationKind("radar_harvested", "Your chat messages credited in the library or feed")
    IMPORTED = NotificationKind("radar_imported", "Slack imports finished", email_default=False)
