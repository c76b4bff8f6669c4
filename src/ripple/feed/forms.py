"""HTML input for the sharing space; field-level, human-readable errors."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied

from ripple.core.forms import CleanInput
from ripple.core.widgets import Picker
from ripple.feed.models import ANONYMOUS_KINDS, PostKind
from ripple.people.models import Department, User
from ripple.spaces import access as space_access

KIND_HELP = {
    "win": "What did you do, with which tool, and how much time did it save?",
    "tip": "A trick that works: what to do, and when it helps.",
    "question": "Ask anything — there are no stupid questions here. You can ask anonymously.",
    "ai_fail": "Blameless: AI fails are how we all learn. Say what you asked, what went wrong, "
    "how you noticed and the lesson. You can post anonymously.",
    "demo": "Show something you built or a workflow you use; link a recording or a prompt.",
}

EVERYONE = "Everyone (the whole feed)"
NOT_YOUR_SPACE = "You can post only to everyone or to a community or cohort you are a member of."
SPACE_KINDS = {"community": "Communities", "cohort": "Cohorts"}

SENSITIVE_FIELDS = ("title", "body", "fail_asked", "fail_wrong", "fail_noticed", "fail_lesson")


class PostForm(CleanInput, forms.Form):
    kind = forms.ChoiceField(choices=PostKind.choices, widget=forms.RadioSelect, initial="win")
    title = forms.CharField(max_length=200)
    body = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 8}), required=False, max_length=20000, label="Text (Markdown)"
    )
    tool = forms.CharField(max_length=80, required=False, label="Tool used")
    minutes_saved = forms.IntegerField(min_value=0, max_value=100_000, required=False, label="Minutes saved")
    fail_asked = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=4000, label="What I asked"
    )
    fail_wrong = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=4000, label="What went wrong"
    )
    fail_noticed = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=4000, label="How I noticed"
    )
    fail_lesson = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=4000, label="The lesson"
    )
    anonymous = forms.BooleanField(
        required=False, label="Post anonymously (only you and audited admins can see it is yours)"
    )
    department = forms.ModelChoiceField(
        queryset=Department.objects.order_by("name"), required=False, empty_label="No department"
    )
    topics = forms.CharField(
        max_length=400, required=False, help_text="Comma-separated, e.g. excel, summaries"
    )

    prompt_ids = forms.CharField(
        max_length=500, required=False, label="Library prompts (optional)",
        help_text="Search the library by title; link up to 10.",
        widget=Picker(source="library:pick", joined=True, placeholder="Search prompts by title…"),
    )  # fmt: skip

    space = forms.ChoiceField(
        choices=[("", EVERYONE)], required=False, label="Post to",
        help_text="Everyone, or a community or cohort you belong to (a private one's members alone see it).",
        error_messages={"invalid_choice": NOT_YOUR_SPACE},
    )  # fmt: skip

    def __init__(
        self, *args: Any, spaces: list[Any] | None = None, viewer: Any = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self._spaces, self._viewer = {str(s.pk): s for s in spaces or []}, viewer
        groups: dict[str, list[tuple[str, str]]] = {}
        for key, s in self._spaces.items():
            groups.setdefault(s.kind, []).append((key, s.name))
        choices: list[Any] = [("", EVERYONE)]
        if len(groups) > 1:  # communities and cohorts apart
            choices += [(SPACE_KINDS.get(kind, kind.capitalize()), items) for kind, items in groups.items()]
        else:
            choices += [item for items in groups.values() for item in items]
        field: Any = self.fields["space"]
        field.choices = choices
        if not self._spaces:
            field.widget = forms.HiddenInput()

    def clean_space(self) -> Any:
        """The Space object (None: everyone's feed). Only one of the choices — spaces the author belongs
        to — and `spaces.access.require_can_post` checks it again (membership can change meanwhile)."""
        value = str(self.cleaned_data.get("space") or "")
        space = self._spaces.get(value) if value else None
        if space is not None and self._viewer is not None:
            try:
                space_access.require_can_post(self._viewer, space)
            except PermissionDenied as exc:
                raise forms.ValidationError(NOT_YOUR_SPACE) from exc
        return space

    def clean_prompt_ids(self) -> list[int]:
        ids = []
        for item in str(self.cleaned_data.get("prompt_ids") or "").split(","):
            item = item.strip()
            if not item:
                continue
            match = re.search(r"(\d+)/?$", item)
            if not match:
                raise forms.ValidationError(f"“{item[:40]}” is not a prompt link or number.")
            ids.append(int(match.group(1)))
        if len(ids) > 10:
            raise forms.ValidationError("Link at most 10 prompts.")
        return ids

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("anonymous") and data.get("kind") not in [k.value for k in ANONYMOUS_KINDS]:
            self.add_error("anonymous", "Only questions and AI fails can be posted anonymously.")
        return data


class EditPostForm(PostForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("kind", "anonymous", "prompt_ids", "space"):  # a post stays where it was posted
            self.fields.pop(name)

    def clean(self) -> dict[str, Any]:
        return forms.Form.clean(self) or {}


class PromoteForm(CleanInput, forms.Form):
    """The prompt a post becomes, prefilled from it (feed.selectors.promotion_draft) and editable."""

    title = forms.CharField(max_length=200)
    purpose = forms.CharField(
        label="What it is for", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    body = forms.CharField(
        label="Prompt", max_length=20000, widget=forms.Textarea(attrs={"rows": 10, "class": "mono"}),
        help_text="Turn the specifics into blanks: {{customer}}, {{tone:warm|formal}} for a choice.",
    )  # fmt: skip
    check_output = forms.CharField(
        label="How to check the output", required=False, max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="What should someone verify before trusting the answer? Facts, numbers, tone, policy…",
    )  # fmt: skip
    tags = forms.CharField(required=False, max_length=400, help_text="Comma-separated")


class ReplyForm(CleanInput, forms.Form):
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), max_length=10000, label="Your reply")
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)


class KudosForm(CleanInput, forms.Form):
    to = forms.ModelMultipleChoiceField(
        queryset=User.objects.filter(is_active=True).order_by("name"), label="To",
        widget=Picker(source="people:pick", placeholder="Type a name…"),
        help_text="Search by name; add as many people as helped.",
    )  # fmt: skip
    message = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), max_length=1000, label="Message")
    post = forms.IntegerField(required=False, widget=forms.HiddenInput)
    prompt = forms.IntegerField(required=False, widget=forms.HiddenInput)


class ReportForm(CleanInput, forms.Form):
    reason = forms.CharField(max_length=500, label="What is wrong with this post?")


class RevealForm(CleanInput, forms.Form):
    reason = forms.CharField(max_length=500, label="Why do you need to know who wrote this? (recorded)")
