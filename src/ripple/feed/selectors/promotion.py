"""What "Promote to library" proposes, for the promoter to review and edit before the prompt exists."""

from __future__ import annotations

from typing import Any

from ripple.feed.models import Post, PostKind, Reply


def promotion_draft(post: Post) -> dict[str, Any]:
    """What the prompt form starts from: the post's title and text (or the accepted answer's), the
    question as its purpose, its topics as tags. One query for an accepted answer, none otherwise."""
    text = post.body
    if post.kind == PostKind.WIN and post.tool:
        text = f"{text}\n\n(Tool: {post.tool})"
    if post.kind == PostKind.QUESTION and post.accepted_reply_id:
        text = Reply.objects.only("body").get(pk=post.accepted_reply_id).body
    return {
        "title": post.title[:200],
        "body": text,
        "purpose": post.title if post.kind == PostKind.QUESTION else "",
        "check_output": "",
        "tags": ", ".join(getattr(post, "topic_names", None) or post.topics.values_list("name", flat=True)),
    }
