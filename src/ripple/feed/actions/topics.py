"""Following topics: hearing of new posts tagged with them."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from ripple.feed.actions.content import _notify, _who
from ripple.feed.kinds import Notice
from ripple.feed.models import Post, Topic, TopicFollow
from ripple.people.models import User


@transaction.atomic
def topic_follow(*, actor: User, topic_name: str, on: bool = True) -> Topic:
    """Follow (or stop following) a topic that exists; following twice is one follow."""
    topic = Topic.objects.filter(name=topic_name.strip().lower()[:40]).first()
    if topic is None:
        raise ValidationError({"topic": "There is no such topic yet."})
    if on:
        TopicFollow.objects.get_or_create(user=actor, topic=topic)
    else:
        TopicFollow.objects.filter(user=actor, topic=topic).delete()
    return topic


def notify_topic_followers(*, post: Post, actor: User, exclude: set[int]) -> None:
    """Tell the followers of the post's topics (but the author and those already told) about it."""
    topics = list(post.topics.values_list("name", flat=True))
    if not topics:
        return
    followers = (
        User.objects.filter(topic_follows__topic__posts=post, is_active=True)
        .exclude(pk__in=exclude | {actor.pk})
        .distinct()
    )
    name, shown_actor = _who(post, actor)
    for person in followers:
        _notify(
            recipient=person,
            kind=Notice.TOPIC_POST,
            text=f"{name} posted in #{', #'.join(topics[:3])}: “{post.title}”",
            url=post.get_absolute_url(),
            actor=shown_actor,
            space=post.space_id,
        )
