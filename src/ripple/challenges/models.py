"""Challenges (promptathons): a brief, a submission window, a voting window, judges and criteria;
entries (individual or team) with linked library prompts, votes and judges' scores."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

MAX_CRITERIA = 6
SCORE_MIN, SCORE_MAX = 1, 5
DEFAULT_VOTES = 3


class EntryKind(models.TextChoices):
    INDIVIDUAL = "individual", "Individual entries"
    TEAM = "team", "Team entries"


class Phase(models.TextChoices):
    UPCOMING = "upcoming", "Opens soon"
    SUBMITTING = "submitting", "Open for entries"
    BETWEEN = "between", "Entries closed, voting soon"
    VOTING = "voting", "Voting"
    CLOSED = "closed", "Voting closed"


class Challenge(models.Model):
    title = models.CharField(max_length=160)
    brief = models.TextField(max_length=20_000)
    brief_html = models.TextField(blank=True)
    rules = models.TextField(max_length=10_000, blank=True)
    rules_html = models.TextField(blank=True)
    entry_kind = models.CharField(max_length=12, choices=EntryKind.choices, default=EntryKind.INDIVIDUAL)
    submissions_open_at = models.DateTimeField()
    submissions_close_at = models.DateTimeField()
    voting_open_at = models.DateTimeField()
    voting_close_at = models.DateTimeField()
    votes_per_member = models.PositiveSmallIntegerField(default=DEFAULT_VOTES)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    judges = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="judged_challenges", blank=True)
    # The library collection every entry's prompts go into (owned by the facilitator).
    collection = models.ForeignKey(
        "library.Collection", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    results_published_at = models.DateTimeField(null=True, blank=True)
    announced_post = models.ForeignKey(
        "feed.Post", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["-submissions_open_at", "-id"], name="challenge_recent")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("challenges:detail", args=[self.pk])

    def phase(self, now: datetime | None = None) -> str:
        now = now or timezone.now()
        if now >= self.voting_close_at:
            return Phase.CLOSED
        if self.voting_open_at <= now:
            return Phase.VOTING
        if self.submissions_open_at <= now < self.submissions_close_at:
            return Phase.SUBMITTING
        if now < self.submissions_open_at:
            return Phase.UPCOMING
        return Phase.BETWEEN

    def accepting_entries(self, now: datetime | None = None) -> bool:
        now = now or timezone.now()
        return self.submissions_open_at <= now < self.submissions_close_at

    def voting_open(self, now: datetime | None = None) -> bool:
        now = now or timezone.now()
        return self.voting_open_at <= now < self.voting_close_at

    def voting_closed(self, now: datetime | None = None) -> bool:
        return (now or timezone.now()) >= self.voting_close_at

    @property
    def is_team(self) -> bool:
        return self.entry_kind == EntryKind.TEAM


class Criterion(models.Model):
    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(max_length=80)
    description = models.CharField(max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.name


class Submission(models.Model):
    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="submissions")
    submitter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(max_length=160)
    description = models.TextField(max_length=10_000, blank=True)
    description_html = models.TextField(blank=True)
    demo_url = models.URLField(max_length=500, blank=True)
    prompts = models.ManyToManyField("library.Prompt", related_name="challenge_submissions", blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)  # None: a draft only the entrants see
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["challenge", "submitted_at"], name="submission_challenge")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("challenges:submission", args=[self.challenge_id, self.pk])

    @property
    def is_draft(self) -> bool:
        return self.submitted_at is None


class Entrant(models.Model):
    """A person on an entry (the submitter and their teammates): at most one entry per challenge."""

    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="entrants")
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="entrants")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["challenge", "person"], name="one_entry_per_person")]

    def __str__(self) -> str:
        return f"{self.person_id} on {self.submission_id}"


class Attachment(models.Model):
    """An entry's file, kept in the database (any host serves it) and always served as a download."""

    submission = models.OneToOneField(Submission, on_delete=models.CASCADE, related_name="attachment")
    name = models.CharField(max_length=120)
    size = models.PositiveIntegerField()
    data = models.BinaryField()
    uploaded_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.name


class Vote(models.Model):
    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="votes")
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="votes")
    voter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["submission", "voter"], name="one_vote_per_entry")]
        indexes = [models.Index(fields=["challenge", "voter"], name="vote_voter")]

    def __str__(self) -> str:
        return f"{self.voter_id} → {self.submission_id}"


class Score(models.Model):
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="scores")
    judge = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    value = models.PositiveSmallIntegerField()
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["submission", "criterion", "judge"], name="one_score_each"),
            models.CheckConstraint(
                condition=models.Q(value__gte=SCORE_MIN, value__lte=SCORE_MAX), name="score_1_to_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.judge_id}: {self.value}"
