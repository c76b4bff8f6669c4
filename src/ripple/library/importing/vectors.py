"""PostgreSQL: an import's search vectors, computed on a second connection while its own writes.

Most of a PostgreSQL import is the search trigger's to_tsvector over four columns, in the one server
process that runs the import's transaction, while the Python side waits. `VectorHelper` lends the
import a second server process (another core): a thread on a connection of its own computes the
vectors of the import's batches with the trigger's very expression (core.search.vectors_sql), from
the last batch backwards, while the import writes from the first forwards; a batch that arrives
with its vectors is written with them (the trigger keeps a vector an INSERT brings), one the helper
has not reached is written bare and the trigger computes it, as before. The two meet where their
speeds say, so a busy machine only makes the helper do less.

The helper only reads (no table, only its parameters): the import stays one transaction on its own
connection, all-or-nothing. If the helper fails (no connection to spare, an error) the import does
not: every batch it did not deliver is written bare. If the import fails, the helper is stopped (its
query cancelled) and its connection closed before the error goes on.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

import psycopg
from django.db import connection

from ripple.core import search

log = logging.getLogger(__name__)
ROW_WEIGHT = 200  # what a row costs besides its text, in characters' worth


def weight(record: dict[str, Any], columns: list[str]) -> int:
    """What writing or indexing a row costs, about: its indexed text's length (to_tsvector, GIN,
    TOAST), plus a row's worth."""
    return sum(len(str(record[c] or "")) for c in columns) + ROW_WEIGHT


def split(
    records: list[dict[str, Any]], index: search.SearchIndex, *, parts: int, most: int
) -> list[list[dict[str, Any]]]:
    """The records in order, cut into about `parts` batches of like weight (at most `most` rows
    each), so neither connection ends up waiting on one long batch of the other."""
    columns = index.column_names()
    target = sum(weight(r, columns) for r in records) / max(parts, 1)
    batches: list[list[dict[str, Any]]] = [[]]
    load = 0
    for record in records:
        cost = weight(record, columns)
        if batches[-1] and (load + cost > target or len(batches[-1]) >= most):
            batches.append([])
            load = 0
        batches[-1].append(record)
        load += cost
    return batches if batches[0] else []


class VectorHelper:
    """Hands out the import's batches in turn (`take`, then `wrote` once written) and computes the
    vectors of some of them."""

    def __init__(
        self, batches: list[list[dict[str, Any]]], index: search.SearchIndex, *, helper: bool
    ) -> None:
        self._batches = batches
        self._columns = index.column_names()
        self._sql = search.vectors_sql(index)
        helper = helper and len(batches) > 1
        # Only a helper's choices weigh the batches (SQLite, a small import: a hundredth of it saved).
        self._weight = (
            [sum(weight(record, self._columns) for record in batch) for batch in batches]
            if helper
            else [0] * len(batches)
        )
        self._unwritten = sum(self._weight)
        self._front, self._back = 0, len(batches)  # [front, back): batches nobody took yet
        self._ready: dict[int, list[bytes]] = {}
        self._busy = False  # the helper is computing batch `back`
        self._cost = {"vectors": [0.0, 0], "bare": [0.0, 0], "with": [0.0, 0]}  # seconds, weight
        self._error: BaseException | None = None
        self._stop = False
        self._gone = not helper  # the helper has ended (or never was)
        self._cond = threading.Condition()
        self._conn: psycopg.Connection[Any] | None = None
        self._thread: threading.Thread | None = None
        if helper:
            params = {
                k: v
                for k, v in connection.get_connection_params().items()
                if k not in ("cursor_factory", "context")
            }
            self._thread = threading.Thread(
                target=self._work, args=(params,), name="import-vectors", daemon=True
            )
            self._thread.start()

    def __enter__(self) -> VectorHelper:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def take(self) -> tuple[int, list[bytes] | None] | None:
        """The next batch to write, as (index, vectors): one whose vectors are ready; else the first
        nobody took, when the helper has more ahead of it than the import (vectors None: the
        trigger computes them); else the helper's next batch, once done. None when all were given."""
        with self._cond:
            while True:
                if self._ready:
                    i = min(self._ready)
                    return i, self._ready.pop(i)
                if self._front < self._back and self._take_own():
                    self._front += 1
                    return self._front - 1, None
                if not self._busy and self._front >= self._back:
                    return None
                self._cond.wait(0.1)

    def wrote(self, i: int, seconds: float, *, with_vectors: bool) -> None:
        """Batch `i` is written (in `seconds`): what the next `take` weighs."""
        with self._cond:
            self._unwritten -= self._weight[i]
            cost = self._cost["with" if with_vectors else "bare"]
            cost[0] += seconds
            cost[1] += self._weight[i]

    def _take_own(self) -> bool:
        """Whether the import should write the first untaken batch bare (computing its vectors
        itself): yes without a helper, or while the helper, at the speeds seen so far, has more
        left to do than the import even after giving it that batch."""
        if self._gone or self._stop:
            return True
        per = {k: seconds / weight for k, (seconds, weight) in self._cost.items() if weight}
        if "vectors" not in per:
            return True  # the helper has not delivered yet: the import would only wait
        vector = per["vectors"]
        write = per.get("with", max(per.get("bare", vector) - vector, vector / 4))
        helper_left = (
            sum(self._weight[self._front : self._back]) + self._busy * self._weight[self._back]
        ) * vector
        import_left = self._unwritten * write
        return helper_left - import_left > self._weight[self._front] * vector

    def close(self) -> None:
        """Stop the helper (cancelling its query) and wait for it; its connection is closed."""
        if self._thread is None:
            return
        with self._cond:
            self._stop = True
            if self._busy and self._conn is not None:
                try:
                    self._conn.cancel_safe(timeout=5)
                except Exception:  # noqa: BLE001 - it only shortens the wait for the helper's last query
                    log.debug("import vectors: cancel failed", exc_info=True)
        self._thread.join()
        self._thread = None
        if self._error is not None:
            log.warning(
                "import vectors: the helper connection failed, the trigger computed the rest: %r", self._error
            )

    def _claim(self) -> int | None:
        with self._cond:
            if self._stop or self._front >= self._back:
                return None
            self._back -= 1
            self._busy = True
            return self._back

    def _work(self, params: dict[str, Any]) -> None:
        try:
            conn = psycopg.connect(**params, autocommit=True)
        except Exception as exc:  # noqa: BLE001 - no connection to spare: the trigger does it all
            with self._cond:
                self._error, self._gone = exc, True
                self._cond.notify_all()
            return
        with self._cond:
            self._conn = conn
        try:
            while (i := self._claim()) is not None:
                values = [[record[name] for record in self._batches[i]] for name in self._columns]
                began = time.perf_counter()
                try:
                    vectors = [row[0] for row in conn.execute(self._sql, values, binary=True).fetchall()]
                except Exception as exc:  # noqa: BLE001 - the batch goes back to the import, written bare
                    with self._cond:
                        self._back += 1  # `i` was the last claimed: it is unclaimed again
                        self._busy = False
                        self._error = None if self._stop else exc
                        self._cond.notify_all()
                    return
                with self._cond:
                    self._ready[i] = vectors
                    self._busy = False
                    self._cost["vectors"][0] += time.perf_counter() - began
                    self._cost["vectors"][1] += self._weight[i]
                    self._cond.notify_all()
        finally:
            with self._cond:
                self._busy, self._gone, self._conn = False, True, None
                self._cond.notify_all()
            conn.close()
