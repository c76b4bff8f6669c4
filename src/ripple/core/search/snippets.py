"""Highlighted excerpts around the matched words."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from django.db import connection

from ripple.core.search.indexes import (
    _START,
    _STOP,
    SearchIndex,
)
from ripple.core.search.query import parse

# PostgreSQL's ts_headline parses all the text it is given: only the start of a long body is read for
# the excerpt (a 144 KB prompt cost a whole search page's time; the excerpt comes from its first matches).
HEADLINE_CHARS = 20_000
# SQLite's snippet() tokenizes the whole column of each row (a 110 KB prompt: 3 ms, half of a search
# page's excerpts; twenty bodies of 1–20 KB: 3.5 ms, a sixth of the page): past SNIPPET_CHARS the
# excerpt is cut here from the first HEADLINE_CHARS of the body instead, around the first word that
# starts like a query word (light suffixes off: "emails" finds "email").
SNIPPET_CHARS = 4_000
_SUFFIXES = ("ing", "ed", "es", "s")


def _highlight_html(raw: str) -> str:
    return html.escape(raw).replace(_START, "<mark>").replace(_STOP, "</mark>")


def _stem(word: str) -> str:
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def _word_at(low: str, stem: str) -> int:
    """Where the first word starting with `stem` begins in the lowercased text, or -1."""
    i = low.find(stem)
    while i > 0 and (low[i - 1].isalnum() or low[i - 1] == "_"):
        i = low.find(stem, i + 1)
    return i


def _excerpt(text: str, words: tuple[str, ...], size: int) -> str:
    """About `size` words of `text` around its first query word, escaped, query words marked."""
    stems = [_stem(w) for w in words]
    low = text.lower()  # str.find over the text, not a regex step at every character
    at = min((i for i in (_word_at(low, stem) for stem in stems) if i >= 0), default=0)
    found = re.compile(r"(?<!\w)((?:" + "|".join(map(re.escape, stems)) + r")\w*)", re.I)
    earlier, later = text[:at].split(), text[at:].split()
    before = earlier[-(size // 4) :] if size >= 4 and earlier else []
    after = later[: size - len(before)]
    pieces = found.split(" ".join([*before, *after]))  # text, word, text, word, …
    body = "".join(
        f"<mark>{html.escape(p)}</mark>" if i % 2 else html.escape(p) for i, p in enumerate(pieces)
    )
    return ("…" if len(earlier) > len(before) else "") + body + ("…" if len(later) > len(after) else "")


def snippets(
    index: SearchIndex, column: str, ids: Iterable[int], text: str, words: int = 24
) -> dict[int, str]:
    """Short, HTML-escaped excerpts of `column` around the matched words, with <mark> highlights."""
    ids = [int(i) for i in ids]
    query = parse(text)
    if not ids or not query.words:
        return {}
    placeholders = ", ".join(["%s"] * len(ids))
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"SELECT id, ts_headline('english'::regconfig, "
                f"left(coalesce({column}::text, ''), {HEADLINE_CHARS}), "
                f"to_tsquery('english'::regconfig, %s), %s) FROM {index.table} WHERE id IN ({placeholders})",
                [
                    query.tsquery("|"),
                    f"StartSel={_START}, StopSel={_STOP}, MaxWords={words}, MinWords={words // 2}, "
                    "MaxFragments=2, FragmentDelimiter= … ",
                    *ids,
                ],
            )
        else:
            col_no = index.column_names().index(column)
            f = index.fts_table
            long = f"length({f}.{column}) > {SNIPPET_CHARS}"
            cursor.execute(
                f"SELECT rowid, CASE WHEN {long} THEN NULL "
                f"ELSE snippet({f}, {col_no}, %s, %s, '…', {min(words, 64)}) END, "
                f"CASE WHEN {long} THEN substr({f}.{column}, 1, {HEADLINE_CHARS}) END "
                # "+rowid": the ids filter the one match, they are not handed to FTS5 as lookups (it
                # would evaluate the query once per id: 20 ids of a prefix query cost 8× one match).
                f"FROM {f} WHERE {f} MATCH %s AND +rowid IN ({placeholders})",
                [_START, _STOP, query.fts5("OR"), *ids],
            )
            return {
                row_id: _highlight_html(raw or "") if head is None else _excerpt(head, query.words, words)
                for row_id, raw, head in cursor.fetchall()
            }
        rows = cursor.fetchall()
    return {row_id: _highlight_html(raw or "") for row_id, raw in rows}
