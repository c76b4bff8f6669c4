"""Questions already asked that look like the one being typed, ranked by `core.search.rank` (the
library's ranking) over the newest posts."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q
from django.utils.html import escape

from ripple.core import search
from ripple.feed.models import POST_SEARCH, Post, PostKind, PostState
from ripple.people.models import User
from ripple.spaces import access as space_access


@dataclass
class Similar:
    post: Post
    snippet: str


SIMILAR_CANDIDATES = 200
SIMILAR_WINDOW = 10_000  # the newest posts whose questions are ranked: the lookup runs while typing


def _stems(text: str) -> set[str]:
    # A crude stem (first five letters) is enough to find the words to highlight in an excerpt.
    return {w[:5] for w in search.terms(text[:2000]) if len(w) > 1}


def _excerpt(text: str, stems: set[str], words: int = 16) -> str:
    """An HTML-escaped excerpt of `text` around its first matching word, matches in <mark>."""
    tokens = text.split()
    hits = [i for i, tok in enumerate(tokens) if _stems(tok) & stems]
    if not hits:
        return ""
    start = max(0, hits[0] - words // 3)
    window = tokens[start : start + words]
    out = [f"<mark>{escape(tok)}</mark>" if _stems(tok) & stems else str(escape(tok)) for tok in window]
    return ("… " if start else "") + " ".join(out) + (" …" if start + words < len(tokens) else "")


def similar_questions(
    *, viewer: User, title: str, limit: int = 5, exclude_id: int | None = None
) -> list[Similar]:
    """Questions already asked that match `title`, best first by `core.search.rank` (the library's
    ranking: title fit, all words, words side by side), answered ones first among equals. Only the
    questions among the newest SIMILAR_WINDOW posts are ranked (all of their matches), so the
    lookup costs the same at ten thousand posts and at a million. Three queries."""
    if not search.parse(title).words:
        return []
    floor = Post.objects.order_by("-id").values_list("id", flat=True)[SIMILAR_WINDOW - 1 : SIMILAR_WINDOW]
    questions = Post.objects.filter(
        Q(kind=PostKind.QUESTION, state=PostState.LIVE) & space_access.readable_q(viewer)
    ).exclude(pk=exclude_id or 0)
    ranking = search.rank(
        questions, POST_SEARCH, title, limit=SIMILAR_CANDIDATES, min_id=next(iter(floor), 0)
    )
    scores = {hit.id: hit.score for hit in ranking.hits[: limit * 2]}
    if not scores:
        return []
    candidates = Post.objects.filter(pk__in=scores).only(
        "id", "title", "body", "accepted_reply_id", "reply_count", "created_at"
    )
    bonus = 0.25  # an accepted answer: less than any sign of relevance `rank` weighs
    rows = sorted(
        candidates, key=lambda p: (scores[p.pk] + (bonus if p.accepted_reply_id else 0.0), p.pk), reverse=True
    )
    wanted = _stems(title)
    return [Similar(post=p, snippet=_excerpt(p.body, wanted)) for p in rows[:limit]]
