"""Reading a query: stop words dropped, prefix matching only for the word being typed; `matching`
for filter-style search."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection
from django.db.models import QuerySet

from ripple.core.search.indexes import (
    _WORD,
    MAX_TERMS,
    PREFIX_MIN,
    M,
    SearchIndex,
    _bm25,
)

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
