"""Full-text search: one interface, two backends (SQLite FTS5 and PostgreSQL tsvector + GIN).

An app registers a `SearchIndex` for one of its tables (in its AppConfig.ready). After every
migration, `ensure_indexes` makes the database keep that index current by itself:

* SQLite: an external-content FTS5 table `<table>_fts` (porter stemming) fed by triggers.
* PostgreSQL: a `search_vector tsvector` column with per-column weights, filled by a trigger,
  and a GIN index on it.

Because the database maintains the index, every write path (ORM save, bulk_create, update,
raw SQL) stays searchable without any code remembering to reindex.

Queries drop stop words (one list, STOP_WORDS, for both engines) and match whole stemmed words,
the last one also as a prefix while it is being typed. `rank` returns the best rows first: each
engine ranks its whole match set (bm25 / ts_rank_cd with the column weights) and keeps the best
CANDIDATES with all the words and with any word; those are scored alike on both engines (title
fit, all words, words side by side, then the engine's rank).
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

TRIGGER_VERSION = 3  # bump when the PostgreSQL trigger or vector expression changes
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


# --- querying ----------------------------------------------------------------------------------

# PostgreSQL's 'english' stop words (tsearch_data/english.stop) plus "please": the query drops them
# before either engine sees it, so SQLite (whose index keeps them) and PostgreSQL match alike.
_STOP_WORDS = """
    i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she
    her hers herself it its itself they them their theirs themselves what which who whom this that
    these those am is are was were be been being have has had having do does did doing a an the and
    but if or because as until while of at by for with about against between into through during
    before after above below to from up down in out on off over under again further then once here
    there when where why how all any both each few more most other some such no nor not only own same
    so than too very s t can will just don should now please"""
STOP_WORDS = frozenset(_STOP_WORDS.split())
PREFIX_MIN = 3  # the word being typed matches as a prefix from this many characters on
CANDIDATES = 200  # rows each pass keeps, best first by the engine's own rank


@dataclass(frozen=True)
class Query:
    """The words worth searching for (no stop words or single letters) and whether the last one is a
    prefix (it is still being typed: the text does not end in a space, and it has PREFIX_MIN letters)."""

    words: tuple[str, ...]
    prefix: bool

    def _fts5(self, word: str, last: bool) -> str:
        return f'"{word}"*' if last and self.prefix else f'"{word}"'

    def _ts(self, word: str, last: bool) -> str:
        return f"{word}:*" if last and self.prefix else word

    def fts5(self, op: str) -> str:
        n = len(self.words)
        return f" {op} ".join(self._fts5(w, i == n - 1) for i, w in enumerate(self.words))

    def tsquery(self, op: str) -> str:
        n = len(self.words)
        return f" {op} ".join(self._ts(w, i == n - 1) for i, w in enumerate(self.words))

    def fts5_phrases(self) -> str:
        """Two query words side by side, in order ("server logs"), as one FTS5 expression."""
        pairs = zip(self.words, self.words[1:], strict=False)
        n = len(self.words)
        return " OR ".join(
            f'"{a} {b}"' + ("*" if i == n - 2 and self.prefix else "") for i, (a, b) in enumerate(pairs)
        )

    def ts_phrases(self) -> str:
        n = len(self.words)
        pairs = zip(self.words, self.words[1:], strict=False)
        return " | ".join(f"({a} <-> {self._ts(b, i == n - 2)})" for i, (a, b) in enumerate(pairs))


def parse(text: str) -> Query:
    text = text or ""
    raw = [w for w in (word.replace("_", "") for word in _WORD.findall(text.lower())) if w]
    words: list[str] = []
    for word in raw:
        if word not in STOP_WORDS and (len(word) > 1 or word.isdigit()) and word not in words:
            words.append(word)
    words = words[:MAX_TERMS]
    typing = bool(words) and raw[-1] == words[-1] and not text[-1:].isspace() and len(words[-1]) >= PREFIX_MIN
    return Query(tuple(words), typing)


def matching(queryset: QuerySet[M], index: SearchIndex, text: str) -> QuerySet[M]:
    """`queryset` narrowed to rows matching any word of `text`, with a `search_rank` (higher is better).

    Rows that match more of the words rank above rows that match fewer. Order by
    `-search_rank` yourself (other filters, such as access rules, compose before it). For a ranked
    list of the best rows, use `rank`, which also weighs title matches and phrases.
    """
    query = parse(text)
    words = query.words
    if not words:
        return queryset.extra(select={"search_rank": "0"}).none()
    n = len(words)
    t = index.table
    if connection.vendor == "postgresql":
        tsq = "to_tsquery('english'::regconfig, %s)"
        coverage = " + ".join(
            [f"(CASE WHEN {t}.search_vector @@ to_tsquery('english'::regconfig, %s) THEN 1 ELSE 0 END)"] * n
        )
        return queryset.extra(
            where=[f"{t}.search_vector @@ {tsq}"],
            params=[query.tsquery("|")],
            select={"search_rank": f"({coverage}) + ts_rank({t}.search_vector, {tsq}, 33)"},
            select_params=[*(query._ts(w, i == n - 1) for i, w in enumerate(words)), query.tsquery("|")],
        )
    f = index.fts_table
    # bm25 is "lower is better"; s/(s+1) squashes it into [0, 1) so word coverage (whole points) dominates.
    # Each word's hits are an uncorrelated subquery, which SQLite evaluates once per statement; a
    # correlated `WHERE rowid = t.id AND MATCH` re-ran the whole match for every row ranked.
    coverage = (
        " + ".join(
            [f"(CASE WHEN {t}.id IN (SELECT rowid FROM {f} WHERE {f} MATCH %s) THEN 1 ELSE 0 END)"] * n
        )
        if n > 1
        else "1"
    )
    bm25 = _bm25(index)
    return queryset.extra(
        tables=[f],
        where=[f"{f}.rowid = {t}.id", f"{f} MATCH %s"],
        params=[query.fts5("OR")],
        select={"search_rank": f"({coverage}) + (-{bm25}) / (1.0 - {bm25})"},
        select_params=[query._fts5(w, i == n - 1) for i, w in enumerate(words)] if n > 1 else [],
    )


def _bm25(index: SearchIndex) -> str:
    return f"bm25({index.fts_table}, {', '.join(str(WEIGHTS[w]) for _, w in index.columns)})"


def _ts_weights() -> str:
    # ts_rank_cd's array is {D, C, B, A}; the same proportions as the bm25 column weights.
    top = WEIGHTS["A"]
    return "'{" + ", ".join(str(WEIGHTS[k] / top) for k in "DCBA") + "}'::float4[]"


@dataclass(frozen=True)
class Hit:
    id: int
    score: float


@dataclass(frozen=True)
class Ranking:
    hits: list[Hit]
    capped: bool  # a pass had more matches than CANDIDATES: the rest are weaker by the engine's rank


def _title_vector(index: SearchIndex, row: str) -> str:
    return f"to_tsvector('english'::regconfig, coalesce({row}.{index.columns[0][0]}::text, ''))"


def _pass_sql(
    queryset: QuerySet[Any],
    index: SearchIndex,
    query: Query,
    kind: str,
    limit: int,
    gate: str = "",
    min_id: int | None = None,
) -> tuple[str, list]:
    """One pass as SQL: rows (pk, engine rank, title, phrase?) best first by the engine's rank over
    the whole match, at most limit + 1. `kind` is "title" (any word in the title), "all" (every word
    anywhere) or "any" (any word anywhere). `gate`, a condition on no row, is tested before the scan."""
    if gate:
        queryset = queryset.extra(where=[gate], params=[limit])
    if min_id is not None:  # on the FTS5 rowid itself, so the engine skips older rows in its scan
        column = f"{index.fts_table}.rowid" if connection.vendor == "sqlite" else f"{index.table}.id"
        queryset = queryset.extra(where=[f"{column} >= %s"], params=[min_id])
    t, title = index.table, index.columns[0][0]
    phrases = len(query.words) > 1
    if connection.vendor == "postgresql":
        tsq = "to_tsquery('english'::regconfig, %s)"
        tsquery = query.tsquery("&" if kind == "all" else "|")
        # "title" uses the title's own GIN index (see _ensure_postgresql): no row's whole vector is read
        # unless its title matches.
        vector = _title_vector(index, t) if kind == "title" else f"{t}.search_vector"
        qs = queryset.extra(
            where=[f"{vector} @@ {tsq}"],
            params=[tsquery],
            select={
                "engine_rank": f"ts_rank_cd({_ts_weights()}, {t}.search_vector, {tsq}, 1)",
                "vector": f"{t}.search_vector",
            },
            select_params=[tsquery],
        ).values_list("pk", "engine_rank", title, "vector")
    else:
        f = index.fts_table
        match = {
            "title": f"{title} : ({query.fts5('OR')})",
            "all": query.fts5("AND"),
            "any": query.fts5("OR"),
        }
        qs = queryset.extra(
            tables=[f],
            where=[f"{f}.rowid = {t}.id", f"{f} MATCH %s"],
            params=[match[kind]],
            select={
                "engine_rank": f"-{_bm25(index)}",
                "title_marked": f"highlight({f}, 0, %s, %s)",
                "phrase": f"{t}.id IN (SELECT rowid FROM {f} WHERE {f} MATCH %s AND rowid >= %s)"
                if phrases
                else "0",
            },
            select_params=[_START, _STOP, *([query.fts5_phrases(), min_id or 0] if phrases else [])],
        ).values_list("pk", "engine_rank", "title_marked", "phrase")
    sql, params = qs.order_by("-engine_rank", "-pk")[: limit + 1].query.sql_with_params()
    return sql, list(params)


def _passes(
    queryset: QuerySet[Any], index: SearchIndex, query: Query, limit: int, min_id: int | None
) -> list[tuple]:
    """Rows (pass, pk, engine rank, marked title, phrase?) of every pass, in one statement.

    The title pass and (for two words or more) the all-words pass always run; the any-word pass only
    when those two found fewer than `limit` rows between them (PostgreSQL: a one-time filter;
    SQLite: a constant WHERE term, tested before the scan), so a common word costs what its title
    matches cost, not what every body that mentions it would.
    """
    first = ["title", "all"] if len(query.words) > 1 else ["title"]
    ctes, arms, params = [], [], []
    for i, kind in enumerate(first):
        sql, p = _pass_sql(queryset, index, query, kind, limit, min_id=min_id)
        ctes.append(f"p{i} AS MATERIALIZED (SELECT * FROM ({sql}) q)")
        arms.append(f"SELECT {i}, p{i}.* FROM p{i}")
        params += p
    found = " + ".join(f"(SELECT count(*) FROM p{i})" for i in range(len(first)))
    sql, p = _pass_sql(queryset, index, query, "any", limit, gate=f"({found}) < %s", min_id=min_id)
    arms.append(f"SELECT {len(first)}, q.* FROM ({sql}) q")
    params += p
    statement = f"WITH {', '.join(ctes)} {' UNION ALL '.join(arms)}"
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # The headline and the phrase test only for the rows kept (after each pass's LIMIT).
            title = index.columns[0][0]
            phrase = "s.vector @@ to_tsquery('english'::regconfig, %s)" if len(query.words) > 1 else "false"
            cursor.execute(
                f"SELECT s.kind, s.pk, s.engine_rank, ts_headline('english'::regconfig, "
                f"coalesce(s.{title}::text, ''), to_tsquery('english'::regconfig, %s), %s), {phrase} "
                f"FROM ({statement}) s(kind, pk, engine_rank, {title}, vector)",
                [
                    query.tsquery("|"),
                    f"StartSel={_START}, StopSel={_STOP}, HighlightAll=true",
                    *([query.ts_phrases()] if len(query.words) > 1 else []),
                    *params,
                ],
            )
        else:
            cursor.execute(statement, params)
        kinds = [*first, "any"]
        return [(kinds[row[0]], *row[1:]) for row in cursor.fetchall()]


def _title_fit(marked: str, n: int) -> tuple[int, int, int]:
    """From a title with the matched words marked: query words found in it (at most n), other words
    in it (stop words aside), and the longest run of matched words side by side."""
    found: set[str] = set()
    others: set[str] = set()
    run = best = 0
    for part in re.split(f"({_START}[^{_STOP}]*{_STOP})", marked or ""):
        hit = part.startswith(_START)
        for word in terms(part):
            if word in STOP_WORDS or (len(word) < 2 and not word.isdigit()):
                continue
            (found if hit else others).add(word)
            run = run + 1 if hit else 0
            best = max(best, run)
    return min(len(found), n), len(others - found), best


# How much each sign of relevance weighs in `rank` (see its docstring); measured on the labelled
# queries of tests/library/relevance.py.
SCORE_WEIGHTS = {"exact": 4.0, "nearly": 2.0, "fit": 2.0, "all": 1.0, "near": 0.5, "engine": 1.0}


def _score(n: int, all_words: bool, engine: float, marked: str, phrase: bool) -> float:
    hit, others, run = _title_fit(marked, n)
    recall, precision = hit / n, (hit / (hit + others) if hit else 0.0)
    fit = 2 * recall * precision / (recall + precision) if hit else 0.0
    exact = hit == n and others == 0
    nearly = not exact and others == 0 and n > 1 and hit == n - 1  # "Analyze logs" for "analyze server logs"
    side_by_side = n > 1 and (run >= 2 or phrase)
    w = SCORE_WEIGHTS
    return (
        w["exact"] * exact
        + w["nearly"] * nearly
        + w["fit"] * fit
        + w["all"] * all_words
        + w["near"] * side_by_side
        + w["engine"] * engine
    )


def rank(
    queryset: QuerySet[Any],
    index: SearchIndex,
    text: str,
    *,
    limit: int = CANDIDATES,
    min_id: int | None = None,
) -> Ranking:
    """The rows of `queryset` matching `text`, best first (one query, whatever the table's size).

    Each pass asks the engine for its `limit` best rows by its own rank (bm25 / ts_rank_cd with the
    column weights) over the whole match: rows with a query word in the title, rows with all the
    words, and, when those are fewer than `limit`, rows with any word anywhere (see `_passes`).
    Those are scored the same way on both engines: the title says the query back (every query word
    and nothing else: "exact", or all but one: "nearly") > the title's overlap with the query > all
    words matched > two query words side by side > the engine's rank, relative to its pass's best.
    The title is the index's first column. `min_id` ranks only rows from that id on (a recency
    window, for lookups that must stay flat however large the table grows).
    """
    query = parse(text)
    if not query.words:
        return Ranking([], False)
    rows = _passes(queryset, index, query, limit, min_id)
    by_pass: dict[str, list[tuple]] = {}
    for row in rows:
        by_pass.setdefault(row[0], []).append(row)
    capped = any(len(r) > limit for r in by_pass.values()) or "any" not in by_pass
    n = len(query.words)
    everything = {r[1] for r in by_pass.get("all" if n > 1 else "title", [])} | (
        {r[1] for r in rows} if n == 1 else set()
    )
    # A row's engine rank is taken from the widest pass it is in (the title pass ranks titles only),
    # relative to that pass's best row.
    seen: dict[int, tuple[float, str, bool]] = {}
    for kind in ("title", "all", "any"):
        kept = sorted(by_pass.get(kind, []), key=lambda r: (-float(r[2]), -r[1]))[:limit]
        top = float(kept[0][2]) if kept else 1.0
        for _, pk, engine, marked, phrase in kept:
            seen[pk] = (float(engine) / (top or 1.0), marked, bool(phrase) or seen.get(pk, (0, "", False))[2])
    best = {pk: _score(n, pk in everything, e, marked, phrase) for pk, (e, marked, phrase) in seen.items()}
    hits = sorted((Hit(pk, s) for pk, s in best.items()), key=lambda h: (-h.score, -h.id))
    return Ranking(hits, capped)


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
                f"SELECT id, ts_headline('english'::regconfig, coalesce({column}::text, ''), "
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
