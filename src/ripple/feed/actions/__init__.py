"""Every write in the sharing space. Keyword-only, atomic, permission-checked; side effects on commit.

One module per topic; everything is importable from `ripple.feed.actions`.
"""

from ripple.feed.actions.content import (
    BODY_MAX,
    KUDOS_MAX,
    REPLY_MAX,
    TITLE_MAX,
    TOPICS_MAX,
    clean_topics,
    compose_markdown,
    handle_of,
    mentioned_people,
    render_with_mentions,
)
from ripple.feed.actions.conversation import (
    answer_accept,
    post_follow,
    reaction_set,
    reaction_toggle,
    reply_create,
)
from ripple.feed.actions.kudos import kudos_give
from ripple.feed.actions.moderation import author_reveal, post_moderate, post_report
from ripple.feed.actions.posts import post_create, post_delete, post_update
from ripple.feed.actions.promote import post_promote, promotable, promotion_refusal
from ripple.feed.actions.topics import topic_follow

__all__ = [
    "topic_follow",
    "clean_topics",
    "compose_markdown",
    "mentioned_people",
    "render_with_mentions",
    "handle_of",
    "TITLE_MAX",
    "BODY_MAX",
    "REPLY_MAX",
    "KUDOS_MAX",
    "TOPICS_MAX",
    "post_create",
    "post_update",
    "post_delete",
    "post_moderate",
    "author_reveal",
    "post_report",
    "reply_create",
    "reaction_set",
    "reaction_toggle",
    "post_follow",
    "answer_accept",
    "kudos_give",
    "promotable",
    "post_promote",
    "promotion_refusal",
]
