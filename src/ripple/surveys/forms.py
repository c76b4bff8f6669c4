"""Input forms for surveys. Answers are parsed from the POST here and validated by the action."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import QueryDict

from ripple.people.models import Department, Team, User
from ripple.surveys.models import Audience, Kind, PairRole, Question, Round


class InstrumentForm(forms.Form):
    title = forms.CharField(max_length=160)
    description = forms.CharField(
        max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Shown at the top of the survey: why you ask and how long it takes.",
    )  # fmt: skip


class NewInstrumentForm(InstrumentForm):
    start = forms.ChoiceField(
        choices=[
            ("builtin", "Start from the built-in “AI capability and confidence” questions"),
            ("empty", "Start empty"),
        ],
        initial="builtin", widget=forms.RadioSelect,
    )  # fmt: skip


class QuestionForm(forms.Form):
    kind = forms.ChoiceField(choices=Kind.choices, label="Type")
    text = forms.CharField(max_length=300, label="Question")
    help_text = forms.CharField(max_length=300, required=False, label="Hint (optional)")
    required = forms.BooleanField(required=False, initial=True, label="An answer is required")
    scale = forms.TypedChoiceField(
        choices=[(5, "1 to 5"), (7, "1 to 7")], coerce=int, initial=5, required=False, label="Scale",
        help_text="For scale questions.",
    )  # fmt: skip
    low_label = forms.CharField(
        max_length=60, required=False, label="Label of the low end", help_text="e.g. Strongly disagree"
    )
    high_label = forms.CharField(
        max_length=60, required=False, label="Label of the high end", help_text="e.g. Strongly agree"
    )
    choices = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 4}), label="Choices",
        help_text="For single and multiple choice: one per line.",
    )  # fmt: skip

    @staticmethod
    def initial_for(question: Question) -> dict[str, Any]:
        return {
            "kind": question.kind, "text": question.text, "help_text": question.help_text,
            "required": question.required, "scale": question.scale, "low_label": question.low_label,
            "high_label": question.high_label, "choices": "\n".join(question.choices),
        }  # fmt: skip


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M")


class TeamChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.department.name} · {obj.name}"


class RoundForm(forms.Form):
    title = forms.CharField(max_length=160, help_text="People see this in their list, e.g. “AI pulse — Q3”.")
    opens_at = forms.DateTimeField(widget=DateTimeInput(), label="Opens")
    closes_at = forms.DateTimeField(widget=DateTimeInput(), label="Closes")
    remind_at = forms.DateTimeField(
        widget=DateTimeInput(), required=False, label="Remind people who have not answered",
        help_text="Once. Leave empty for two days before closing.",
    )  # fmt: skip
    min_group = forms.IntegerField(
        label="Minimum group size", min_value=3, max_value=1000,
        help_text="No figure is shown for fewer answers than this. Never below 3.",
        error_messages={"min_value": "The minimum group size can never be below 3."},
    )  # fmt: skip
    audience = forms.ChoiceField(
        choices=Audience.choices, widget=forms.RadioSelect, initial=Audience.EVERYONE
    )
    departments = forms.ModelMultipleChoiceField(
        queryset=Department.objects.order_by("name"), required=False, widget=forms.CheckboxSelectMultiple
    )
    teams = TeamChoiceField(
        queryset=Team.objects.select_related("department").order_by("department__name", "name"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )  # fmt: skip
    people = forms.ModelMultipleChoiceField(
        queryset=User.objects.filter(is_active=True).order_by("name"), required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )  # fmt: skip
    pair_role = forms.ChoiceField(choices=PairRole.choices, required=False, label="Before/after pairing")
    paired_with = forms.ModelChoiceField(
        queryset=Round.objects.filter(pair_role="before", after_round__isnull=True), required=False,
        label="Before round (for an “after” round)",
    )  # fmt: skip

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        opens, closes = data.get("opens_at"), data.get("closes_at")
        if opens and closes and closes <= opens:
            self.add_error("closes_at", "The round must close after it opens.")
        return data


def answers_from_post(questions: list[Question], post: QueryDict) -> dict[str, Any]:
    """The submitted answers in the API's shape: {"<question id>": value}."""
    out: dict[str, Any] = {}
    for q in questions:
        name = f"q{q.pk}"
        if q.kind == Kind.MULTI:
            out[str(q.pk)] = post.getlist(name)
            continue
        raw = post.get(name, "")
        if q.kind == Kind.LIKERT:
            out[str(q.pk)] = int(raw) if raw.isdigit() and len(raw) < 4 else (raw or None)
        else:
            out[str(q.pk)] = raw
    return out
