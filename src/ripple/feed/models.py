"""The sharing space: posts (win, tip, question, AI fail, demo), replies, reactions, follows,
kudos, reports and the moderation log."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from ripple.core.search import SearchIndex


class PostKind(models.TextChoices):
    WIN = "win", "Win"
    TIP = "tip", "Tip"
    QUESTION = "question", "Question"
    AI_FAIL = "ai_fail", "AI fail"
    DEMO = "demo", "Demo"


# Only questions and AI fails may be posted anonymously: those are the posts people hesitate to write.
ANONYMOUS_KINDS = (PostKind.QUESTION, PostKind.AI_FAIL)
PROMOTABLE_KINDS = (PostKind.TIP, PostKind.WIN)


class PostState(models.TextChoices):
    LIVE = "live", "Live"
    HIDDEN = "hidden", "Hidden by a moderator"
    DELETED = "deleted", "Deleted"


class Topic(models.Model):
    name = models.CharField(max_length=40, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class TopicFollow(models.Model):
    """Someone hears of new posts in a topic (an inbox notification, "New posts in topics I follow")."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="topic_follows")
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="follows")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "topic"], name="feed_topic_follow_once")]

    def __str__(self) -> str:
        return f"{self.user_id} follows #{self.topic_id}"


KIND_LABELS = dict(PostKind.choices)


class Post(models.Model):
    """A shared experience. `author` is always stored; `anonymous` hides it from everyone but the author."""

    kind = models.CharField(max_length=20, choices=PostKind.choices)
    title = models.CharField(max_length=200)
    body = models.TextField(max_length=20000, blank=True)
    body_html = models.TextField(blank=True)
    # Kind-specific prompts of the light templates (a win's tool and minutes; an AI fail's four questions).
    tool = models.CharField(max_length=80, blank=True)
    minutes_saved = models.PositiveIntegerField(default=0)
    fail_asked = models.TextField(max_length=4000, blank=True)
    fail_wrong = models.TextField(max_length=4000, blank=True)
    fail_noticed = models.TextField(max_length=4000, blank=True)
    fail_lesson = models.TextField(max_length=4000, blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="posts")
    anonymous = models.BooleanField(default=False)
    department = models.ForeignKey(
        "people.Department", on_delete=models.SET_NULL, null=True, blank=True, related_name="posts"
    )
    topics = models.ManyToManyField(Topic, blank=True, related_name="posts")
    # A cohort's or community's space (None: the organization's feed); `spaces.access.readable_q` decides.
    space = models.ForeignKey(
        "spaces.Space", on_delete=models.CASCADE, null=True, blank=True, related_name="posts"
    )
    # Library prompts are referenced by id (library and feed talk through actions/selectors only).
    prompt_ids = models.JSONField(default=list, blank=True)
    promoted_prompt_id = models.BigIntegerField(null=True, blank=True)
    accepted_reply = models.ForeignKey(
        "Reply", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    state = models.CharField(max_length=10, choices=PostState.choices, default=PostState.LIVE)
    locked = models.BooleanField(default=False)
    # Denormalised counters, updated in actions, so lists never aggregate across the table.
    reply_count = models.PositiveIntegerField(default=0)
    reaction_count = models.PositiveIntegerField(default=0)
    people_count = models.PositiveIntegerField(default=1)
    hot_score = models.FloatField(default=0.0)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()
    last_activity_at = models.DateTimeField()
    deleted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["state", "-created_at", "-id"], name="feed_post_new"),
            models.Index(fields=["state", "-hot_score", "-id"], name="feed_post_hot"),
            models.Index(fields=["state", "kind", "-created_at", "-id"], name="feed_post_kind"),
            models.Index(fields=["author", "-created_at"], name="feed_post_author"),
            models.Index(fields=["department", "state", "-created_at", "-id"], name="feed_post_dept"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=[k.value for k in PostKind]), name="feed_post_kind_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(anonymous=False) | models.Q(kind__in=[k.value for k in ANONYMOUS_KINDS]),
                name="feed_post_anonymous_kinds",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("feed:post", args=[self.pk])

    def get_kind_display(self) -> str:  # type: ignore[no-redef]
        """A dict lookup: Django's own flattens the choices on every call (a card loop paid ~9 %)."""
        return KIND_LABELS.get(self.kind, self.kind)

    @property
    def is_live(self) -> bool:
        return self.state == PostState.LIVE

    def is_answered(self) -> bool:
        return self.accepted_reply_id is not None


POST_SEARCH = SearchIndex(table="feed_post", columns=(("title", "A"), ("body", "B"), ("fail_lesson", "C")))


class PostRevision(models.Model):
    """The title and body as they were before an edit."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="revisions")
    title = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"revision of {self.post_id}"


class Reply(models.Model):
    """A reply; threaded one level (`parent` is a top-level reply or null)."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="replies")
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="replies")
    body = models.TextField(max_length=10000)
    body_html = models.TextField(blank=True)
    created_at = models.DateTimeField()
    deleted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["post", "created_at", "id"], name="feed_reply_post")]

    def __str__(self) -> str:
        return f"reply {self.pk} on {self.post_id}"


class Emoji(models.TextChoices):
    APPLAUSE = "applause", "👏 Applause"
    TRIED = "tried", "🙋 I tried it too"
    INSIGHT = "insight", "💡 Insightful"
    THANKS = "thanks", "🙏 Thanks"
    LAUGH = "laugh", "😄 Ha"


EMOJI_GLYPHS = {"applause": "👏", "tried": "🙋", "insight": "💡", "thanks": "🙏", "laugh": "😄"}


class Reaction(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reactions")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    emoji = models.CharField(max_length=20, choices=Emoji.choices)
    created_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["post", "user", "emoji"], name="feed_reaction_once"),
            models.CheckConstraint(
                condition=models.Q(emoji__in=[e.value for e in Emoji]), name="feed_reaction_emoji_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.emoji} on {self.post_id}"


class Follow(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="follows")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "post"], name="feed_follow_once")]

    def __str__(self) -> str:
        return f"{self.user_id} follows {self.post_id}"


class Kudos(models.Model):
    """A public shout-out from `giver` to one or more people."""

    giver = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="kudos_given")
    recipients = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="kudos_received")
    message = models.CharField(max_length=1000)
    post = models.ForeignKey(Post, on_delete=models.SET_NULL, null=True, blank=True, related_name="kudos")
    prompt_id = models.BigIntegerField(null=True, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["-created_at", "-id"], name="feed_kudos_new")]

    def __str__(self) -> str:
        return f"kudos {self.pk} from {self.giver_id}"


class Report(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(max_length=500)
    created_at = models.DateTimeField()
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["post", "reporter"],
                condition=models.Q(resolved_at__isnull=True),
                name="feed_report_open_once",
            )
        ]

    def __str__(self) -> str:
        return f"report on {self.post_id}"


class ModerationAction(models.TextChoices):
    HIDE = "hide", "Hid"
    RESTORE = "restore", "Restored"
    LOCK = "lock", "Locked"
    UNLOCK = "unlock", "Unlocked"
    DELETE = "delete", "Deleted"
    REVEAL_AUTHOR = "reveal_author", "Revealed the author of"


class ModerationLog(models.Model):
    """The audit log of moderator actions, including every reveal of an anonymous author."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    action = models.CharField(max_length=20, choices=ModerationAction.choices)
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="moderation_log")
    note = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.action} {self.post_id}"
