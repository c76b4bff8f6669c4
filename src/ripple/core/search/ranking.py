"""Ranking the whole match set: the engine keeps its best candidates in a title pass, an all-words
pass and (when those fall short) an any-word pass; one score for both databases."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import QuerySet

from ripple.core.search.indexes import (
    _START,
    _STOP,
    _WORD,
    MAX_TERMS,
    SearchIndex,
    _bm25,
    _title_vector,
    _ts_weights,
)
from ripple.core.search.query import CANDIDATES, STOP_WORDS, Query, parse


@dataclass(frozen=True)
class Hit:
    id: int
    score: float


@dataclass(frozen=True)
class Ranking:
    hits: list[Hit]
    capped: bool  # a pass had more matches than CANDIDATES: the rest are weaker by the engine's rank


def _pass_sql(
    queryset: QuerySet[Any],
    index: SearchIndex,
    query: Query,
    kind: str,
    limit: int,
    gate: str = "",
    min_id: int | None = None,
    match_text: str | None = None,
) -> tuple[str, list]:
    """One pass as SQL: rows best first by the engine's rank over the whole match, at most limit + 1:
    (pk, engine rank) on SQLite, (pk, engine rank, title, vector) on PostgreSQL. `kind` is "title"
    (any word in the title), "all" (every word anywhere) or "any" (any word anywhere). `gate`, a
    condition on no row, is tested before the scan."""
    if gate:
        queryset = queryset.extra(where=[gate], params=[limit])
    if min_id is not None:  # on the FTS5 rowid itself, so the engine skips older rows in its scan
        column = f"{index.fts_table}.rowid" if connection.vendor == "sqlite" else f"{index.table}.id"
        queryset = queryset.extra(where=[f"{column} >= %s"], params=[min_id])
    if connection.vendor == "sqlite":
        return _sqlite_pass(queryset, index, query, kind, limit, match_text)
    t, title = index.table, index.columns[0][0]
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
    sql, params = qs.order_by("-engine_rank", "-pk")[: limit + 1].query.sql_with_params()
    return sql, list(params)


def _sqlite_pass(
    queryset: QuerySet[Any],
    index: SearchIndex,
    query: Query,
    kind: str,
    limit: int,
    match_text: str | None,
) -> tuple[str, list]:
    """The SQLite pass: the engine's best rows (pk, bm25) first; `_passes` marks the titles and tests
    the phrases of the rows all passes kept, once."""
    f, t = index.fts_table, index.table
    qs = queryset.extra(
        tables=[f],
        where=[f"{f}.rowid = {t}.id", f"{f} MATCH %s"],
        params=[match_text or _fts5_match(index, query, kind)],
        select={"engine_rank": f"-{_bm25(index)}"},
    ).values_list("pk", "engine_rank")
    inner, params = qs.order_by("-engine_rank", "-pk")[: limit + 1].query.sql_with_params()
    if index.covering:
        # Each match's row filters read from the covering index (see SearchIndex.covering), not the
        # table: SQLite's planner prefers the rowid lookup, so it is told (the table is the first FROM,
        # whatever joins follow it; tests/library/test_search.py checks the plan).
        table = connection.ops.quote_name(t)
        inner = inner.replace(f"FROM {table} ", f"FROM {table} INDEXED BY {index.cover_index} ", 1)
    return inner, list(params)


def _fts5_match(index: SearchIndex, query: Query, kind: str) -> str:
    if kind == "title":
        return f"{index.columns[0][0]} : ({query.fts5('OR')})"
    return query.fts5("AND" if kind == "all" else "OR")


# The all-words and any-word passes differ only in their MATCH text and the any-word pass's gate: on
# SQLite one pass is compiled with these stand-ins and the other made from it (Django's compiler is
# most of a pass's cost in Python).
_GATE = "ripple_pass_gate"
_MATCH = "\x00ripple-pass-match\x00"


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
    found = " + ".join(f"(SELECT count(*) FROM p{i})" for i in range(len(first)))
    shared: tuple[str, list] | None = None
    if connection.vendor == "sqlite" and "all" in first:
        shared = _pass_sql(queryset, index, query, "any", limit, f"{_GATE} < %s", min_id, _MATCH)

    def one(kind: str, gate: str) -> tuple[str, list]:
        if shared is None or kind == "title":
            return _pass_sql(queryset, index, query, kind, limit, f"({gate}) < %s" if gate else "", min_id)
        sql, p = shared
        return sql.replace(_GATE, f"({gate or 0})", 1), [
            _fts5_match(index, query, kind) if v == _MATCH else v for v in p
        ]

    ctes, arms, params = [], [], []
    for i, kind in enumerate(first):
        sql, p = one(kind, "")
        ctes.append(f"p{i} AS MATERIALIZED (SELECT * FROM ({sql}) q)")
        arms.append(f"SELECT {i}, p{i}.* FROM p{i}")
        params += p
    sql, p = one("any", found)
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
            # The titles of the rows kept are marked (highlight() reads the whole row, body included,
            # from the content table: asked of every match before the LIMITs it was half the time),
            # with the title match run once for all passes ("+rowid": the kept ids filter it, FTS5 is
            # not asked once per id), and the phrase test likewise. Marks in the title are the same
            # whatever a pass's own MATCH: highlight() marks every instance of the words in a column.
            f = index.fts_table
            phrase = "0"
            phrase_params: list[Any] = []
            if len(query.words) > 1:
                phrase = f"kept.pk IN (SELECT rowid FROM {f} WHERE {f} MATCH %s AND rowid >= %s)"
                phrase_params = [query.fts5_phrases(), min_id or 0]
            cursor.execute(
                f"WITH kept(kind, pk, engine_rank) AS MATERIALIZED ({statement}) "
                f"SELECT kept.kind, kept.pk, kept.engine_rank, coalesce(h.marked, ''), {phrase} FROM kept "
                f"LEFT JOIN (SELECT rowid AS id, highlight({f}, 0, %s, %s) AS marked FROM {f} "
                f"WHERE {f} MATCH %s AND +rowid IN (SELECT pk FROM kept)) h ON h.id = kept.pk",
                [*params, *phrase_params, _START, _STOP, _fts5_match(index, query, "title")],
            )
        kinds = [*first, "any"]
        return [(kinds[row[0]], *row[1:]) for row in cursor.fetchall()]


_MARKED = re.compile(f"({_START}[^{_STOP}]*{_STOP})")


def _title_fit(marked: str, n: int) -> tuple[int, int, int]:
    """From a title with the matched words marked: query words found in it (at most n), other words
    in it (stop words aside), and the longest run of matched words side by side. Each part's words
    are `indexes.terms` of it (distinct, at most MAX_TERMS), read in one loop: this runs for every
    ranked row (tests/core/test_search.py compares it with the plain definition)."""
    found: set[str] = set()
    others: set[str] = set()
    run = best = 0
    for part in _MARKED.split(marked or ""):
        if not part:
            continue
        hit = part[0] == _START
        seen: list[str] = []
        for word in _WORD.findall(part.lower()):
            if "_" in word:
                word = word.replace("_", "")
                if not word:
                    continue
            if word in seen:
                continue
            seen.append(word)
            if len(seen) > MAX_TERMS:
                break
            if word in STOP_WORDS or (len(word) < 2 and not word.isdigit()):
                continue
            (found if hit else others).add(word)
            if hit:
                run += 1
                best = max(best, run)
            else:
                run = 0
    return min(len(found), n), len(others - found), best


# How much each sign of relevance weighs in `rank` (see its docstring); measured on the labelled
# queries of tests/library/relevance.py.
SCORE_WEIGHTS = {"exact": 4.0, "nearly": 2.0, "fit": 2.0, "all": 1.0, "near": 0.5, "engine": 1.0}


def _score(n: int, all_words: bool, engine: float, marked: str, phrase: bool) -> float:
    # A title with no query word in it fits not at all (what _title_fit finds, without the work).
    hit, others, run = _title_fit(marked, n) if marked and _START in marked else (0, 0, 0)
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
