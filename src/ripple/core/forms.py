"""What every app's HTML forms share: the text rule (`CleanText`) and putting an action's
ValidationError onto a form (`apply_errors`), the same way in every app."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from ripple.core.api import text_problem


def validate_storable_text(value: Any) -> None:
    """The API's text rule for forms: no NUL (PostgreSQL cannot store it), no lone surrogate."""
    problem = text_problem(value) if isinstance(value, str) else None
    if problem:
        raise ValidationError(problem, code="unstorable_text")


class CleanText:
    """Mix into every form (`class PostForm(CleanText, forms.Form)`): each of its text fields, including
    fields added in `__init__`, refuses text the database cannot store with an error on that field."""

    fields: dict[str, forms.Field]

    def full_clean(self) -> None:
        for field in self.fields.values():
            if isinstance(field, forms.CharField) and validate_storable_text not in field.validators:
                field.validators.append(validate_storable_text)
        super().full_clean()  # type: ignore[misc]


def apply_errors(form: forms.BaseForm, exc: ValidationError, labels: Mapping[str, str] | None = None) -> None:
    """Attach `exc` to `form`: per field where the form has that field, else on top of the form
    (prefixed with `labels[name]` when given) — never the ValueError Django raises for unknown fields."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc.messages)
        return
    for name, messages in exc.message_dict.items():
        if name in form.fields:
            form.add_error(name, messages)
        else:
            label = (labels or {}).get(name, "")
            form.add_error(None, [f"{label}: {m}" if label else m for m in messages])
