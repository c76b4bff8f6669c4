"""Highlighted excerpts around the matched words."""

from __future__ import annotations

import html
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


def _highlight_html(raw: str) -> str:
    return html.escape(raw).replace(_START, "<mark>").replace(_STOP, "</mark>")


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
            cursor.execute(
                f"SELECT rowid, snippet({f}, {col_no}, %s, %s, '…', {min(words, 64)}) FROM {f} "
                f"WHERE {f} MATCH %s AND rowid IN ({placeholders})",
                [_START, _STOP, query.fts5("OR"), *ids],
            )
        rows = cursor.fetchall()
    return {row_id: _highlight_html(raw or "") for row_id, raw in rows}
