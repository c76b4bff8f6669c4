"""What every app's HTML forms share: the input rules (`CleanInput`), putting an action's
ValidationError onto a form (`apply_errors`) or into one line (`error_text`), the same way in every app."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from ripple.core.api import INT_MAX, INT_MIN, text_problem


def validate_storable_text(value: Any) -> None:
    """The API's text rule for forms: no NUL (PostgreSQL cannot store it), no lone surrogate."""
    problem = text_problem(value) if isinstance(value, str) else None
    if problem:
        raise ValidationError(problem, code="unstorable_text")


def validate_storable_int(value: Any) -> None:
    """The API's integer rule for forms: within the database's 64-bit signed range."""
    if isinstance(value, int) and not INT_MIN <= value <= INT_MAX:
        raise ValidationError("The number is out of range.", code="out_of_range")


class CleanInput:
    """Mix into every form (`class PostForm(CleanInput, forms.Form)`): each of its text and integer
    fields, including fields added in `__init__`, refuses what the database cannot store (the API's
    rules, `ripple.core.api`) with an error on that field."""

    fields: dict[str, forms.Field]

    def full_clean(self) -> None:
        for field in self.fields.values():
            rule = (
                validate_storable_text
                if isinstance(field, forms.CharField)
                else validate_storable_int
                if isinstance(field, forms.IntegerField)
                else None
            )
            if rule is not None and rule not in field.validators:
                field.validators.append(rule)
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


def error_text(exc: ValidationError, labels: Mapping[str, str] | None = None) -> str:
    """`exc` as one line, for a view with no form to put it on (a flash message, a status page): every
    message in order, prefixed with `labels[name]` when given."""
    if not hasattr(exc, "error_dict"):
        return " ".join(exc.messages)
    parts: list[str] = []
    for name, messages in exc.message_dict.items():
        label = (labels or {}).get(name, "")
        parts.extend(f"{label}: {m}" if label else m for m in messages)
    return " ".join(parts)
