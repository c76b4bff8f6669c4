"""HTML forms for challenges (validation of what a person types; the rules themselves are in actions)."""

from __future__ import annotations

from django import forms

from ripple.challenges.models import DEFAULT_VOTES, MAX_CRITERIA, SCORE_MAX, SCORE_MIN, EntryKind
from ripple.core.forms import CleanInput
from ripple.core.widgets import Picker
from ripple.people.models import User


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M")


def _people() -> forms.ModelMultipleChoiceField:
    return forms.ModelMultipleChoiceField(
        queryset=User.objects.filter(is_active=True).order_by("name"),
        required=False,
        widget=Picker(source="people:pick", placeholder="Type a name…"),
    )


class ChallengeForm(CleanInput, forms.Form):
    title = forms.CharField(max_length=160, help_text="e.g. “Promptathon: the weekly report in ten minutes”.")
    brief = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 6}), max_length=20_000,
        help_text="What should people make, for whom? Markdown works.",
    )  # fmt: skip
    rules = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}), max_length=10_000, required=False,
        help_text="Optional: what is allowed, what data may not be used. Markdown works.",
    )  # fmt: skip
    entry_kind = forms.ChoiceField(choices=EntryKind.choices, initial=EntryKind.INDIVIDUAL, label="Entries")
    submissions_open_at = forms.DateTimeField(widget=DateTimeInput(), label="Entries open")
    submissions_close_at = forms.DateTimeField(widget=DateTimeInput(), label="Entries close")
    voting_open_at = forms.DateTimeField(
        widget=DateTimeInput(), label="Voting opens", help_text="May overlap the entry window."
    )
    voting_close_at = forms.DateTimeField(widget=DateTimeInput(), label="Voting closes")
    votes_per_member = forms.IntegerField(
        min_value=1, max_value=20, initial=DEFAULT_VOTES, label="Votes per member",
        help_text="Each member may give at most one vote to an entry, never to their own.",
    )  # fmt: skip
    judges = _people()
    judges.help_text = "Optional: the people who score each entry against the criteria below."


def criteria_from_post(data: object) -> list[tuple[str, str]]:
    """The criteria rows of the form (`criterion_name` / `criterion_description`, repeated)."""
    names = data.getlist("criterion_name")  # type: ignore[attr-defined]
    descriptions = data.getlist("criterion_description")  # type: ignore[attr-defined]
    descriptions += [""] * (len(names) - len(descriptions))
    return [(str(n)[:200], str(d)[:400]) for n, d in zip(names, descriptions, strict=False)]


CRITERIA_ROWS = range(MAX_CRITERIA)


class EntryForm(CleanInput, forms.Form):
    title = forms.CharField(max_length=160, label="Entry title")
    description = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5}), max_length=10_000, required=False,
        help_text="What it does, who it helps, what you learned. Markdown works.",
    )  # fmt: skip
    teammates = _people()
    teammates.help_text = "The people on your team (each person can be on one entry per challenge)."
    prompt_ids = forms.CharField(
        max_length=500, required=False, label="Library prompts",
        help_text="Search the library by title; only prompts shared with everyone (up to 5).",
        widget=Picker(source="library:pick", joined=True, placeholder="Search prompts by title…"),
    )  # fmt: skip
    new_prompt_title = forms.CharField(
        max_length=120, required=False, label="Or share a new prompt: its title"
    )
    new_prompt_body = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5}), max_length=20_000, required=False, label="The prompt",
        help_text="It goes into the library (shared with everyone) and the challenge's collection.",
    )  # fmt: skip
    demo_url = forms.CharField(
        max_length=500, required=False, label="Demo link", help_text="A video or page showing it (https://…)."
    )
    attachment = forms.FileField(required=False, help_text="Or a file, up to 5 MB (people download it).")
    remove_attachment = forms.BooleanField(required=False, label="Remove the current file")

    def __init__(self, *args: object, team: bool = False, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        if not team:
            del self.fields["teammates"]

    def clean_prompt_ids(self) -> list[int]:
        ids = []
        for item in str(self.cleaned_data.get("prompt_ids") or "").split(","):
            item = item.strip()
            if not item:
                continue
            if not item.isdigit() or len(item) > 18:
                raise forms.ValidationError("Choose prompts from the list.")
            ids.append(int(item))
        return ids


class ScoreForm(CleanInput, forms.Form):
    """One 1–5 choice per criterion (fields `criterion_<id>`)."""

    def __init__(
        self, *args: object, criteria: list, initial_scores: dict[int, int], **kwargs: object
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        choices = [(str(v), str(v)) for v in range(SCORE_MIN, SCORE_MAX + 1)]
        for c in criteria:
            self.fields[f"criterion_{c.pk}"] = forms.TypedChoiceField(
                choices=choices, coerce=int, widget=forms.RadioSelect, label=c.name, help_text=c.description,
                required=False, initial=str(initial_scores[c.pk]) if c.pk in initial_scores else None,
            )  # fmt: skip

    def scores(self) -> dict[int, int]:
        return {
            int(name.removeprefix("criterion_")): value
            for name, value in self.cleaned_data.items()
            if name.startswith("criterion_") and value not in (None, "")
        }
