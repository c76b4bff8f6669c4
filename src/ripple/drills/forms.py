"""HTML input for drills. Spans come from the marking script (hidden start/end inputs) or, without
JavaScript, from quoted text or line numbers; the action validates them against the output."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import QueryDict

from ripple.core.forms import CleanInput
from ripple.drills.models import OutputKind, Severity

KEY_ROWS = 6
FALLBACK_ROWS = 4


class DrillForm(CleanInput, forms.Form):
    title = forms.CharField(max_length=160, help_text="What people will try, e.g. “Quarterly churn summary”.")
    kind = forms.ChoiceField(
        choices=OutputKind.choices, initial=OutputKind.TEXT, widget=forms.RadioSelect, label="The output is"
    )
    language = forms.CharField(max_length=40, required=False, label="Language (for code)")
    tool = forms.CharField(max_length=80, required=False, label="Tool or model (optional)")
    prompt = forms.CharField(
        max_length=8000, widget=forms.Textarea(attrs={"rows": 3}), help_text="The prompt that produced it."
    )
    output = forms.CharField(
        max_length=20000, strip=False, widget=forms.Textarea(attrs={"rows": 12, "class": "mono"}),
        label="AI output", help_text="Pasted exactly as the tool gave it.",
    )  # fmt: skip
    space = forms.TypedChoiceField(
        coerce=int, required=False, empty_value=None, label="Cohort space (optional)",
        help_text="A drill in a private space is seen only by its members.",
    )  # fmt: skip
    week = forms.IntegerField(required=False, min_value=1, max_value=52, label="Cohort week (optional)")

    def __init__(self, *args: Any, spaces: list[Any] = (), **kwargs: Any) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        self.fields["space"].choices = [("", "The whole organization")] + [(s.pk, s.name) for s in spaces]  # type: ignore[attr-defined]
        for i in range(1, KEY_ROWS + 1):
            self.fields[f"flaw_{i}_quote"] = forms.CharField(
                max_length=4000, required=False, strip=False, label=f"Flaw {i}: the exact text",
                widget=forms.Textarea(attrs={"rows": 2}),
                help_text="Copied from the output" if i == 1 else "",
            )  # fmt: skip
            self.fields[f"flaw_{i}_lines"] = forms.CharField(
                max_length=20, required=False, label=f"Flaw {i}: or line numbers", help_text="e.g. 7 or 7-9"
            )
            self.fields[f"flaw_{i}_explanation"] = forms.CharField(
                max_length=4000, required=False, label=f"Flaw {i}: what is wrong",
                widget=forms.Textarea(attrs={"rows": 2}),
            )  # fmt: skip
            self.fields[f"flaw_{i}_severity"] = forms.ChoiceField(
                choices=Severity.choices, initial=Severity.MAJOR, required=False, label=f"Flaw {i}: severity"
            )

    def flaw_rows(self) -> list[list[forms.BoundField]]:
        return [
            [self[f"flaw_{i}_{part}"] for part in ("quote", "lines", "explanation", "severity")]
            for i in range(1, KEY_ROWS + 1)
        ]

    def main_fields(self) -> list[forms.BoundField]:
        return [
            self[name] for name in ("title", "kind", "language", "tool", "prompt", "output", "space", "week")
        ]

    def flaws(self) -> list[dict[str, Any]]:
        out = []
        for i in range(1, KEY_ROWS + 1):
            quote = self.cleaned_data.get(f"flaw_{i}_quote") or ""
            lines = self.cleaned_data.get(f"flaw_{i}_lines") or ""
            explanation = self.cleaned_data.get(f"flaw_{i}_explanation") or ""
            if quote.strip() or lines.strip() or explanation.strip():
                out.append(
                    {"quote": quote.strip("\r\n") if quote.strip() else "", "lines": lines,
                     "explanation": explanation, "severity": self.cleaned_data.get(f"flaw_{i}_severity")}
                )  # fmt: skip
        return out


def marks_from_post(post: QueryDict) -> list[dict[str, Any]]:
    """The marks of an attempt form: those the script added (`mark_start`/`mark_end`/`mark_reason`,
    repeated) and the no-script rows (`quote_N` or `lines_N`, with `reason_N`)."""
    marks: list[dict[str, Any]] = []
    starts, ends, reasons = post.getlist("mark_start"), post.getlist("mark_end"), post.getlist("mark_reason")
    for i, (start, end) in enumerate(zip(starts, ends, strict=False)):
        try:
            span: dict[str, Any] = {"start": int(start), "end": int(end)}
        except ValueError:
            span = {"start": -1, "end": -1}
        marks.append({**span, "reason": reasons[i] if i < len(reasons) else ""})
    for i in range(1, FALLBACK_ROWS + 1):
        quote, lines = post.get(f"quote_{i}", ""), post.get(f"lines_{i}", "").strip()
        reason = post.get(f"reason_{i}", "")
        if quote.strip():
            marks.append({"quote": quote.strip("\r\n"), "reason": reason})
        elif lines:
            marks.append({"lines": lines, "reason": reason})
        elif reason.strip():
            marks.append({"reason": reason})  # the action says where is missing
    return marks
