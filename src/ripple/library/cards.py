"""The prompt card (library list, search results, collections), rendered in Python.

A page shows 20–24 cards; as a template (`{% include %}` with ~45 variables and filters each) the cards
were a fifth of a search page's time (about 180 µs a card, measured with the demo organization). The
markup is the same as the template it replaced; every value is escaped here, the snippet only being
trusted (stored, sanitised search marks). `{% prompt_card prompt snippet %}` (`{% load library %}`).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from ripple.core.templatetags.fast_url import url_for
from ripple.core.templatetags.ripple import avatar_hue, escape, initials, minutes

_REUSED = '<svg aria-hidden="true" viewBox="0 0 20 20"><path d="M4 10a6 6 0 0 1 10.2-4.3L16 4v5h-5l2-2A4 4 0 1 0 14 12h2a6 6 0 0 1-12-2z"/></svg>'  # noqa: E501
_SAVED = '<svg aria-hidden="true" viewBox="0 0 20 20"><path d="M10 2a8 8 0 1 0 0 16 8 8 0 0 0 0-16zm1 8.4 3 1.8-.8 1.3L9.5 11V5h1.5z"/></svg>'  # noqa: E501
_STAR = '<svg aria-hidden="true" viewBox="0 0 20 20"><path d="m10 1.8 2.5 5.2 5.7.8-4.1 4 1 5.6L10 14.7l-5.1 2.7 1-5.6-4.1-4 5.7-.8z"/></svg>'  # noqa: E501


def _s(n: int) -> str:
    return "" if n == 1 else "s"


def stars(value: float | None) -> str:
    return f"{value:.1f}" if value else "–"


def prompt_card(prompt: Any, snippet: str | None = None) -> SafeString:
    """One card. `prompt` needs `owner` and `department` loaded (select_related) like the template did."""
    department = prompt.department
    dept_name = escape(department.name) if department is not None else ""
    head = f'<h3 class="prompt-card-title"><a href="{url_for("library:prompt", prompt.pk)}">{escape(prompt.title)}</a></h3>'  # noqa: E501
    if prompt.visibility != "everyone":
        label = "Private" if prompt.visibility == "private" else f"{dept_name or 'Department'} only"
        head += (
            f'\n    <span class="badge badge-muted" title="{escape(prompt.get_visibility_display())}">'
            f"{label}</span>"
        )
    if prompt.community:
        head += (
            '\n    <span class="badge badge-muted" title="From the community starter pack (prompts.chat), '
            'not written here">Community</span>'
        )
    excerpt = getattr(prompt, "excerpt", "")  # annotated by the list's selector when there is no purpose
    if snippet:
        text = f'<p class="prompt-card-snippet">{snippet}</p>'
    elif prompt.purpose:
        text = f'<p class="prompt-card-purpose">{escape(Truncator(prompt.purpose).chars(180))}</p>'
    elif excerpt:
        text = (
            f'<p class="prompt-card-purpose prompt-card-excerpt">{escape(Truncator(excerpt).chars(180))}</p>'
        )
    else:
        text = ""
    tag_url = url_for("library:index")
    chips = "".join(
        f'<span class="chip chip-tool">{escape(tool)}</span>' for tool in prompt.tool_list
    ) + "".join(
        f'<a class="chip chip-soft" href="{tag_url}?tag={escape(quote(tag, safe="/"))}">#{escape(tag)}</a>'
        for tag in prompt.tag_list[:4]
    )
    owner = escape(prompt.owner.name)
    byline = (
        f'<span class="avatar avatar-xs" data-hue="{avatar_hue(prompt.owner_id)}" aria-hidden="true">'
        f"{escape(initials(prompt.owner.name))}</span>{owner}"
        + (f'<span class="muted"> · {dept_name}</span>' if department is not None else "")
    )
    reuses, saved = prompt.reuse_count, escape(minutes(prompt.minutes_saved_total))
    rated = prompt.rating_count
    if rated:
        rating = stars(prompt.rating_avg)
        star = (
            f'<span class="stat stat-star" title="Rated {rating} of 5 by {rated}">{_STAR}'
            f'<span class="visually-hidden">rated </span>{rating}'
            f'<span class="visually-hidden"> of 5 by {rated}</span></span>'
        )
    else:
        star = (
            f'<span class="stat" title="Not rated yet">{_STAR}<span aria-hidden="true">–</span>'
            '<span class="visually-hidden">not rated yet</span></span>'
        )
    stats = (
        f'<span class="stat" title="Reused {reuses} time{_s(reuses)}">{_REUSED}<span class="visually-hidden">'
        f'Reused </span>{reuses}<span class="visually-hidden"> time{_s(reuses)},</span></span>\n      '
        f'<span class="stat" title="{saved} saved in all">{_SAVED}{saved}<span class="visually-hidden"> '
        f"saved,</span></span>\n      {star}"
    )
    nudge = (
        "" if prompt.has_check_output else '\n  <p class="nudge-inline">No “how to check the output” yet</p>'
    )
    return mark_safe(  # noqa: S308 - every value above is escaped; the snippet is stored, sanitised marks
        f'<article class="prompt-card">\n  <header class="prompt-card-head">\n    {head}\n  </header>\n'
        f"  {text}\n"
        f'  <p class="chips">{chips}</p>\n'
        f'  <footer class="prompt-card-foot">\n    <span class="byline">{byline}</span>\n'
        f'    <span class="stats">\n      {stats}\n    </span>\n  </footer>{nudge}\n</article>'
    )
