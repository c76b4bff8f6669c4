"""The conversation radar's tables: imports of Slack exports, chat identities, channels, messages
(with their AI score), and the harvest queue. Message texts are only ever shown to admins (access.py)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone


class ImportStatus(models.TextChoices):
    QUEUED = "queued", "Waiting for a worker"
    RUNNING = "running", "Importing"
    DONE = "done", "Imported"
    FAILED = "failed", "Nothing imported"


class SlackImport(models.Model):
    """One import of a Slack export: from the upload page or API (the zip's bytes wait here for the
    worker, dropped once finished) or from `ripple import-slack` (no bytes kept). Progress is the day
    files checked; the writing is one transaction with the outcome, so a crash leaves nothing."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    name = models.CharField(max_length=200)
    data = models.BinaryField(default=b"")
    size = models.PositiveBigIntegerField(default=0)
    skip_bad_files = models.BooleanField(default=False)
    include_bots = models.BooleanField(default=False)
    include_private = models.JSONField(default=list, blank=True)
    status = models.CharField(max_length=10, choices=ImportStatus.choices, default=ImportStatus.QUEUED)
    phase = models.CharField(max_length=20, default="", blank=True)  # "checking" | "writing"
    files_total = models.PositiveIntegerField(default=0)
    files_done = models.PositiveIntegerField(default=0)
    messages_added = models.PositiveIntegerField(default=0)
    result = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["-created_at"], name="radar_import_created")]

    def __str__(self) -> str:
        return f"{self.name} ({self.status})"

    @property
    def finished(self) -> bool:
        return self.status in (ImportStatus.DONE, ImportStatus.FAILED)

    @property
    def percent(self) -> int:
        if self.status == ImportStatus.DONE:
            return 100
        if not self.files_total:
            return 0
        checked = 90 * self.files_done // self.files_total  # the write is the last tenth
        return min(checked, 90)


class ChatIdentity(models.Model):
    """A person as Slack knows them; `user` is the Ripple person (matched by email, or linked by an
    admin later: the link is applied retroactively to the learning events)."""

    slack_id = models.CharField(max_length=40, unique=True)
    name = models.CharField(max_length=200)
    email = models.CharField(max_length=254, blank=True, db_index=True)
    title = models.CharField(max_length=200, blank=True)
    is_bot = models.BooleanField(default=False)
    known = models.BooleanField(default=True)  # False: an id that users.json did not list
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    linked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return self.name


class Channel(models.Model):
    slack_id = models.CharField(max_length=40, unique=True)
    name = models.CharField(max_length=200)
    purpose = models.TextField(blank=True)
    is_private = models.BooleanField(default=False)

    def __str__(self) -> str:
        return f"#{self.name}"


class Message(models.Model):
    """One Slack message (converted markup, secrets removed). `score`/`signals`/`is_ai`: the message's
    own detection; on a thread's root `thread_*` hold the thread's; `in_ai` says the message counts as AI
    conversation (it is, or it belongs to a thread that is)."""

    # channel leads the (channel, ts) unique index, which serves its look-ups: no index of its own.
    channel = models.ForeignKey(Channel, on_delete=models.CASCADE, related_name="messages", db_index=False)
    ts = models.CharField(max_length=24)
    posted_at = models.DateTimeField()
    # No index of its own (nor imported_by's): every read of a person's messages starts from a channel
    # or from the AI-conversation flag, and each index is written for every message an import adds.
    author = models.ForeignKey(
        ChatIdentity, on_delete=models.SET_NULL, null=True, related_name="messages", db_index=False
    )
    text = models.TextField(blank=True)
    thread_ts = models.CharField(max_length=24, blank=True)
    parent = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="replies"
    )
    is_reply = models.BooleanField(default=False)
    reply_count = models.PositiveIntegerField(default=0)
    reactions = models.PositiveIntegerField(default=0)
    has_code = models.BooleanField(default=False)
    harvestable = models.BooleanField(default=False)  # code block or "prompt:" pattern
    edited = models.BooleanField(default=False)
    score = models.FloatField(default=0)
    signals = models.JSONField(default=list, blank=True)
    is_ai = models.BooleanField(default=False)
    thread_score = models.FloatField(default=0)
    thread_signals = models.JSONField(default=list, blank=True)
    in_ai = models.BooleanField(default=False)
    learned = models.BooleanField(default=False)  # its learning event was recorded (or can't be)
    harvest_checked = models.BooleanField(default=False)
    imported_by = models.ForeignKey(
        SlackImport, on_delete=models.SET_NULL, null=True, related_name="+", db_index=False
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["channel", "ts"], name="radar_message_channel_ts")]
        # Every per-channel read goes through (channel, posted_at); the reads across channels (the
        # connectors, the harvest) scan anyway. An (in_ai, posted_at) index was a fifth of a big
        # import's insert time (about half of an AI channel's messages are in_ai, written in no
        # useful order for it) and served no read the channel index does not: dropped (0004).
        indexes = [models.Index(fields=["channel", "posted_at"], name="radar_msg_channel_time")]

    def __str__(self) -> str:
        return f"{self.channel_id}/{self.ts}"


class HarvestKind(models.TextChoices):
    PROMPT = "prompt", "Library prompt"
    TIP = "tip", "Feed tip"


class HarvestStatus(models.TextChoices):
    PENDING = "pending", "Waiting for review"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Rejected"
    DECLINED = "declined", "Declined by the author"


class HarvestCandidate(models.Model):
    """A prompt or tip found in an AI thread, waiting for a reviewer; approved, it becomes a library
    prompt or a feed tip owned by (credited to) the message's author, who may decline it."""

    message = models.OneToOneField(Message, on_delete=models.CASCADE, related_name="candidate")
    kind = models.CharField(max_length=10, choices=HarvestKind.choices, default=HarvestKind.PROMPT)
    title = models.CharField(max_length=200)
    body = models.TextField()
    body_key = models.CharField(max_length=40, blank=True, db_index=True)  # the text normalised, hashed
    why = models.JSONField(default=list, blank=True)  # what made it a candidate
    similar_prompt_id = models.BigIntegerField(null=True, blank=True)  # the library's best match
    status = models.CharField(max_length=10, choices=HarvestStatus.choices, default=HarvestStatus.PENDING)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    prompt_id = models.BigIntegerField(null=True, blank=True)
    post_id = models.BigIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["status", "-created_at"], name="radar_harvest_status")]

    def __str__(self) -> str:
        return self.title
