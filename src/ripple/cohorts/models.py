"""Cohorts: a few weeks of peer learning with weekly check-ins, accountability partners, a board, a
before/after survey and an outcomes report (ADR 0021). A cohort HAS a space (ADR 0014): the space holds
who is in (`spaces.Membership`), its visibility, and the posts and prompt collection written in it;
`Enrolment` here keeps the cohort's own states (requested, invited, waiting, left, declined)."""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone


class EnrolmentMode(models.TextChoices):
    OPEN = "open", "Open — anyone may join"
    REQUEST = "request", "On request — a facilitator approves"
    INVITE = "invite", "Invitation only"


class Cohort(models.Model):
    space = models.OneToOneField("spaces.Space", on_delete=models.PROTECT, related_name="cohort")
    name = models.CharField(max_length=120)
    goal = models.CharField(max_length=300, blank=True)
    description = models.TextField(max_length=5000, blank=True)
    start_date = models.DateField()
    weeks = models.PositiveSmallIntegerField(default=4)
    meeting_weekday = models.PositiveSmallIntegerField(default=1)  # 0 Monday … 6 Sunday
    meeting_time = models.TimeField(default="12:30")
    time_zone = models.CharField(max_length=60, default="Europe/London")
    capacity = models.PositiveIntegerField(default=20)
    enrolment = models.CharField(max_length=10, choices=EnrolmentMode.choices, default=EnrolmentMode.OPEN)
    reminder_weekday = models.PositiveSmallIntegerField(default=3)  # the day members without a check-in hear
    collection = models.ForeignKey(
        "library.Collection", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    before_round = models.ForeignKey(
        "surveys.Round", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    after_round = models.ForeignKey(
        "surveys.Round", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    pairing_seed = models.PositiveIntegerField(default=0)
    pairs_published_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-start_date", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(weeks__gte=1, weeks__lte=12), name="cohort_weeks_1_12"),
            models.CheckConstraint(condition=models.Q(capacity__gte=2), name="cohort_capacity_2"),
            models.CheckConstraint(
                condition=models.Q(enrolment__in=["open", "request", "invite"]), name="cohort_enrolment_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("cohorts:detail", args=[self.pk])

    @property
    def end_date(self) -> date:
        """The last day of the last week."""
        return self.start_date + timedelta(days=7 * self.weeks - 1)

    def week_start(self, week: int) -> date:
        return self.start_date + timedelta(days=7 * (week - 1))

    def current_week(self, today: date | None = None) -> int:
        """0 before the start, 1…weeks while running, weeks + 1 once finished."""
        today = today or timezone.localdate()
        if today < self.start_date:
            return 0
        return min(self.weeks + 1, (today - self.start_date).days // 7 + 1)

    def status(self, today: date | None = None) -> str:
        week = self.current_week(today)
        return "upcoming" if week == 0 else "finished" if week > self.weeks else "running"


class Status(models.TextChoices):
    MEMBER = "member", "Member"
    REQUESTED = "requested", "Asked to join"
    INVITED = "invited", "Invited"
    WAITING = "waiting", "On the waiting list"
    DECLINED = "declined", "Declined"
    LEFT = "left", "Left"


class Enrolment(models.Model):
    """One person's place in a cohort. `facilitator` people lead it (space leads)."""

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="enrolments")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=10, choices=Status.choices)
    facilitator = models.BooleanField(default=False)
    queued_at = models.DateTimeField(default=timezone.now)  # waiting-list order
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["cohort", "person"], name="cohort_enrolment_unique"),
            models.CheckConstraint(
                condition=models.Q(status__in=[s.value for s in Status]), name="cohort_status_valid"
            ),
        ]
        indexes = [models.Index(fields=["cohort", "status", "queued_at", "id"], name="cohort_enrol_queue")]

    def __str__(self) -> str:
        return f"{self.person_id} {self.status} in {self.cohort_id}"


class Partner(models.Model):
    """A proposed or published accountability group (a pair, a trio when the count is odd)."""

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="partners")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    group = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["cohort", "person"], name="cohort_partner_unique")]

    def __str__(self) -> str:
        return f"{self.person_id} in group {self.group} of {self.cohort_id}"


class CheckIn(models.Model):
    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="checkins")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    week = models.PositiveSmallIntegerField()
    tried = models.TextField(max_length=2000)
    happened = models.TextField(max_length=2000, blank=True)
    minutes_saved = models.PositiveIntegerField(default=0)
    confidence = models.PositiveSmallIntegerField()
    blocked = models.TextField(max_length=2000, blank=True)
    learned_from = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    prompts = models.ManyToManyField("library.Prompt", blank=True, related_name="+")
    posts = models.ManyToManyField("feed.Post", blank=True, related_name="+")
    quote = models.BooleanField(default=False)  # chosen by a facilitator for the report
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["week", "id"]
        constraints = [
            models.UniqueConstraint(fields=["cohort", "person", "week"], name="cohort_checkin_unique"),
            models.CheckConstraint(
                condition=models.Q(confidence__gte=1, confidence__lte=5), name="cohort_checkin_confidence"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} week {self.week} of {self.cohort_id}"


class MessageKind(models.TextChoices):
    BEFORE = "before_survey", "Before survey opens"
    REMINDER = "reminder", "Check-in reminder"
    AFTER = "after_survey", "After survey opens"
    NUDGE = "nudge", "Nudge to a drifting member"


class Message(models.Model):
    """Every message the cohort sends by itself, with its date (nudges: when a facilitator presses
    "nudge"); editable and switched off here, and the senders honour it."""

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="messages")
    kind = models.CharField(max_length=20, choices=MessageKind.choices)
    week = models.PositiveSmallIntegerField(default=0)
    send_on = models.DateField(null=True, blank=True)
    text = models.CharField(max_length=500)
    enabled = models.BooleanField(default=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["send_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["cohort", "kind", "week"], name="cohort_message_unique")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.week} of {self.cohort_id}"


class Nudge(models.Model):
    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="nudges")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"nudge {self.person_id} in {self.cohort_id}"
