"""HTML input for communities; field-level, human-readable errors."""

from __future__ import annotations

from django import forms

from ripple.core.forms import CleanInput
from ripple.core.widgets import Picker
from ripple.spaces.models import Visibility


class CommunityForm(CleanInput, forms.Form):
    name = forms.CharField(max_length=120)
    purpose = forms.CharField(
        max_length=2000, widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What the community is for and who it is for: people decide to join from this.",
    )  # fmt: skip
    visibility = forms.ChoiceField(
        choices=Visibility.choices, widget=forms.RadioSelect, initial=Visibility.OPEN, label="Who can see it"
    )


class EndorseForm(CleanInput, forms.Form):
    hours_per_month = forms.IntegerField(
        min_value=0, max_value=1000, required=False, label="Time given (hours per month)"
    )
    budget = forms.IntegerField(min_value=0, max_value=100_000_000, required=False, label="Budget (per year)")
    note = forms.CharField(
        max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Why the organization backs it, and what else it gets (a sponsor, a room, a channel).",
    )  # fmt: skip


class WithdrawForm(CleanInput, forms.Form):
    reason = forms.CharField(max_length=300, required=False)


class CommunityPostForm(CleanInput, forms.Form):
    kind = forms.ChoiceField(
        choices=[("tip", "Tip"), ("question", "Question"), ("win", "Win"), ("demo", "Demo")], initial="tip"
    )
    title = forms.CharField(max_length=200)
    body = forms.CharField(
        max_length=20000, widget=forms.Textarea(attrs={"rows": 4}), label="Text (Markdown)"
    )


class CommunityPromptForm(CleanInput, forms.Form):
    title = forms.CharField(max_length=200)
    body = forms.CharField(
        max_length=20000, widget=forms.Textarea(attrs={"rows": 5, "class": "mono"}), label="Prompt"
    )


class InviteForm(CleanInput, forms.Form):
    person = forms.CharField(
        max_length=40, label="Invite someone",
        widget=Picker(source="people:pick", multiple=False, placeholder="Type a name…"),
    )  # fmt: skip

    def clean_person(self) -> int:
        value = str(self.cleaned_data.get("person") or "").split(",")[0].strip()
        if not value.isdigit() or len(value) > 18:
            raise forms.ValidationError("Pick a person from the list.")
        return int(value)


class RequestForm(CleanInput, forms.Form):
    message = forms.CharField(max_length=300, required=False, label="A word for the leads (optional)")
