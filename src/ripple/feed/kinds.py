"""The learning-event and notification kinds the sharing space adds (registered in FeedConfig.ready)."""

from ripple.core.registry import LearningKind, NotificationKind


class Learned:
    ANSWER = LearningKind("answer", "Accepted answer")
    KUDOS = LearningKind("kudos", "Kudos")


class Notice:
    MENTION = NotificationKind("mention", "Mentions")
    REPLY = NotificationKind("reply", "Replies to posts I follow")
    ANSWER_ACCEPTED = NotificationKind("answer_accepted", "Accepted answers")
    KUDOS = NotificationKind("kudos", "Kudos")
    TOPIC_POST = NotificationKind("topic_post", "New posts in topics I follow", email_default=False)
