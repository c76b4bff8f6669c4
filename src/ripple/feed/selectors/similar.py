"""Questions already asked that look like the one being typed: full-text candidates, ranked in Python."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection
from django.utils.html import escape

from ripple.core import search
from ripple.feed.models import Post, PostKind, PostState
from ripple.people.models import User


@dataclass
class Similar:
    post: Post
    snippet: str


SIMILAR_CANDIDATES = 200


def _stems(text: str) -> set[str]:
    # A crude stem (first five letters) is enough to order a few hundred full-text candidates.
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


def _similarity(title: str, post: Post) -> float:
    """Words of `title` found in the post's title (weight 10) or body (4), plus a bonus for answered ones."""
    wanted = _stems(title)
    in_title, in_body = _stems(post.title), _stems(post.body)
    score = sum(10.0 if w in in_title else 4.0 if w in in_body else 0.0 for w in wanted)
    return score + (1.0 if post.accepted_reply_id else 0.0)


def _newest_matches(text: str, *, kind: str, exclude_id: int | None, cap: int) -> list[int]:
    """Ids of the newest live posts of `kind` matching any word of `text`, at most `cap`.

    Ranking cost grows with the number of hits, so candidates are capped (newest first, which the
    full-text index delivers in order) before `search.matching` ranks them.
    """
    words = search.terms(text)
    if not words:
        return []
    # Whole (stemmed) words, except the one still being typed, which matches as a prefix: prefix
    # queries merge many terms' lists and cost far more on a large table.
    typing = not text[-1:].isspace()
    marked = [(w, typing and i == len(words) - 1) for i, w in enumerate(words)]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT id FROM feed_post WHERE search_vector @@ to_tsquery('english'::regconfig, %s) "
                "AND kind = %s AND state = %s AND id <> %s ORDER BY id DESC LIMIT %s",
                [
                    " | ".join(f"{w}:*" if last else w for w, last in marked),
                    kind,
                    PostState.LIVE,
                    exclude_id or 0,
                    cap,
                ],
            )
        else:
            cursor.execute(
                "SELECT p.id FROM feed_post_fts JOIN feed_post p ON p.id = feed_post_fts.rowid "
                "WHERE feed_post_fts MATCH %s AND p.kind = %s AND p.state = %s AND p.id <> %s "
                "ORDER BY feed_post_fts.rowid DESC LIMIT %s",
                [
                    " OR ".join(f'"{w}"*' if last else f'"{w}"' for w, last in marked),
                    kind,
                    PostState.LIVE,
                    exclude_id or 0,
                    cap,
                ],
            )
        return [row[0] for row in cursor.fetchall()]


def similar_questions(
    *, viewer: User, title: str, limit: int = 5, exclude_id: int | None = None
) -> list[Similar]:
    """Questions already asked that match `title` (titles weigh most), with highlighted excerpts."""
    ids = _newest_matches(title, kind=PostKind.QUESTION, exclude_id=exclude_id, cap=SIMILAR_CANDIDATES)
    if not ids:
        return []
    candidates = list(
        Post.objects.filter(pk__in=ids).only(
            "id", "title", "body", "accepted_reply_id", "reply_count", "created_at"
        )
    )
    rows = sorted(candidates, key=lambda p: (_similarity(title, p), p.pk), reverse=True)[:limit]
    wanted = _stems(title)
    return [Similar(post=p, snippet=_excerpt(p.body, wanted)) for p in rows]
