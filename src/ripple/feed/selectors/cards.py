"""What a feed card shows beyond the row itself: a plain-text excerpt, the reactions people gave, and
why a question matches the viewer. Worked out from rows already loaded; the reactions of a whole page
cost one query."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from typing import Any

from django.db.models import Count, Q
from django.utils.html import strip_tags

from ripple.core import search
from ripple.feed.models import EMOJI_GLYPHS, Emoji, Post, Reaction
from ripple.people.models import User

EXCERPT_CHARS = 220
# Only the start of the stored HTML is read: a card shows its first lines, however long the post.
_HTML_READ = 6000
_CODE = re.compile(r"<pre\b.*?</pre>", re.S | re.I)  # code says little in a card
_BREAK = re.compile(r"<br\s*/?>|</(?:p|li|blockquote|div|tr|td|th)>", re.I)
_HEADING_END = re.compile(r"\s*</h[1-6]>", re.I)  # "What I asked" runs into its text: "What I asked: …"


def excerpt(body_html: str, limit: int = EXCERPT_CHARS) -> str:
    """The first lines of a post as plain text: Markdown rendered then stripped, cut at a word."""
    text = _BREAK.sub(" ", _HEADING_END.sub(": ", _CODE.sub(" ", (body_html or "")[:_HTML_READ])))
    text = " ".join(html.unescape(strip_tags(text)).split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(" ,.;:-–—") + "…"


def reactions_by_post(ids: Sequence[int], viewer: User) -> dict[int, list[dict[str, Any]]]:
    """For each post id, the emoji people gave with their counts and whether the viewer gave it, in the
    order the buttons are shown. One query for all `ids` (none when there are none)."""
    if not ids:
        return {}
    rows = (
        Reaction.objects.filter(post_id__in=ids)
        .values("post_id", "emoji")
        .annotate(n=Count("id"), mine=Count("id", filter=Q(user=viewer)))
        .order_by()
    )
    order = {e.value: i for i, e in enumerate(Emoji)}
    names = {e.value: e.label.split(" ", 1)[-1] for e in Emoji}  # "👏 Applause" -> "Applause"
    out: dict[int, list[dict[str, Any]]] = {}
    for row in rows:
        out.setdefault(row["post_id"], []).append(
            {"emoji": row["emoji"], "glyph": EMOJI_GLYPHS.get(row["emoji"], ""),
             "name": names.get(row["emoji"], row["emoji"]), "count": row["n"], "mine": bool(row["mine"])}
        )  # fmt: skip
    for given in out.values():
        given.sort(key=lambda r: order.get(r["emoji"], 99))
    return out


def _stems(text: str) -> set[str]:
    # The same crude stem as the similar-questions ranking: the first five letters of each word.
    return {w[:5] for w in search.terms(text[:4000]) if len(w) > 1}


def _listing(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def why_it_matches(post: Post, viewer: User) -> str:
    """Why a question is in the viewer's "Questions I could answer": the skills it mentions, else
    their department (anonymous questions have none), else that it is simply still open."""
    words = _stems(f"{post.title} {post.body}")
    skills = [s for s in viewer.skill_list if _stems(s) and _stems(s) <= words]
    if skills:
        return f"You listed {_listing(skills[:3])}"
    if viewer.department_id and post.department_id == viewer.department_id and viewer.department:
        return f"Asked in your department, {viewer.department.name}"
    return "Still open: nobody has answered yet" if not post.reply_count else "Still looking for an answer"
