"""Instruments (versioned question sets), rounds, who was asked, and — apart — what was answered.

Anonymity (ADR 0011): `Participant` says who was asked and whether they answered; `AnswerSet`/`Answer`
hold what was answered. They share no id, no timestamp and no order: answer rows get random primary
keys (on SQLite the rowid itself, so storage order is random), carry no time, and are reached by their
owner only through a keyed hash (`respondent_key`) that is erased when the round is sealed after close.
"""

from __future__ import annotations

import secrets
from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from ripple.people.models import Department, Team, User


def default_min_group() -> int:
    """settings.SURVEY_MIN_GROUP (5 unless set), never below 3."""
    return max(3, int(getattr(settings, "SURVEY_MIN_GROUP", 5)))


def random_id() -> int:
    """A random positive 62-bit id: nothing about insertion order can be read from it."""
    return secrets.randbits(62) or 1


class RandomIdField(models.BigIntegerField):
    """A primary key filled with `random_id()`. On SQLite it is declared `integer` so it *is* the
    rowid: the table is stored in random order, not in the order answers arrived."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("primary_key", True)
        kwargs.setdefault("default", random_id)
        kwargs.setdefault("editable", False)
        super().__init__(*args, **kwargs)

    def db_type(self, connection: Any) -> str | None:
        if connection.vendor == "sqlite":
            return "integer"
        return super().db_type(connection)


class Kind(models.TextChoices):
    LIKERT = "likert", "Scale (Likert)"
    SINGLE = "single", "Single choice"
    MULTI = "multi", "Multiple choice"
    TEXT = "text", "Free text"


class Instrument(models.Model):
    """A question set. Once a round uses a version it is never edited: a change makes the next version
    (`family` is the first version; `version` counts up)."""

    title = models.CharField(max_length=160)
    description = models.TextField(max_length=2000, blank=True)
    builtin = models.BooleanField(default=False)
    family = models.ForeignKey("self", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    version = models.PositiveIntegerField(default=1)
    superseded = models.BooleanField(default=False)
    created_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-builtin", "title", "id"]
        constraints = [
            models.UniqueConstraint(fields=["family", "version"], name="instrument_version_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.title} (v{self.version})"

    def get_absolute_url(self) -> str:
        return reverse("surveys:instrument", args=[self.pk])


class Question(models.Model):
    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveIntegerField(default=0)
    key = models.SlugField(max_length=60, help_text="Stable across versions and copies (for comparisons).")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    text = models.CharField(max_length=300)
    help_text = models.CharField(max_length=300, blank=True)
    required = models.BooleanField(default=True)
    scale = models.PositiveSmallIntegerField(default=5)
    low_label = models.CharField(max_length=60, blank=True)
    high_label = models.CharField(max_length=60, blank=True)
    choices = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["instrument", "key"], name="question_key_unique"),
            models.CheckConstraint(condition=models.Q(scale__in=[5, 7]), name="question_scale_5_or_7"),
            models.CheckConstraint(
                condition=models.Q(kind__in=["likert", "single", "multi", "text"]), name="question_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def scale_values(self) -> list[int]:
        return list(range(1, self.scale + 1))


class Audience(models.TextChoices):
    EVERYONE = "everyone", "Everyone"
    DEPARTMENTS = "departments", "Departments"
    TEAMS = "teams", "Teams"
    PEOPLE = "people", "A list of people"


class PairRole(models.TextChoices):
    NONE = "", "Not paired"
    BEFORE = "before", "Before (an after round will be compared with it)"
    AFTER = "after", "After (compared with a before round)"


class Round(models.Model):
    """One sending of an instrument version to an audience, open between two times."""

    instrument = models.ForeignKey(Instrument, on_delete=models.PROTECT, related_name="rounds")
    title = models.CharField(max_length=160)
    opens_at = models.DateTimeField()
    closes_at = models.DateTimeField()
    remind_at = models.DateTimeField(null=True, blank=True)
    min_group = models.PositiveSmallIntegerField(default=default_min_group)
    audience = models.CharField(max_length=12, choices=Audience.choices, default=Audience.EVERYONE)
    departments = models.ManyToManyField(Department, blank=True, related_name="+")
    teams = models.ManyToManyField(Team, blank=True, related_name="+")
    pair_role = models.CharField(max_length=6, choices=PairRole.choices, default="", blank=True)
    paired_with = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="after_round"
    )
    created_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    announced_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    sealed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-opens_at", "-id"]
        indexes = [models.Index(fields=["opens_at", "closes_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")), name="round_closes_after_open"
            ),
            models.CheckConstraint(condition=models.Q(min_group__gte=3), name="round_min_group_at_least_3"),
            models.CheckConstraint(
                condition=models.Q(pair_role__in=["", "before", "after"]), name="round_pair_role_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("surveys:round", args=[self.pk])

    @property
    def k(self) -> int:
        """The minimum group size actually applied: the round's, never below 3."""
        return max(3, int(self.min_group))

    def status(self, now: Any = None) -> str:
        now = now or timezone.now()
        if now < self.opens_at:
            return "scheduled"
        if now < self.closes_at:
            return "open"
        return "closed"

    @property
    def is_open(self) -> bool:
        return self.status() == "open"

    @property
    def is_closed(self) -> bool:
        return self.status() == "closed"


class Participant(models.Model):
    """Who a round was sent to (the audience, fixed when the round is created) and whether they
    answered. Deliberately no time of answering, and nothing that points at their answers."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="participants")
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    answered = models.BooleanField(default=False)
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["round", "user"], name="participant_once_per_round")]
        indexes = [models.Index(fields=["user", "answered"])]

    def __str__(self) -> str:
        return f"{self.user_id} in {self.round_id}"


class AnswerSet(models.Model):
    """One person's answers to one round, without the person: a random id, no time, a coarse department
    and team (for breakdowns, protected by the minimum group size), a keyed hash so its owner can change
    it until the round is sealed, and — only in paired rounds — a pseudonymous pair key."""

    id = RandomIdField()
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="answer_sets")
    department = models.ForeignKey(
        Department, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    team = models.ForeignKey(Team, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    respondent_key = models.CharField(max_length=64, null=True, blank=True)
    pair_key = models.CharField(max_length=64, null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "respondent_key"], name="answer_set_once_per_key"),
        ]

    def __str__(self) -> str:
        return f"answers to {self.round_id}"


class Answer(models.Model):
    id = RandomIdField()
    answer_set = models.ForeignKey(AnswerSet, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="+")
    number = models.SmallIntegerField(null=True, blank=True)
    choices = models.JSONField(default=list, blank=True)
    text = models.TextField(max_length=2000, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["answer_set", "question"], name="answer_once_per_question")
        ]

    def __str__(self) -> str:
        return f"answer to {self.question_id}"
