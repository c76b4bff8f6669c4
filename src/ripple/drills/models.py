"""Spot-the-flaw drills: an AI output with a private answer key (its flaws, each a character span of the
output), and members' attempts (their marks and stated confidence), scored against the key (ADR 0015).

The key (`Flaw`) and other people's attempts are never shown to someone who has not submitted an
attempt; `KeyView` remembers who saw the key without attempting (they may no longer attempt).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

MIN_CONFIDENCE = 50
MAX_CONFIDENCE = 100
MAX_OUTPUT = 20_000
MAX_FLAWS = 20
MAX_MARKS = 30


class OutputKind(models.TextChoices):
    TEXT = "text", "Text"
    CODE = "code", "Code"


class Severity(models.TextChoices):
    MINOR = "minor", "Minor"
    MAJOR = "major", "Major"
    CRITICAL = "critical", "Critical"


class Drill(models.Model):
    title = models.CharField(max_length=160)
    kind = models.CharField(max_length=10, choices=OutputKind.choices, default=OutputKind.TEXT)
    language = models.CharField(max_length=40, blank=True)  # for code: "python", "sql"…
    prompt = models.TextField()  # what produced the output
    tool = models.CharField(max_length=80, blank=True)  # model or tool name, optional
    output = models.TextField()  # the AI output, line endings normalised to "\n"
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    # A cohort's space (None: the whole organization); `spaces.access.readable_q` decides who sees it.
    space = models.ForeignKey(
        "spaces.Space", on_delete=models.CASCADE, null=True, blank=True, related_name="drills"
    )
    week = models.PositiveSmallIntegerField(null=True, blank=True)  # the cohort week it belongs to
    # Seam for the challenges app (a layer above): the challenge this drill is part of, by id.
    # The lead wires it (a selector in challenges reading Drill rows by challenge_id) when challenges land.
    challenge_id = models.BigIntegerField(null=True, blank=True)
    attempt_count = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [
            models.Index(fields=["-created_at", "-id"], name="drill_recent"),
            models.Index(fields=["space", "week"], name="drill_space_week"),
            models.Index(fields=["challenge_id"], name="drill_challenge"),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(kind__in=["text", "code"]), name="drill_kind_valid"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("drills:drill", args=[self.pk])


class Flaw(models.Model):
    """One entry of the answer key: characters [start, end) of the output, why it is wrong, how bad."""

    drill = models.ForeignKey(Drill, on_delete=models.CASCADE, related_name="flaws")
    position = models.PositiveSmallIntegerField()
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    explanation = models.TextField()
    severity = models.CharField(max_length=10, choices=Severity.choices, default=Severity.MAJOR)

    class Meta:
        ordering = ["drill", "position"]
        constraints = [
            models.CheckConstraint(condition=models.Q(end__gt=models.F("start")), name="flaw_span_nonempty"),
            models.UniqueConstraint(fields=["drill", "position"], name="flaw_position_unique"),
        ]

    def __str__(self) -> str:
        return f"Flaw {self.position} of drill {self.drill_id}"

    @property
    def quote(self) -> str:
        return self.drill.output[self.start : self.end]


class Attempt(models.Model):
    """A person's one submitted attempt at a drill, locked once saved, with its score against the key."""

    drill = models.ForeignKey(Drill, on_delete=models.CASCADE, related_name="attempts")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    confidence = models.PositiveSmallIntegerField()  # 50–100: how sure they are their marks are right
    submitted_at = models.DateTimeField(default=timezone.now)
    found = models.PositiveSmallIntegerField(default=0)
    missed = models.PositiveSmallIntegerField(default=0)
    false_alarms = models.PositiveSmallIntegerField(default=0)
    score = models.FloatField(default=0.0)  # found / (flaws + false alarms), 0–1 (ADR 0015)
    # The person's department when they submitted (group figures never move with later transfers).
    department_id = models.BigIntegerField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["drill", "person"], name="attempt_one_per_drill"),
            models.CheckConstraint(
                condition=models.Q(confidence__gte=MIN_CONFIDENCE, confidence__lte=MAX_CONFIDENCE),
                name="attempt_confidence_range",
            ),
        ]
        indexes = [models.Index(fields=["person", "-submitted_at"], name="attempt_person_recent")]

    def __str__(self) -> str:
        return f"Attempt {self.pk} at drill {self.drill_id}"


class Mark(models.Model):
    """What the person marked as wrong: characters [start, end) of the output and why."""

    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="marks")
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    reason = models.TextField(blank=True)
    flaw = models.ForeignKey(Flaw, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    duplicate = models.BooleanField(default=False)  # on a flaw another of their marks already found

    class Meta:
        ordering = ["attempt", "start", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(end__gt=models.F("start")), name="mark_span_nonempty"),
        ]

    def __str__(self) -> str:
        return f"Mark {self.start}–{self.end}"


class KeyView(models.Model):
    """Someone saw the key without attempting (they gave up): from then on their attempt is refused."""

    drill = models.ForeignKey(Drill, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    seen_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["drill", "person"], name="keyview_unique")]

    def __str__(self) -> str:
        return f"Key of drill {self.drill_id} seen"
