"""Small display helpers for library pages (`{% load library %}`)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import SafeString

from ripple.library import cards

register = template.Library()


@register.filter
def stars(value: float | None) -> str:
    return cards.stars(value)


@register.simple_tag
def prompt_card(prompt: Any, snippet: str | None = None) -> SafeString:
    """A prompt card (see library.cards: rendered in Python, the same markup as a template would give)."""
    return cards.prompt_card(prompt, snippet)


@register.filter
def get_item(mapping: dict[object, object], key: object) -> object:
    return mapping.get(key) if mapping else None
