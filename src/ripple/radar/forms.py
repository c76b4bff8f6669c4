from __future__ import annotations

from django import forms

from ripple.core.forms import CleanInput
from ripple.core.widgets import Picker
from ripple.people.models import User
from ripple.radar.models import HarvestKind


class CandidateForm(CleanInput, forms.Form):
    kind = forms.ChoiceField(choices=HarvestKind.choices, label="Publish as", widget=forms.RadioSelect)
    title = forms.CharField(max_length=200, label="Title")
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 10}), max_length=20_000, label="Text")


class LinkForm(CleanInput, forms.Form):
    person = forms.ModelChoiceField(
        queryset=User.objects.filter(is_active=True).order_by("name"), label="Ripple person",
        widget=Picker(source="people:pick", multiple=False, placeholder="Type a name…"),
    )  # fmt: skip
