"""The bulk writes of an import, without the ORM's per-value work: the prompts' rows (a COPY with ids
taken from the sequence up front on PostgreSQL, multi-row INSERTs on SQLite), their first versions made
by the database from those rows, and the created prompts as if read back. actions.import_rows decides
what to write."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from typing import Any

from django.db import connection
from django.db.models import DateTimeField, JSONField
from django.db.models.base import ModelState
from psycopg.abc import Buffer
from psycopg.adapt import Dumper
from psycopg.pq import Format

from ripple.library.models import Prompt, PromptVersion


def as_read(pk: int, record: dict[str, Any], alias: str | None = None) -> Prompt:
    """A created prompt as if read back from the database (what Model.from_db makes), without
    Model.__init__'s per-field work, a tenth of an import: `record` holds every concrete field's
    attname and value already. Prompt has no pre/post_init receivers to skip. `alias`: the
    connection's, looked up once by a caller making many (each `connection.alias` goes through a
    thread-local proxy)."""
    prompt = Prompt.__new__(Prompt)
    prompt.__dict__.update(record)
    prompt.id = pk
    prompt._state = ModelState()
    prompt._state.adding, prompt._state.db = False, alias or connection.alias
    return prompt


_PROMPT_COLUMNS = [f for f in Prompt._meta.concrete_fields if not f.primary_key]
# What a new prompt holds besides its content: counters at zero, version 1, no lineage (as prompt_create).
PROMPT_DEFAULTS = {f.attname: f.get_default() for f in _PROMPT_COLUMNS if f.has_default() or f.null} | {
    "version": 1
}


# Version 1 of an imported prompt is a copy of the prompt's content: made by the database from the rows
# just inserted (INSERT … SELECT), so the bodies cross the wire once, not twice.
_VERSION_FROM_PROMPT = {
    "prompt_id": "id",
    "number": "1",
    "author_id": "owner_id",
    "note": "%s",
    "created_at": "created_at",
    **{name: name for name in ("title", "body", "purpose", "tools", "tags", "examples", "check_output")},
}


def copy_first_versions(ids: list[int]) -> None:
    fields = [f for f in PromptVersion._meta.concrete_fields if not f.primary_key]
    missing = {f.attname for f in fields} - set(_VERSION_FROM_PROMPT)
    assert not missing, f"PromptVersion fields with no source in the prompt: {missing}"  # noqa: S101 - a model change
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    values = ", ".join(
        _VERSION_FROM_PROMPT[f.attname]
        if _VERSION_FROM_PROMPT[f.attname] in ("1", "%s")
        else quote(_VERSION_FROM_PROMPT[f.attname])
        for f in fields
    )
    params: list[Any]
    if connection.vendor == "postgresql":
        where, params = "id = ANY(%s)", [ids]
    else:
        where, params = f"id IN ({', '.join(['%s'] * len(ids))})", list(ids)
    sql = (
        f"INSERT INTO {quote(PromptVersion._meta.db_table)} ({columns}) "  # noqa: S608 - names from the models
        f"SELECT {values} FROM {quote(Prompt._meta.db_table)} WHERE {where}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, ["Imported", *params])


def reserve_ids(model: Any, count: int) -> list[int]:
    """`count` new primary keys from the table's own sequence (ascending), as INSERT would take them."""
    if not count:
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [model._meta.db_table, model._meta.pk.column, count],
        )
        return [row[0] for row in cursor.fetchall()]


def copy_in(
    model: Any, records: list[dict[str, Any]], ids: list[int], vectors: list[bytes] | None = None
) -> None:
    """PostgreSQL: write the records with their ids in one binary COPY. psycopg packs the values in C
    and the server reads them without unescaping (the UNNEST INSERT this replaced spent a fifth of an
    import quoting the bodies into array literals in Python). Row triggers (the search vector) fire
    for COPY as for INSERT; with `vectors` (one per record, in tsvector's binary form: vectors.py)
    the rows bring their search vectors, which the trigger keeps. Logged like a query."""
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    names = [f.attname for f in fields]
    prepare = [_preparer(f) for f in fields]
    quote = connection.ops.quote_name
    columns = [model._meta.pk.column, *(f.column for f in fields), *(["search_vector"] if vectors else [])]
    table = model._meta.db_table
    sql = f"COPY {quote(table)} ({', '.join(map(quote, columns))}) FROM STDIN (FORMAT BINARY)"
    start = time.monotonic()
    with connection.cursor() as cursor:
        types = _column_types(cursor, table)
        raw = cursor.cursor
        raw.adapters.register_dumper(_Vector, _VectorDumper)  # this cursor only
        with raw.copy(sql) as copy:
            copy.set_types([types[column] for column in columns])
            if vectors:
                for pk, record, vector in zip(ids, records, vectors, strict=True):
                    copy.write_row(
                        [pk, *(p(record[name]) for p, name in zip(prepare, names, strict=True)), vector]
                    )
            else:
                for pk, record in zip(ids, records, strict=True):
                    copy.write_row([pk, *(p(record[name]) for p, name in zip(prepare, names, strict=True))])
    if connection.queries_logged:  # what Django's debug cursor records for execute()
        connection.queries_log.append(
            {"sql": f"{sql} -- {len(records)} rows", "time": f"{time.monotonic() - start:.3f}"}
        )


