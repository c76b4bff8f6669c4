"""Show-and-tell: a recurring series, its sessions (occurrences), demo slots, RSVPs, attendance, applause,
invitations to present, personal calendar feeds and the reminders already sent.

Occurrences are rows, generated from the series' RRULE for a bounded window ahead (`recurrence.py`);
each keeps a calendar UID for ever, so moving or cancelling one updates the same event in calendars.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

_now = timezone.now  # (Series has a field named `timezone`)


def _uid() -> str:
    return f"{uuid.uuid4()}@ripple-show"


class Visibility(models.TextChoices):
    EVERYONE = "everyone", "Everyone"
    DEPARTMENT = "department", "One department"


class Series(models.Model):
    """A recurring show-and-tell (e.g. every Friday 12:30–13:00 Europe/London)."""

    title = models.CharField(max_length=120)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.TextField(max_length=5000, blank=True)
    description_html = models.TextField(blank=True)
    # The RFC 5545 RRULE value (without "RRULE:"), expanded from start_date + start_time in `timezone`.
    rrule = models.CharField(max_length=500)
    start_date = models.DateField()
    start_time = models.TimeField()
    duration_minutes = models.PositiveSmallIntegerField(default=30)
    timezone = models.CharField(max_length=64)
    location = models.CharField(max_length=200, blank=True)
    video_url = models.URLField(max_length=500, blank=True)
    slot_minutes = models.PositiveSmallIntegerField(default=5)
    slots_per_session = models.PositiveSmallIntegerField(default=6)
    # The community this series belongs to, by id: communities sit above show-and-tell, so the link is
    # resolved there (`communities.selectors.community_series`; leads attach a series they host through
    # `actions.series_set_community`). An id no community has is ignored. ADR 0020.
    community_id = models.BigIntegerField(null=True, blank=True)
    visibility = models.CharField(max_length=12, choices=Visibility.choices, default=Visibility.EVERYONE)
    department = models.ForeignKey(
        "people.Department", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    hosts = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="hosted_series")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    generated_until = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=_now)
    updated_at = models.DateTimeField(default=_now)
    archived_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "series"
        constraints = [
            models.CheckConstraint(
                condition=Q(slot_minutes__gte=1, slot_minutes__lte=60), name="series_slot_minutes_range"
            ),
            models.CheckConstraint(
                condition=Q(slots_per_session__gte=1, slots_per_session__lte=30), name="series_slots_range"
            ),
            models.CheckConstraint(
                condition=Q(duration_minutes__gte=5, duration_minutes__lte=480), name="series_duration_range"
            ),
            models.CheckConstraint(
                condition=Q(visibility__in=["everyone", "department"]), name="series_visibility_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("showcase:series", args=[self.slug])


class OccurrenceStatus(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled"
    CANCELLED = "cancelled", "Cancelled"


class Occurrence(models.Model):
    """One session of a series. `recurrence_id` is the start the rule gives it (None for a one-off);
    `starts_at` differs when a host moved it. `sequence` counts changes of time or place (RFC 5545)."""

    series = models.ForeignKey(Series, on_delete=models.CASCADE, related_name="occurrences")
    uid = models.CharField(max_length=120, unique=True, default=_uid)
    recurrence_id = models.DateTimeField(null=True, blank=True)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    status = models.CharField(
        max_length=12, choices=OccurrenceStatus.choices, default=OccurrenceStatus.SCHEDULED
    )
    cancel_reason = models.CharField(max_length=200, blank=True)
    location = models.CharField(max_length=200, blank=True)  # overrides the series' when set
    video_url = models.URLField(max_length=500, blank=True)
    capacity = models.PositiveSmallIntegerField(default=6)
    sequence = models.PositiveIntegerField(default=0)
    notes = models.TextField(max_length=20000, blank=True)
    notes_html = models.TextField(blank=True)
    recording_url = models.URLField(max_length=500, blank=True)
    booked_count = models.PositiveSmallIntegerField(default=0)
    waiting_count = models.PositiveSmallIntegerField(default=0)
    attendee_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=_now)
    updated_at = models.DateTimeField(default=_now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["series", "recurrence_id"],
                condition=Q(recurrence_id__isnull=False),
                name="occurrence_one_per_rule_instance",
            ),
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="occurrence_ends_after_start"
            ),
            models.CheckConstraint(condition=Q(capacity__lte=30), name="occurrence_capacity_max"),
            models.CheckConstraint(
                condition=Q(status__in=["scheduled", "cancelled"]), name="occurrence_status_valid"
            ),
        ]
        indexes = [
            models.Index(fields=["series", "starts_at"], name="occurrence_by_series"),
            models.Index(fields=["status", "starts_at"], name="occurrence_by_start"),
        ]

    def __str__(self) -> str:
        return f"{self.series} · {self.starts_at:%Y-%m-%d %H:%M}"

    def get_absolute_url(self) -> str:
        return reverse("showcase:session", args=[self.series.slug, self.pk])

    @property
    def is_cancelled(self) -> bool:
        return self.status == OccurrenceStatus.CANCELLED

    @property
    def moved(self) -> bool:
        return self.recurrence_id is not None and self.recurrence_id != self.starts_at

    @property
    def one_off(self) -> bool:
        return self.recurrence_id is None

    @property
    def free_slots(self) -> int:
        return max(0, self.capacity - self.booked_count)

    @property
    def where(self) -> str:
        return self.location or self.series.location

    @property
    def video(self) -> str:
        return self.video_url or self.series.video_url


class SlotKind(models.TextChoices):
    DEMO = "demo", "Demo"
    AI_FAIL = "ai_fail", "AI fail"
    QUESTION = "question", "Question for the room"


class SlotStatus(models.TextChoices):
    BOOKED = "booked", "Booked"
    WAITING = "waiting", "Waiting list"
    CANCELLED = "cancelled", "Cancelled"


class Slot(models.Model):
    """A presenter's few minutes in a session; beyond the session's capacity a sign-up waits in line.

    `prompt_id` and `post_id` point to the library and the feed by id (read through their access rules)."""

    occurrence = models.ForeignKey(Occurrence, on_delete=models.CASCADE, related_name="slots")
    presenter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="show_slots"
    )
    title = models.CharField(max_length=140)
    kind = models.CharField(max_length=12, choices=SlotKind.choices, default=SlotKind.DEMO)
    prompt_id = models.BigIntegerField(null=True, blank=True)
    post_id = models.BigIntegerField(null=True, blank=True)
    status = models.CharField(max_length=12, choices=SlotStatus.choices, default=SlotStatus.BOOKED)
    position = models.PositiveIntegerField(default=0)
    applause_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=_now)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["occurrence", "presenter"],
                condition=~Q(status="cancelled"),
                name="slot_one_per_person_per_session",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=["demo", "ai_fail", "question"]), name="slot_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["booked", "waiting", "cancelled"]), name="slot_status_valid"
            ),
        ]
        indexes = [
            models.Index(fields=["occurrence", "status", "position"], name="slot_agenda"),
            models.Index(fields=["presenter", "status"], name="slot_by_presenter"),
        ]

    def __str__(self) -> str:
        return self.title


class Rsvp(models.Model):
    """Coming (or, overriding "always attend", not coming) to one session."""

    occurrence = models.ForeignKey(Occurrence, on_delete=models.CASCADE, related_name="rsvps")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    going = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=_now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["occurrence", "person"], name="rsvp_once")]
        indexes = [models.Index(fields=["person", "going"], name="rsvp_by_person")]

    def __str__(self) -> str:
        return f"{self.person_id} → {self.occurrence_id}: {'yes' if self.going else 'no'}"


class AlwaysAttend(models.Model):
    """A person comes to every session of a series unless they say otherwise for one (an Rsvp going=False)."""

    series = models.ForeignKey(Series, on_delete=models.CASCADE, related_name="regulars")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=_now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["series", "person"], name="always_attend_once")]

    def __str__(self) -> str:
        return f"{self.person_id} always attends {self.series_id}"


class Attendance(models.Model):
    """Someone was there: checked in themselves during the session, or marked by a host."""

    occurrence = models.ForeignKey(Occurrence, on_delete=models.CASCADE, related_name="attendance")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=_now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["occurrence", "person"], name="attendance_once")]

    def __str__(self) -> str:
        return f"{self.person_id} at {self.occurrence_id}"


class Applause(models.Model):
    slot = models.ForeignKey(Slot, on_delete=models.CASCADE, related_name="applause")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=_now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["slot", "person"], name="applause_once")]

    def __str__(self) -> str:
        return f"{self.person_id} 👏 {self.slot_id}"


class InvitationStatus(models.TextChoices):
    PENDING = "pending", "Waiting for an answer"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"


class Invitation(models.Model):
    """A host asked someone (usually a suggested presenter) to present at a session."""

    occurrence = models.ForeignKey(Occurrence, on_delete=models.CASCADE, related_name="invitations")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reason = models.CharField(max_length=200, blank=True)
    status = models.CharField(
        max_length=12, choices=InvitationStatus.choices, default=InvitationStatus.PENDING
    )
    slot = models.ForeignKey(Slot, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(default=_now)
    responded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["occurrence", "person"], name="invitation_once")]

    def __str__(self) -> str:
        return f"{self.person_id} invited to {self.occurrence_id} ({self.status})"


class CalendarFeed(models.Model):
    """A person's secret calendar address. Only the sha256 of the token is kept; resetting revokes it."""

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=_now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["person"], condition=Q(revoked_at__isnull=True), name="calendar_feed_one_active"
            )
        ]

    def __str__(self) -> str:
        return f"calendar feed of {self.person_id}"


class ReminderKind(models.TextChoices):
    PRESENTER_2D = "presenter_2d", "Presenter, two days before"
    PRESENTER_DAY = "presenter_day", "Presenter, on the day"
    ATTENDEE_DAY = "attendee_day", "Attendee, on the day"
    HOST_EMPTY = "host_empty", "Host, slots still empty two days before"


class ReminderSent(models.Model):
    """Which reminder went to whom for which session: the reminder task sends each one once."""

    occurrence = models.ForeignKey(Occurrence, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=16, choices=ReminderKind.choices)
    sent_at = models.DateTimeField(default=_now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["occurrence", "person", "kind"], name="reminder_once")]

    def __str__(self) -> str:
        return f"{self.kind} to {self.person_id} for {self.occurrence_id}"
