"""`{% url %}` with the reversing done once per URL name: every template gets it (a builtin after
Django's own, so it replaces the `url` tag; what it outputs is the same).

Reversing is the most expensive thing in a card loop (a feed page reversed ~70 URLs, ~12 % of its
render). For a name with no arguments, or with only non-negative integer ones (ids: the int
converter's `str(n)`), the URL is reversed once with stand-in numbers and kept as a pattern; later
calls fill in the ids. Anything else (keyword or text arguments) goes to Django's tag unchanged.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.conf import settings
from django.template.base import Parser, Token
from django.template.context import Context
from django.template.defaulttags import URLNode
from django.template.defaulttags import url as django_url
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils.html import conditional_escape

register = template.Library()

_STAND_IN = 917_352_468_000  # digits no real URL part has; + position for each argument
_patterns: dict[tuple[Any, ...], list[str]] = {}


def _pattern(view_name: str, count: int, current_app: str | None) -> list[str]:
    """The URL split around its arguments: parts[0] + str(arg0) + parts[1] + …"""
    key = (view_name, count, current_app, get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF)
    parts = _patterns.get(key)
    if parts is None:
        stand_ins = [str(_STAND_IN + i) for i in range(count)]
        url = reverse(view_name, args=stand_ins, current_app=current_app)
        parts = []
        for stand_in in stand_ins:
            before, found, url = url.partition(stand_in)
            if not found:
                raise ValueError(view_name)  # the argument is not in the path as given: no shortcut
            parts.append(before)
        parts.append(url)
        if len(_patterns) > 2000:  # bounded: names × prefixes are few; never grow without limit
            _patterns.clear()
        _patterns[key] = parts
    return parts


class CachedURLNode(URLNode):
    def render(self, context: Context) -> str:
        if self.kwargs:
            return super().render(context)
        args = [arg.resolve(context) for arg in self.args]
        if not all(type(a) is int and a >= 0 for a in args):
            return super().render(context)
        request = getattr(context, "request", None)
        current_app = getattr(request, "current_app", None)  # as Django's tag finds it
        if current_app is None:
            match = getattr(request, "resolver_match", None)
            current_app = match.namespace if match else None
        try:
            parts = _pattern(self.view_name.resolve(context), len(args), current_app)
        except (ValueError, NoReverseMatch):
            return super().render(context)  # Django's error (or "" with `as var`)
        url = parts[0] + "".join(str(a) + part for a, part in zip(args, parts[1:], strict=True))
        if self.asvar:
            context[self.asvar] = url
            return ""
        return conditional_escape(url) if context.autoescape else url


@register.tag
def url(parser: Parser, token: Token) -> URLNode:
    node = django_url(parser, token)
    return CachedURLNode(node.view_name, node.args, node.kwargs, node.asvar)


def url_for(view_name: str, *ids: int) -> str:
    """The URL of `view_name` with integer `ids`, from the kept pattern (for HTML built in Python)."""
    if not all(type(a) is int and a >= 0 for a in ids):
        return reverse(view_name, args=ids)
    parts = _pattern(view_name, len(ids), None)
    return parts[0] + "".join(str(a) + part for a, part in zip(ids, parts[1:], strict=True))
