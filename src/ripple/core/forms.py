"""Putting an action's ValidationError onto an HTML form (or into one line), the same way in every app."""

from __future__ import annotations

from collections.abc import Mapping

from django import forms
from django.core.exceptions import ValidationError


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
