"""The feed's post card, rendered in Python (`{% post_card post snippet %}`, `{% load feed %}`).

Twenty cards a page; as an included template they were a third of the feed page's time (about 230 µs
a card, measured with the demo organization). The markup is the one the template gave. It shows only
what `selectors.present` decided the viewer may see (`shown_author` is None when the author is hidden)
and escapes every value; the snippet alone is trusted (search marks over escaped text).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from django.utils.safestring import SafeString, mark_safe

from ripple.core.templatetags.fast_url import url_for
from ripple.core.templatetags.ripple import avatar_hue, escape, initials, minutes, when

_ANON_AVATAR = '<span class="avatar avatar-sm avatar-anon" aria-hidden="true">?</span>'


def _reactions(given: list[dict[str, Any]]) -> str:
    if not given:
        return ""
    spans = "".join(
        f'<span class="reaction-count{" is-mine" if r["mine"] else ""}" title="{escape(r["name"])}">'
        f'<span aria-hidden="true">{escape(r["glyph"])}</span> {escape(r["count"])}'
        f'<span class="visually-hidden"> {escape(r["name"])}</span></span>'
        for r in given
    )
    return f'<span class="post-reactions" role="group" aria-label="Reactions">{spans}</span>'


def _space(post: Any) -> str:
    if not post.space_id:
        return ""
    name = escape(post.space.name)
    link = post.space.get_absolute_url()
    badge = (
        f'<a class="badge badge-space" href="{escape(link)}">{name}</a>'
        if link
        else f'<span class="badge badge-space">{name}</span>'
    )
    return f"· {badge}"


def post_card(post: Any, snippet: str | None = None) -> SafeString:
    """One card of a post `selectors.present` prepared for the viewer."""
    pk, kind = post.pk, escape(post.kind)
    url = url_for("feed:post", pk)
    author = post.shown_author
    if post.anonymous or author is None:
        avatar = _ANON_AVATAR
    else:
        avatar = (
            f'<span class="avatar avatar-sm" data-hue="{avatar_hue(author.pk)}" aria-hidden="true">'
            f"{escape(initials(author.name))}</span>"
        )
    if author is not None:
        byline = f'<a href="{url_for("people:profile", author.pk)}">{escape(author.name)}</a>' + (
            ' <span class="badge badge-muted">anonymous to others</span>' if post.anonymous else ""
        )
    else:
        byline = '<span class="anon">Anonymous</span>'
    solved = ""
    if post.kind == "question":
        solved = (
            '<span class="badge badge-accepted">Solved</span>'
            if post.accepted_reply_id
            else '<span class="badge badge-pending">Unsolved</span>'
        )
    meta = [
        byline,
        f"· {when(post.created_at)}",
        f"· {escape(post.department.name)}" if post.department else "",
        _space(post),
        f"· saved {escape(minutes(post.minutes_saved))}" if post.kind == "win" and post.minutes_saved else "",
    ]
    excerpt = getattr(post, "excerpt", "")
    if snippet:
        text = f'<p class="post-snippet">{snippet}</p>'
    elif excerpt:
        text = f'<p class="post-excerpt">{escape(excerpt)}</p>'
    else:
        text = ""
    reason = getattr(post, "why", "")  # set on the questions tab: why this question is for the viewer
    why = (
        f'<p class="post-why small"><span aria-hidden="true">💡</span> {escape(reason)}</p>' if reason else ""
    )
    replies = post.reply_count
    topics = ""
    if post.topic_names:
        index = url_for("feed:index")
        chips = "".join(
            f'<a class="chip chip-soft" href="{index}?topic={escape(quote(name, safe="/"))}">'
            f"#{escape(name)}</a>"
            for name in post.topic_names
        )
        topics = f'<span class="chips">{chips}</span>'
    return mark_safe(  # noqa: S308 - every value above is escaped; the snippet is escaped text with marks
        f'<article class="post-card post-{kind}" aria-labelledby="post-title-{pk}">\n  {avatar}\n'
        f'  <div class="post-card-main">\n    <header class="post-card-head">\n'
        f'      <span class="badge badge-kind kind-{kind}">{escape(post.get_kind_display())}</span>\n'
        f"      {solved}\n"
        f'      <h2 class="post-card-title" id="post-title-{pk}">'
        f'<a href="{url}">{escape(post.title)}</a></h2>\n'
        f'    </header>\n    <p class="post-meta muted small">\n      '
        + "\n      ".join(meta)
        + f"\n    </p>\n    {text}\n    {why}\n"
        f'    <footer class="post-card-foot small">\n      {_reactions(post.reactions_given)}\n'
        f'      <a class="post-replies" href="{url}#replies-title"><span aria-hidden="true">💬</span> '
        f"{replies} repl{'y' if replies == 1 else 'ies'}</a>\n      {topics}\n"
        "    </footer>\n  </div>\n</article>"
    )
