"""HTML forms for the library. The actions do the real validation; `apply_errors` puts their
field-level errors back on the form."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from ripple.core import forms as core_forms
from ripple.core.forms import CleanInput
from ripple.library.actions import EXAMPLE_KEYS, EXAMPLES_MAX
from ripple.library.models import MINUTES_MAX, Prompt, Tool, Visibility
from ripple.people.models import Department

VARIABLE_HELP = (
    "Use {{name}} for a blank to fill in, {{name:default}} for a default, "
    "{{tone:warm|formal}} for a choice. Write \\{{ for literal braces."
)


def apply_errors(form: forms.Form, exc: ValidationError) -> None:
    """Attach an action's ValidationError to `form` (examples have no field of their own)."""
    core_forms.apply_errors(form, exc, labels={"examples": "Examples"})


class PromptForm(CleanInput, forms.Form):
    title = forms.CharField(
        max_length=200,
        widget=forms.TextInput(attrs={"placeholder": "e.g. Turn call notes into a follow-up email"}),
    )
    purpose = forms.CharField(
        label="What it is for",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "placeholder": "When would a colleague reach for this?"}),
    )
    body = forms.CharField(
        label="Prompt",
        help_text=VARIABLE_HELP,
        widget=forms.Textarea(attrs={"rows": 12, "class": "mono", "spellcheck": "false"}),
    )
    tools = forms.MultipleChoiceField(
        label="Works with", choices=Tool.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    department = forms.ModelChoiceField(
        label="Department or function", queryset=Department.objects.none(), required=False
    )
    tags = forms.CharField(
        required=False, help_text="Comma-separated, e.g. email, renewals", widget=forms.TextInput()
    )
    check_output = forms.CharField(
        label="How to check the output",
        required=False,
        help_text="What should someone verify before trusting the answer? Facts, numbers, tone, policy…",
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    visibility = forms.ChoiceField(
        label="Who can see it",
        choices=Visibility.choices,
        initial=Visibility.EVERYONE,
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label="What changed", required=False, max_length=300, help_text="Shown in the version history."
    )

    def __init__(
        self, *args: Any, prompt: Prompt | None = None, sharing: tuple[str, Any] | None = None, **kwargs: Any
    ) -> None:
        """`prompt` prefills the form; `sharing` (visibility, department) makes it a fork of `prompt`."""
        if prompt is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "title": prompt.title,
                "purpose": prompt.purpose,
                "body": prompt.body,
                "tools": prompt.tool_list,
                "department": prompt.department_id,
                "tags": ", ".join(prompt.tag_list),
                "check_output": prompt.check_output,
                "visibility": prompt.visibility,
                **{
                    f"example_{i}_{key}": example.get(key, "")
                    for i, example in enumerate(prompt.example_list, start=1)
                    for key in EXAMPLE_KEYS
                },
            }
            if sharing is not None:
                kwargs["initial"]["visibility"] = sharing[0]
                kwargs["initial"]["department"] = getattr(sharing[1], "pk", sharing[1])
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.order_by("name")  # type: ignore[attr-defined]
        if prompt is None or sharing is not None:
            del self.fields["note"]
        existing = len(prompt.example_list) if prompt else 0
        self.example_count = min(max(existing + 1, 2), EXAMPLES_MAX)
        if self.is_bound:
            posted = {k for k in self.data if k.startswith("example_")}
            while self.example_count < EXAMPLES_MAX and f"example_{self.example_count + 1}_input" in posted:
                self.example_count += 1
        for i in range(1, self.example_count + 1):
            self.fields[f"example_{i}_input"] = forms.CharField(
                label=f"Example {i}: input", required=False, widget=forms.Textarea(attrs={"rows": 3})
            )
            self.fields[f"example_{i}_output"] = forms.CharField(
                label=f"Example {i}: output", required=False, widget=forms.Textarea(attrs={"rows": 3})
            )
            self.fields[f"example_{i}_changes"] = forms.CharField(
                label=f"Example {i}: what you changed before using it", required=False
            )

    @property
    def main_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in ("title", "purpose", "body", "check_output")]

    @property
    def sharing_fields(self) -> list[forms.BoundField]:
        names = ["tools", "department", "tags", "visibility"] + (["note"] if "note" in self.fields else [])
        return [self[name] for name in names]

    @property
    def example_rows(self) -> list[list[forms.BoundField]]:
        return [
            [self[f"example_{i}_{key}"] for key in EXAMPLE_KEYS] for i in range(1, self.example_count + 1)
        ]

    def action_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "purpose": data["purpose"],
            "body": data["body"],
            "tools": data["tools"],
            "tags": data["tags"],
            "check_output": data["check_output"],
            "examples": [
                {key: data.get(f"example_{i}_{key}", "") for key in EXAMPLE_KEYS}
                for i in range(1, self.example_count + 1)
            ],
        }


class SuggestionForm(CleanInput, forms.Form):
    title = forms.CharField(max_length=200)
    purpose = forms.CharField(
        label="What it is for", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    body = forms.CharField(
        label="Prompt", help_text=VARIABLE_HELP, widget=forms.Textarea(attrs={"rows": 12, "class": "mono"})
    )
    check_output = forms.CharField(
        label="How to check the output", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    note = forms.CharField(
        label="Why this change", required=False, max_length=500, help_text="Tell the owner what it improves."
    )


class ReuseForm(CleanInput, forms.Form):
    minutes_saved = forms.IntegerField(
        label="Minutes saved", min_value=0, max_value=MINUTES_MAX, initial=15, required=False
    )
    note = forms.CharField(
        label="What did you use it for?", required=False, max_length=500, widget=forms.TextInput()
    )


class RatingForm(CleanInput, forms.Form):
    stars = forms.TypedChoiceField(
        choices=[(n, f"{n} star{'s' if n > 1 else ''}") for n in range(5, 0, -1)],
        coerce=int,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(required=False, max_length=500)


class CollectionForm(CleanInput, forms.Form):
    title = forms.CharField(
        max_length=120, widget=forms.TextInput(attrs={"placeholder": "e.g. Sales starter pack"})
    )
    description = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))
    visibility = forms.ChoiceField(
        label="Who can see it",
        choices=Visibility.choices,
        initial=Visibility.EVERYONE,
        widget=forms.RadioSelect,
    )


class ResolveForm(CleanInput, forms.Form):
    response = forms.CharField(label="Reply (optional)", required=False, max_length=500)
