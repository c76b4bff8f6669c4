"""Search indexes the database keeps current: FTS5 tables (SQLite) or a weighted tsvector column
and GIN indexes (PostgreSQL), fed by triggers. Apps register a SearchIndex."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Any, TypeVar

from django.db.models import Model

M = TypeVar("M", bound=Model)

TRIGGER_VERSION = 4  # bump when the PostgreSQL trigger or vector expression changes
WEIGHTS = {"A": 10.0, "B": 4.0, "C": 2.0, "D": 1.0}
MAX_TERMS = 12
PREFIX_MIN = 3  # the word being typed matches as a prefix from this many characters on (query.parse)
_PREFIXES = f"{PREFIX_MIN} {PREFIX_MIN + 1}"  # the SQLite prefix indexes: the lengths a query can type
_WORD = re.compile(r"\w+", re.UNICODE)
_START, _STOP = "\x02", "\x03"


@dataclass(frozen=True)
class SearchIndex:
    """`columns` are (db column, weight A–D) of `table`, whose primary key column is `id`.

    `covering`: the columns the rows are filtered on while ranked (access rules: visibility, owner,
    deleted_at). On SQLite an index on (id, *covering) answers them for every match without reading
    the wide table row by row (a common word matched tens of thousands of rows: most of its time)."""

    table: str
    columns: tuple[tuple[str, str], ...]
    covering: tuple[str, ...] = ()

    @property
    def cover_index(self) -> str:
        return f"{self.table}_fts_cover"

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


def _bm25(index: SearchIndex) -> str:
    return f"bm25({index.fts_table}, {', '.join(str(WEIGHTS[w]) for _, w in index.columns)})"


def _ts_weights() -> str:
    # ts_rank_cd's array is {D, C, B, A}; the same proportions as the bm25 column weights.
    top = WEIGHTS["A"]
    return "'{" + ", ".join(str(WEIGHTS[k] / top) for k in "DCBA") + "}'::float4[]"


def _title_vector(index: SearchIndex, row: str) -> str:
    return f"to_tsvector('english'::regconfig, coalesce({row}.{index.columns[0][0]}::text, ''))"


# --- index maintenance -------------------------------------------------------------------------


def _sqlite_statements(index: SearchIndex) -> list[str]:
    t, f = index.table, index.fts_table
    cols = index.column_names()
    col_list = ", ".join(cols)
    new = ", ".join(f"new.{c}" for c in cols)
    old = ", ".join(f"old.{c}" for c in cols)
    return [
        f"CREATE VIRTUAL TABLE {f} USING fts5({col_list}, content='{t}', content_rowid='id', "
        # Prefix indexes: the word being typed is a prefix query ("con"*), which without them merges
        # the doclists of every term starting with it, again for each row a snippet is made for. Only
        # the lengths a query can have (query.PREFIX_MIN on): a 2-letter index cost a seventh of each
        # insert (of an import) and served no query. Longer prefixes read the main index's term range.
        f"tokenize='porter unicode61 remove_diacritics 2', prefix='{_PREFIXES}')",
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
    _ensure_sqlite_cover(cursor, index)
    if all(existing.get(name) == sql for name, sql in wanted.items()):
        return
    # Missing or stale (a table rebuild drops triggers): recreate everything and rebuild.
    for name in (f + "_ai", f + "_ad", f + "_au"):
        cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
    cursor.execute(f"DROP TABLE IF EXISTS {f}")
    for sql in statements:
        cursor.execute(sql)


def _ensure_sqlite_cover(cursor: Any, index: SearchIndex) -> None:
    if not index.covering:
        return
    columns = ", ".join(["id", *index.covering])
    sql = f"CREATE INDEX {index.cover_index} ON {index.table}({columns})"
    cursor.execute("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = %s", [index.cover_index])
    row = cursor.fetchone()
    if row and row[0] == sql:
        return
    cursor.execute(f"DROP INDEX IF EXISTS {index.cover_index}")
    cursor.execute(sql)


def _pg_vector_expr(index: SearchIndex, row: str) -> str:
    parts = [
        f"setweight(to_tsvector('english'::regconfig, coalesce({row}.{col}::text, '')), '{weight}')"
        for col, weight in index.columns
    ]
    return " || ".join(parts)


def vectors_sql(index: SearchIndex) -> str:
    """PostgreSQL: a query computing, with the trigger's own expression, the search vector of each
    row given as one text array per indexed column (in `columns` order), in the arrays' order."""
    names = index.column_names()
    arrays = ", ".join(["%s::text[]"] * len(names))
    return (
        f"SELECT {_pg_vector_expr(index, 'r')} FROM unnest({arrays}) WITH ORDINALITY "  # noqa: S608 - names
        f"AS r({', '.join(names)}, n) ORDER BY r.n"
    )


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
    # lz4 where the server has it (cheaper than pglz for the long vectors of long bodies); else pglz.
    cursor.execute(
        "DO $$ BEGIN "
        f"EXECUTE 'ALTER TABLE {t} ALTER COLUMN search_vector SET COMPRESSION lz4'; "
        "EXCEPTION WHEN OTHERS THEN NULL; END $$"
    )
    cursor.execute(
        # An INSERT that brings its vector keeps it: a bulk import computes the vectors (with
        # vectors_sql, the very same expression) on a second connection, in parallel with its writes.
        f"CREATE OR REPLACE FUNCTION {t}_search_update() RETURNS trigger AS $$ BEGIN "
        "IF TG_OP = 'INSERT' AND NEW.search_vector IS NOT NULL THEN RETURN NEW; END IF; "
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
    # The title alone (the first column), for `rank`'s title pass.
    cursor.execute(
        f"CREATE INDEX IF NOT EXISTS {t}_search_title_gin ON {t} USING gin ({_title_vector(index, t)})"
    )
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
