"""Full-text search: one interface, two backends (SQLite FTS5 and PostgreSQL tsvector + GIN).

An app registers a `SearchIndex` for one of its tables (in its AppConfig.ready). After every
migration, `ensure_indexes` makes the database keep that index current by itself:

* SQLite: an external-content FTS5 table `<table>_fts` (porter stemming) fed by triggers.
* PostgreSQL: a `search_vector tsvector` column with per-column weights, filled by a trigger,
  and a GIN index on it. An INSERT may bring its own vector (computed with `vectors_sql`, the
  trigger's expression: a bulk import does so on a second connection); an UPDATE always recomputes.

Because the database maintains the index, every write path (ORM save, bulk_create, update,
raw SQL) stays searchable without any code remembering to reindex.

Queries drop stop words (one list, STOP_WORDS, for both engines) and match whole stemmed words,
the last one also as a prefix while it is being typed. `rank` returns the best rows first: each
engine ranks its whole match set (bm25 / ts_rank_cd with the column weights) and keeps the best
CANDIDATES with all the words and with any word; those are scored alike on both engines (title
fit, all words, words side by side, then the engine's rank).

One module per concern (indexes, query, ranking, snippets); everything is importable from
`ripple.core.search`.
"""

from ripple.core.search.indexes import (
    MAX_TERMS,
    TRIGGER_VERSION,
    WEIGHTS,
    M,
    SearchIndex,
    ensure_indexes,
    register,
    registered,
    terms,
    vectors_sql,
)
from ripple.core.search.query import CANDIDATES, PREFIX_MIN, STOP_WORDS, Query, matching, parse
from ripple.core.search.ranking import (
    SCORE_WEIGHTS,
    Hit,
    Ranking,
    rank,
)
from ripple.core.search.snippets import snippets

__all__ = [
    "SearchIndex",
    "register",
    "registered",
    "terms",
    "vectors_sql",
    "ensure_indexes",
    "M",
    "TRIGGER_VERSION",
    "WEIGHTS",
    "MAX_TERMS",
    "Query",
    "parse",
    "matching",
    "STOP_WORDS",
    "PREFIX_MIN",
    "CANDIDATES",
    "Hit",
    "Ranking",
    "rank",
    "SCORE_WEIGHTS",
    "snippets",
]
