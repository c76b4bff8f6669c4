"""core.forms: an action's ValidationError onto a form, or into one line, the same way in every app."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from ripple.core.forms import apply_errors, error_text


class TitleForm(forms.Form):
    title = forms.CharField(required=False)


def test_apply_errors_puts_field_errors_on_fields_and_the_rest_on_top():
    form = TitleForm(data={"title": "x"})
    assert form.is_valid()
    apply_errors(
        form,
        ValidationError({"title": ["Too short."], "examples": ["Two at most."], "__all__": ["No."]}),
        labels={"examples": "Examples"},
    )
    assert form.errors["title"] == ["Too short."]
    assert form.non_field_errors() == ["Examples: Two at most.", "No."]
    plain = TitleForm(data={})
    plain.is_valid()
    apply_errors(plain, ValidationError(["One.", "Two."]))
    assert plain.non_field_errors() == ["One.", "Two."]


def test_error_text_is_every_message_in_one_line():
    assert error_text(ValidationError("Only the owner may do that.")) == "Only the owner may do that."
    assert error_text(ValidationError(["One.", "Two."])) == "One. Two."
    exc = ValidationError({"examples": ["Two at most."], "title": ["Too short."]})
    assert error_text(exc) == "Two at most. Too short."
    assert error_text(exc, labels={"examples": "Examples"}) == "Examples: Two at most. Too short."
