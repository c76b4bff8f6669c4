"""Full-text search: one interface, two backends (SQLite FTS5 and PostgreSQL tsvector + GIN).

An app registers a `SearchIndex` for one of its tables (in its AppConfig.ready). After every
migration, `ensure_indexes` makes the database keep that index current by itself:

* SQLite: an external-content FTS5 table `<table>_fts` (porter stemming) fed by triggers.
* PostgreSQL: a `search_vector tsvector` column with per-column weights, filled by a trigger,
  and a GIN index on it.

Because the database maintains the index, every write path (ORM save, bulk_create, update,
raw SQL) stays searchable without any code remembering to reindex.

Queries match any of the words (stemmed, prefix), ranked so rows matching more words and
matching in heavier columns (weight "A" = title) come first.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

from django.db import connection
from django.db.models import Model, QuerySet

M = TypeVar("M", bound=Model)

TRIGGER_VERSION = 2  # bump when the PostgreSQL trigger or vector expression changes
WEIGHTS = {"A": 10.0, "B": 4.0, "C": 2.0, "D": 1.0}
MAX_TERMS = 12
_WORD = re.compile(r"\w+", re.UNICODE)
_START, _STOP = "\x02", "\x03"


@dataclass(frozen=True)
class SearchIndex:
    """`columns` are (db column, weight A–D) of `table`, whose primary key column is `id`."""

    table: str
    columns: tuple[tuple[str, str], ...]

    @property
    def fts_table(self) -> str:
        return f"{self.table}_fts"

    @property
    def signature(self) -> str:
        # TRIGGER_VERSION is part of it so a changed trigger definition replaces the installed one.
        raw = repr((TRIGGER_VERSION, self.table, self.columns)).encode()
        return hashlib.sha1(raw, usedforsecurity=False).hexdigest()[:12]

    def column_names(self) -> list[str]:
        return [name for name, _ in self.columns]


_registry: dict[str, SearchIndex] = {}


def register(index: SearchIndex) -> SearchIndex:
    _registry[index.table] = index
    return index


def registered() -> list[SearchIndex]:
    return list(_registry.values())


def terms(text: str) -> list[str]:
    """The distinct words of `text`, lower-cased, at most MAX_TERMS."""
    seen: list[str] = []
    for word in _WORD.findall((text or "").lower()):
        word = word.replace("_", "")
        if word and word not in seen:
            seen.append(word)
    return seen[:MAX_TERMS]


# --- index maintenance -------------------------------------------------------------------------


def _sqlite_statements(index: SearchIndex) -> list[str]:
    t, f = index.table, index.fts_table
    cols = index.column_names()
    col_list = ", ".join(cols)
    new = ", ".join(f"new.{c}" for c in cols)
    old = ", ".join(f"old.{c}" for c in cols)
    return [
        f"CREATE VIRTUAL TABLE {f} USING fts5({col_list}, content='{t}', content_rowid='id', "
        # Prefix indexes: every search word is a prefix query ("contract"*), which without them merges
        # the doclists of every term starting with it, again for each row a snippet is made for.
        f"tokenize='porter unicode61 remove_diacritics 2', prefix='2 3 4')",
        f"CREATE TRIGGER {f}_ai AFTER INSERT ON {t} BEGIN "
        f"INSERT INTO {f}(rowid, {col_list}) VALUES (new.id, {new}); END",
        f"CREATE TRIGGER {f}_ad AFTER DELETE ON {t} BEGIN "
        f"INSERT INTO {f}({f}, rowid, {col_list}) VALUES ('delete', old.id, {old}); END",
        f"CREATE TRIGGER {f}_au AFTER UPDATE OF {col_list} ON {t} BEGIN "
        f"INSERT INTO {f}({f}, rowid, {col_list}) VALUES ('delete', old.id, {old}); "
        f"INSERT INTO {f}(rowid, {col_list}) VALUES (new.id, {new}); END",
        f"INSERT INTO {f}({f}) VALUES ('rebuild')",
    ]


def _ensure_sqlite(cursor: Any, index: SearchIndex) -> None:
    f = index.fts_table
    statements = _sqlite_statements(index)
    cursor.execute("SELECT name, sql FROM sqlite_master WHERE name LIKE %s", [f + "%"])
    existing = {name: sql for name, sql in cursor.fetchall()}
    wanted = {f: statements[0], f + "_ai": statements[1], f + "_ad": statements[2], f + "_au": statements[3]}
    if all(existing.get(name) == sql for name, sql in wanted.items()):
        return
    # Missing or stale (a table rebuild drops triggers): recreate everything and rebuild.
    for name in (f + "_ai", f + "_ad", f + "_au"):
        cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
    cursor.execute(f"DROP TABLE IF EXISTS {f}")
    for sql in statements:
        cursor.execute(sql)


def _pg_vector_expr(index: SearchIndex, row: str) -> str:
    parts = [
        f"setweight(to_tsvector('english'::regconfig, coalesce({row}.{col}::text, '')), '{weight}')"
        for col, weight in index.columns
    ]
    return " || ".join(parts)


def _ensure_postgresql(cursor: Any, index: SearchIndex) -> None:
    t = index.table
    marker = f"ripple-search:{index.signature}"
    cursor.execute(
        "SELECT col_description(c.oid, a.attnum) FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid "
        "WHERE c.relname = %s AND a.attname = 'search_vector' AND NOT a.attisdropped",
        [t],
    )
    row = cursor.fetchone()
    if row and row[0] == marker:
        return
    cursor.execute(f"ALTER TABLE {t} ADD COLUMN IF NOT EXISTS search_vector tsvector")
    cursor.execute(
        f"CREATE OR REPLACE FUNCTION {t}_search_update() RETURNS trigger AS $$ BEGIN "
        f"NEW.search_vector := {_pg_vector_expr(index, 'NEW')}; RETURN NEW; END $$ LANGUAGE plpgsql"
    )
    cursor.execute(f"DROP TRIGGER IF EXISTS {t}_search ON {t}")
    cursor.execute(
        # Only when an indexed column changes: counters updated on every reuse must not re-parse a long body.
        f"CREATE TRIGGER {t}_search BEFORE INSERT OR UPDATE OF {', '.join(index.column_names())} ON {t} "
        f"FOR EACH ROW EXECUTE FUNCTION {t}_search_update()"
    )
    cursor.execute(f"UPDATE {t} SET search_vector = {_pg_vector_expr(index, t)}")
    cursor.execute(f"CREATE INDEX IF NOT EXISTS {t}_search_gin ON {t} USING gin (search_vector)")
    cursor.execute(f"COMMENT ON COLUMN {t}.search_vector IS '{marker}'")


def ensure_indexes(using: str = "default", **_: Any) -> None:
    """Create or repair every registered index (run after migrate; idempotent and cheap when current)."""
    from django.db import connections

    conn = connections[using]
    existing = set(conn.introspection.table_names())
    with conn.cursor() as cursor:
        for index in registered():
            if index.table not in existing:
                continue
            if conn.vendor == "sqlite":
                _ensure_sqlite(cursor, index)
            elif conn.vendor == "postgresql":
                _ensure_postgresql(cursor, index)


# --- querying ----------------------------------------------------------------------------------


def _fts5_query(words: list[str]) -> str:
    return " OR ".join(f'"{w}"*' for w in words)


def _tsquery(words: list[str]) -> str:
    return " | ".join(f"{w}:*" for w in words)


def matching(queryset: QuerySet[M], index: SearchIndex, text: str) -> QuerySet[M]:
    """`queryset` narrowed to rows matching any word of `text`, with a `search_rank` (higher is better).

    Rows that match more of the words rank above rows that match fewer. Order by
    `-search_rank` yourself (other filters, such as access rules, compose before it).
    """
    words = terms(text)
    if not words:
        return queryset.extra(select={"search_rank": "0"}).none()
    t = index.table
    if connection.vendor == "postgresql":
        tsq = "to_tsquery('english'::regconfig, %s)"
        coverage = " + ".join(
            [f"(CASE WHEN {t}.search_vector @@ to_tsquery('english'::regconfig, %s) THEN 1 ELSE 0 END)"]
            * len(words)
        )
        return queryset.extra(
            where=[f"{t}.search_vector @@ {tsq}"],
            params=[_tsquery(words)],
            select={"search_rank": f"({coverage}) + ts_rank({t}.search_vector, {tsq}, 33)"},
            select_params=[*(f"{w}:*" for w in words), _tsquery(words)],
        )
    f = index.fts_table
    weights = ", ".join(str(WEIGHTS[w]) for _, w in index.columns)
    # bm25 is "lower is better"; s/(s+1) squashes it into [0, 1) so word coverage (whole points) dominates.
    # Each word's hits are an uncorrelated subquery, which SQLite evaluates once per statement; a
    # correlated `WHERE rowid = t.id AND MATCH` re-ran the whole match for every row ranked.
    coverage = (
        " + ".join(
            [f"(CASE WHEN {t}.id IN (SELECT rowid FROM {f} WHERE {f} MATCH %s) THEN 1 ELSE 0 END)"]
            * len(words)
        )
        if len(words) > 1
        else "1"
    )
    return queryset.extra(
        tables=[f],
        where=[f"{f}.rowid = {t}.id", f"{f} MATCH %s"],
        params=[_fts5_query(words)],
        select={"search_rank": f"({coverage}) + (-bm25({f}, {weights})) / (1.0 - bm25({f}, {weights}))"},
        select_params=[f'"{w}"*' for w in words] if len(words) > 1 else [],
    )


def _highlight_html(raw: str) -> str:
    return html.escape(raw).replace(_START, "<mark>").replace(_STOP, "</mark>")


def snippets(
    index: SearchIndex, column: str, ids: Iterable[int], text: str, words: int = 24
) -> dict[int, str]:
    """Short, HTML-escaped excerpts of `column` around the matched words, with <mark> highlights."""
    ids = [int(i) for i in ids]
    terms_ = terms(text)
    if not ids or not terms_:
        return {}
    placeholders = ", ".join(["%s"] * len(ids))
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"SELECT id, ts_headline('english'::regconfig, coalesce({column}::text, ''), "
                f"to_tsquery('english'::regconfig, %s), %s) FROM {index.table} WHERE id IN ({placeholders})",
                [
                    _tsquery(terms_),
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
                [_START, _STOP, _fts5_query(terms_), *ids],
            )
        rows = cursor.fetchall()
    return {row_id: _highlight_html(raw or "") for row_id, raw in rows}