TSVECTOR_OID = 3614  # a built-in type: its oid is fixed (pg_type.dat)


class _Vector(bytes):
    """A search vector in tsvector's binary send/receive form, as a binary query gives it."""


class _VectorDumper(Dumper):
    format = Format.BINARY
    oid = TSVECTOR_OID

    def dump(self, obj: Any) -> Buffer:
        return bytes(obj)


_types: dict[str, dict[str, int]] = {}


def _column_types(cursor: Any, table: str) -> dict[str, int]:
    """The type oid of each column of `table` (a binary COPY needs them): read once per process,
    the columns' types only change with a migration, which starts a new process."""
    if table not in _types:
        cursor.execute(
            "SELECT attname, atttypid::int FROM pg_attribute WHERE attrelid = %s::regclass "
            "AND attnum > 0 AND NOT attisdropped",
            [connection.ops.quote_name(table)],
        )
        _types[table] = dict(cursor.fetchall())
    return _types[table]


def _preparer(field: Any) -> Callable[[Any], Any]:
    """How `field` turns a value into a query parameter, as its own get_db_prep_save would, but only
    calling Django where there is something to do (JSON, dates): per value it was most of the time."""
    if isinstance(field, DateTimeField):  # an import's rows mostly share one time: prepare it once
        seen: dict[Any, Any] = {}

        def prepare(value: Any) -> Any:
            if value not in seen:
                seen[value] = field.get_db_prep_save(value, connection)
            return seen[value]

        return prepare
    if isinstance(field, JSONField):  # what JSONField.get_db_prep_value ends with, for plain values
        adapt, encoder = connection.ops.adapt_json_value, field.encoder
        return lambda value: adapt(value, encoder)
    return lambda value: value


def _max_params() -> int:
    if connection.vendor == "sqlite":
        raw = connection.connection
        limit = getattr(raw, "getlimit", None)
        return int(limit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)) if limit else 999
    return 65_535


def insert(
    model: Any,
    records: list[dict[str, Any]],
    *,
    returning: bool,
    ids: list[int] | None = None,
    vectors: list[bytes] | None = None,
) -> list[int]:
    """INSERT the records (every concrete field's attname → value) in as few statements as the
    database allows, each value prepared as on a save; with `returning`, the new ids in the records'
    order (what bulk_create relies on too). The very rows the ORM would write, without its per-value
    work, which was most of an import's time. PostgreSQL: one COPY, with `ids` (taken from the
    sequence here when not given) and the records' search `vectors` when given."""
    if connection.vendor == "postgresql":
        ids = ids if ids is not None else reserve_ids(model, len(records))
        copy_in(model, records, ids, vectors)
        return ids if returning else []
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    names = [f.attname for f in fields]
    prepare = [_preparer(f) for f in fields]
    quote = connection.ops.quote_name
    table, columns = quote(model._meta.db_table), ", ".join(quote(f.column) for f in fields)
    head = f"INSERT INTO {table} ({columns}) VALUES "  # noqa: S608 - names from the model, values are params
    one = "(" + ", ".join(["%s"] * len(fields)) + ")"
    tail = f" RETURNING {quote(model._meta.pk.column)}" if returning else ""
    per_statement = max(1, _max_params() // len(fields))
    new: list[int] = []
    with connection.cursor() as cursor:
        for start in range(0, len(records), per_statement):
            chunk = records[start : start + per_statement]
            params = [p(record[name]) for record in chunk for p, name in zip(prepare, names, strict=True)]
            cursor.execute(head + ", ".join([one] * len(chunk)) + tail, params)  # noqa: S608 - model names
            if returning:
                new.extend(row[0] for row in cursor.fetchall())
    return new
