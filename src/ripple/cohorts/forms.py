"""Input validation for the cohort pages. The actions check everything again; these give field-level,
human-readable errors."""

from __future__ import annotations

import re
from typing import Any

from django import forms

from ripple.cohorts.actions.common import time_zone_names
from ripple.cohorts.models import Cohort, EnrolmentMode
from ripple.core.forms import CleanInput
from ripple.core.widgets import Picker
from ripple.people.models import User
from ripple.spaces.models import Visibility

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
WEEKDAYS = list(enumerate(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]))
FIELDS = (
    "name",
    "goal",
    "description",
    "start_date",
    "weeks",
    "meeting_weekday",
    "meeting_time",
    "time_zone",
    "capacity",
    "enrolment",
    "reminder_weekday",
)


def _people() -> Any:
    return User.objects.filter(is_active=True).order_by("name")


class CohortForm(CleanInput, forms.Form):
    name = forms.CharField(max_length=120, help_text="e.g. “AI for writing — spring”")
    goal = forms.CharField(
        max_length=300, required=False, help_text="One sentence: what members can do after it."
    )
    description = forms.CharField(
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Who it is for, what a week looks like.",
    )
    start_date = forms.DateField(label="First week starts on", widget=DATE)
    weeks = forms.IntegerField(label="Length in weeks", min_value=1, max_value=12, initial=4)
    meeting_weekday = forms.TypedChoiceField(label="Meets every", coerce=int, choices=WEEKDAYS, initial=1)
    meeting_time = forms.TimeField(label="At", widget=TIME, initial="12:30")
    time_zone = forms.ChoiceField(
        label="Time zone",
        initial="Europe/London",
        widget=Picker(source="core:time_zones", multiple=False, free_text=True, from_browser=True),
    )
    capacity = forms.IntegerField(
        min_value=2, max_value=500, initial=20, help_text="Members (facilitators not counted)."
    )
    enrolment = forms.ChoiceField(
        choices=EnrolmentMode.choices, initial=EnrolmentMode.OPEN, widget=forms.RadioSelect
    )
    visibility = forms.ChoiceField(
        choices=Visibility.choices, initial=Visibility.OPEN, widget=forms.RadioSelect
    )
    reminder_weekday = forms.TypedChoiceField(
        label="Check-in reminder on",
        coerce=int,
        choices=WEEKDAYS,
        initial=3,
        help_text="Members who have not checked in that week hear from Ripple on this day.",
    )
    facilitators = forms.ModelMultipleChoiceField(
        queryset=User.objects.none(),
        required=False,
        label="Co-facilitators",
        widget=Picker(source="people:pick", placeholder="Type a name…"),
        help_text="You facilitate it too.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["time_zone"].choices = [(z, z) for z in sorted(time_zone_names())]  # type: ignore[attr-defined]
        self.fields["facilitators"].queryset = _people()  # type: ignore[attr-defined]

    @classmethod
    def initial_for(cls, cohort: Cohort) -> dict[str, Any]:
        initial = {name: getattr(cohort, name) for name in FIELDS}
        initial["visibility"] = cohort.space.visibility
        return initial

    def data_for_action(self) -> dict[str, Any]:
        return {name: self.cleaned_data.get(name) for name in FIELDS}


def _ids(text: str, what: str) -> list[int]:
    ids = []
    for item in str(text or "").split(","):
        item = item.strip()
        if not item:
            continue
        match = re.search(r"(\d+)/?$", item)
        if not match:
            raise forms.ValidationError(f"“{item[:40]}” is not a {what} link or number.")
        ids.append(int(match.group(1)))
    return ids


class CheckInForm(CleanInput, forms.Form):
    tried = forms.CharField(label="What I tried", max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    happened = forms.CharField(
        label="What happened", max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    minutes_saved = forms.IntegerField(
        label="Minutes saved (your estimate)", min_value=0, max_value=10_000, initial=0
    )
    confidence = forms.TypedChoiceField(
        label="How confident do you feel with AI this week?",
        coerce=int,
        widget=forms.RadioSelect,
        choices=[(1, "1 — not at all"), (2, "2"), (3, "3"), (4, "4"), (5, "5 — very")],
    )
    blocked = forms.CharField(
        label="What blocked me", max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    prompt_ids = forms.CharField(
        max_length=500,
        required=False,
        label="Prompts I used or wrote (optional)",
        widget=Picker(source="library:pick", joined=True, placeholder="Search prompts by title…"),
    )
    post_ids = forms.CharField(
        max_length=500,
        required=False,
        label="Posts (optional)",
        help_text="Paste links to feed posts, separated by commas.",
    )
    learned_from = forms.ModelChoiceField(
        queryset=User.objects.none(),
        required=False,
        label="I learned this from (optional)",
        widget=Picker(source="people:pick", multiple=False, placeholder="Type a name…"),
        help_text="Crediting someone records that knowledge moved from them to you.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["learned_from"].queryset = _people()  # type: ignore[attr-defined]

    def clean_prompt_ids(self) -> list[int]:
        return _ids(self.cleaned_data.get("prompt_ids") or "", "prompt")

    def clean_post_ids(self) -> list[int]:
        return _ids(self.cleaned_data.get("post_ids") or "", "post")

    def data_for_action(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {
            "tried": d["tried"],
            "happened": d.get("happened", ""),
            "minutes_saved": d.get("minutes_saved") or 0,
            "confidence": d["confidence"],
            "blocked": d.get("blocked", ""),
            "learned_from": d.get("learned_from"),
            "prompts": d.get("prompt_ids") or [],
            "posts": d.get("post_ids") or [],
        }


class MessageForm(CleanInput, forms.Form):
    text = forms.CharField(max_length=500, widget=forms.Textarea(attrs={"rows": 2}))
    send_on = forms.DateField(required=False, widget=DATE, label="Sent on")
    enabled = forms.BooleanField(required=False, label="Send it")


class InviteForm(CleanInput, forms.Form):
    person = forms.ModelChoiceField(
        queryset=User.objects.none(),
        label="Invite",
        widget=Picker(source="people:pick", multiple=False, placeholder="Type a name…"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = _people()  # type: ignore[attr-defined]
