"""The feed's template helpers (`{% load feed %}`)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import SafeString

from ripple.feed import postcard

register = template.Library()


@register.simple_tag
def post_card(post: Any, snippet: str | None = None) -> SafeString:
    """A post card (see feed.postcard: rendered in Python, the markup the template gave)."""
    return postcard.post_card(post, snippet)
