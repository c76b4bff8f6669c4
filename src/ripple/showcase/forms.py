"""Input validation for the show-and-tell pages. The actions check everything again; these give
field-level, human-readable errors and turn the friendly recurrence choice into an RRULE."""

from __future__ import annotations

import zoneinfo
from datetime import datetime, timedelta
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from ripple.people.models import Department, User
from ripple.showcase import recurrence
from ripple.showcase.actions import SeriesInput
from ripple.showcase.models import Series, SlotKind, Visibility

DATE = forms.DateInput(attrs={"type": "date"})
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
WHEN = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class SeriesForm(forms.Form):
    title = forms.CharField(max_length=120, help_text="e.g. “Friday show & tell”")
    description = forms.CharField(
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Markdown. What it is for, who it is for, how to take part.",
    )
    pattern = forms.ChoiceField(label="Repeats", choices=recurrence.PATTERNS, initial="weekly")
    weekday = forms.TypedChoiceField(
        label="On", coerce=int, choices=list(enumerate(recurrence.WEEKDAY_NAMES)), initial=4, required=False
    )
    start_date = forms.DateField(label="First session", widget=DATE)
    start_time = forms.TimeField(label="Starts at", widget=TIME, initial="12:30")
    end_time = forms.TimeField(label="Ends at", widget=TIME, initial="13:00")
    timezone = forms.ChoiceField(label="Time zone", initial="Europe/London")
    ends = forms.ChoiceField(
        label="Ends",
        choices=[("never", "Never"), ("on", "On a date"), ("after", "After a number of sessions")],
        initial="never",
        widget=forms.RadioSelect,
    )
    until = forms.DateField(label="Last session on", required=False, widget=DATE)
    count = forms.IntegerField(label="Number of sessions", required=False, min_value=1, max_value=500)
    rrule = forms.CharField(
        label="RRULE (advanced)",
        required=False,
        max_length=400,
        help_text="Only for “Custom”: an RFC 5545 rule, e.g. FREQ=WEEKLY;INTERVAL=3;BYDAY=TH.",
    )
    location = forms.CharField(max_length=200, required=False, help_text="Room or place")
    video_url = forms.URLField(label="Video link", max_length=500, required=False, assume_scheme="https")
    slot_minutes = forms.IntegerField(label="Minutes per slot", min_value=1, max_value=60, initial=5)
    slots_per_session = forms.IntegerField(label="Slots per session", min_value=1, max_value=30, initial=6)
    visibility = forms.ChoiceField(
        choices=Visibility.choices, initial=Visibility.EVERYONE, label="Who can see it"
    )
    department = forms.ModelChoiceField(queryset=Department.objects.none(), required=False, empty_label="—")
    hosts = forms.ModelMultipleChoiceField(
        queryset=User.objects.none(),
        required=False,
        help_text="Co-hosts (you host it too).",
        widget=forms.SelectMultiple(attrs={"size": 5}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["timezone"].choices = [(z, z) for z in recurrence.time_zone_names()]  # type: ignore[attr-defined]
        self.fields["department"].queryset = Department.objects.order_by("name")  # type: ignore[attr-defined]
        self.fields["hosts"].queryset = User.objects.filter(is_active=True).order_by("name")  # type: ignore[attr-defined]

    @classmethod
    def initial_for(cls, series: Series) -> dict[str, Any]:
        end = (
            datetime.combine(series.start_date, series.start_time)
            + timedelta(minutes=series.duration_minutes)
        ).time()
        initial: dict[str, Any] = {
            "title": series.title,
            "description": series.description,
            "start_date": series.start_date,
            "start_time": series.start_time,
            "end_time": end,
            "timezone": series.timezone,
            "rrule": series.rrule,
            "location": series.location,
            "video_url": series.video_url,
            "slot_minutes": series.slot_minutes,
            "slots_per_session": series.slots_per_session,
            "visibility": series.visibility,
            "department": series.department_id,
            "hosts": list(series.hosts.values_list("pk", flat=True)),
        }
        initial.update(recurrence.friendly_of(series.rrule, series.start_date))
        return initial

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start_date, start_time, end_time = (
            data.get("start_date"),
            data.get("start_time"),
            data.get("end_time"),
        )
        if not (start_date and start_time and end_time and data.get("timezone")):
            return data
        minutes = (
            datetime.combine(start_date, end_time) - datetime.combine(start_date, start_time)
        ).seconds // 60
        if end_time <= start_time:
            self.add_error("end_time", "The session must end after it starts (on the same day).")
            return data
        data["duration_minutes"] = minutes
        tz = zoneinfo.ZoneInfo(data["timezone"])
        try:
            if data.get("pattern") == "custom":
                data["rrule_value"] = recurrence.validate(
                    rule=data.get("rrule") or "",
                    start_date=start_date,
                    start_time=start_time,
                    tz_name=data["timezone"],
                )
            else:
                weekday = data.get("weekday")
                friendly = recurrence.Friendly(
                    pattern=data.get("pattern") or "weekly",
                    weekday=start_date.weekday() if weekday is None or weekday == "" else int(weekday),
                    ends=data.get("ends") or "never",
                    until=data.get("until"),
                    count=data.get("count"),
                )
                data["rrule_value"] = recurrence.build_rule(friendly, start_date, tz, start_time)
        except ValidationError as exc:
            for name, messages in exc.message_dict.items():
                self.add_error(name if name in self.fields else None, messages)
        return data

    def to_input(self) -> SeriesInput:
        d = self.cleaned_data
        return SeriesInput(
            title=d["title"],
            description=d.get("description") or "",
            rrule=d["rrule_value"],
            start_date=d["start_date"],
            start_time=d["start_time"],
            timezone=d["timezone"],
            duration_minutes=d["duration_minutes"],
            location=d.get("location") or "",
            video_url=d.get("video_url") or "",
            slot_minutes=d["slot_minutes"],
            slots_per_session=d["slots_per_session"],
            visibility=d["visibility"],
            department_id=d["department"].pk if d.get("department") else None,
        )


class SlotForm(forms.Form):
    title = forms.CharField(max_length=140, help_text="What you will show, in a few words.")
    kind = forms.ChoiceField(
        choices=SlotKind.choices,
        initial=SlotKind.DEMO,
        widget=forms.RadioSelect,
        help_text="AI fails are welcome: what went wrong teaches as much as what worked.",
    )
    prompt_id = forms.IntegerField(
        label="Library prompt (optional)", required=False, min_value=1, widget=forms.Select
    )
    post_id = forms.IntegerField(
        label="Feed post (optional)", required=False, min_value=1, widget=forms.Select
    )
    waitlist = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(
        self, *args: Any, prompts: list[Any] | None = None, posts: list[Any] | None = None, **kwargs: Any
    ):
        super().__init__(*args, **kwargs)
        self.fields["prompt_id"].widget.choices = [("", "—"), *((p.pk, p.title) for p in prompts or [])]
        self.fields["post_id"].widget.choices = [("", "—"), *((p.pk, p.title) for p in posts or [])]


class MoveForm(forms.Form):
    starts_at = forms.DateTimeField(label="New start", widget=WHEN, input_formats=["%Y-%m-%dT%H:%M"])
    minutes = forms.IntegerField(label="Length (minutes)", min_value=5, max_value=480)
    location = forms.CharField(max_length=200, required=False, help_text="Leave empty for the series' place.")

    def aware_start(self, tz_name: str) -> datetime:
        return self.cleaned_data["starts_at"].replace(tzinfo=None).replace(tzinfo=zoneinfo.ZoneInfo(tz_name))


class CancelForm(forms.Form):
    reason = forms.CharField(max_length=200, required=False, help_text="e.g. “Company all-hands that day”")


class NotesForm(forms.Form):
    notes = forms.CharField(
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="Markdown. What was shown, links, what people asked.",
    )
    recording_url = forms.URLField(
        label="Recording link", required=False, max_length=500, assume_scheme="https"
    )


class InviteForm(forms.Form):
    person = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    reason = forms.CharField(max_length=200, required=False, widget=forms.HiddenInput)


class CapacityForm(forms.Form):
    change = forms.TypedChoiceField(coerce=int, choices=[(1, "Add a slot"), (-1, "Remove an empty slot")])


class AttendanceForm(forms.Form):
    person = forms.IntegerField(min_value=1)
    present = forms.BooleanField(required=False)
