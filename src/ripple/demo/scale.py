"""A bigger demo organization: `build(scale=N)` builds the default story once, then adds N − 1 copies of
its people and of everything they wrote and did (prompts and their versions, reuses, ratings,
favourites, posts, topics, revisions, replies, reactions, follows, kudos and the learning events), so
every table pages read holds N× the rows with the same shape: 10× is the same organization ten times
over, not one organization with ten times the posts per person.

Copies are made by the database, one `INSERT … SELECT` per table and copy, with ids offset by a
multiple of the table's largest id (so foreign keys, self-references such as a reply's parent or a
prompt's fork, and the ledger's `object_id` are remapped by arithmetic, not by lookups); triggers keep
the search indexes current. Copy k of `name@example.org` is `name+k@example.org`, k from 2 (the demo admin's
copies are members). Surveys, drills, showcases, challenges, communities, cohorts, the radar and notifications
are not copied (their story is about a few groups, and pages do not list them in bulk); the community
starter-pack prompts stay one set (they are not the organization's). Copies are added once: a
database that already holds them is left alone.
"""
# ruff: noqa: S608 - every name in the SQL comes from the models' metadata and every number is an int

from __future__ import annotations

from dataclasses import dataclass

from django.core.management.color import no_style
from django.db import connection, models, transaction

from ripple.core.models import LearningEvent
from ripple.demo.people import ADMIN_EMAIL
from ripple.feed.models import Follow, Kudos, Post, PostRevision, Reaction, Reply
from ripple.library.models import Favourite, Prompt, PromptVersion, Rating, Reuse
from ripple.people.models import User

MARK = ADMIN_EMAIL.replace("@", "+2@")  # the admin's first copy: there once the organization was scaled


@dataclass(frozen=True)
class Copied:
    model: type[models.Model]
    anchor: str | None  # the foreign key whose target must be copied for the row to be (None: the people)
    where: str = "1 = 1"  # which original rows are copied, beside the anchor


def _tables() -> list[Copied]:
    """In dependency order: a row is copied when its anchor was."""
    return [
        Copied(User, None, "is_active"),
        Copied(Prompt, "owner", "NOT community"),
        Copied(PromptVersion, "prompt"),
        Copied(Reuse, "person"),
        Copied(Rating, "person"),
        Copied(Favourite, "person"),
        Copied(Post, "author"),
        Copied(Post.topics.through, "post"),
        Copied(PostRevision, "post"),
        Copied(Reply, "post"),
        Copied(Reaction, "post"),
        Copied(Follow, "post"),
        Copied(Kudos, "giver"),
        Copied(Kudos.recipients.through, "kudos"),
        Copied(LearningEvent, "learner"),
    ]


def _remapped(column: str, table: str, offset: int) -> str:
    """`column` moved to copy k when the row it points to was copied (else it still points there)."""
    return (
        f"CASE WHEN {column} IN (SELECT old_id FROM demo_copied WHERE tbl = '{table}') "
        f"THEN {column} + {offset} ELSE {column} END"
    )


def _insert(spec: Copied, k: int, top: dict[str, int], copy_number: int) -> str:
    meta = spec.model._meta
    table = meta.db_table
    columns, values = [], []
    for field in meta.concrete_fields:
        column = field.column
        columns.append(connection.ops.quote_name(column))
        related = field.related_model if field.is_relation else None
        target = related._meta.db_table if isinstance(related, type) else None
        if field.primary_key:
            values.append(f"{column} + {k * top[table]}")
        elif target in top:
            values.append(_remapped(column, target, k * top[target]))
        elif spec.model is User and column == "email":
            values.append(f"replace(email, '@', '+{copy_number}@')")
        elif spec.model is User and column == "role":
            values.append("CASE WHEN role = 'admin' THEN 'member' ELSE role END")
        elif spec.model is LearningEvent and column == "object_id":
            cases = " ".join(
                f"WHEN object_type = '{other.model._meta.label_lower}' AND object_id IN "
                f"(SELECT old_id FROM demo_copied WHERE tbl = '{other.model._meta.db_table}') "
                f"THEN object_id + {k * top[other.model._meta.db_table]}"
                for other in _tables()
                if not other.model._meta.auto_created
            )
            values.append(f"CASE {cases} ELSE object_id END")
        elif spec.model is Post and column == "promoted_prompt_id":
            values.append(_remapped(column, Prompt._meta.db_table, k * top[Prompt._meta.db_table]))
        else:
            values.append(column)
    return (
        f"INSERT INTO {table} ({', '.join(columns)}) SELECT {', '.join(values)} FROM {table} "
        f"WHERE id IN (SELECT old_id FROM demo_copied WHERE tbl = '{table}')"
    )


def scaled() -> bool:
    return User.objects.filter(email=MARK).exists()


def scale_up(factor: int) -> dict[str, int]:
    """Add `factor` − 1 copies of everyone and what they did (`build` does it once: see `scaled`).

    Returns each table's largest id before the copies: `remove_copies` takes them out again. Calling it
    on a scaled database copies the copies too (10× then 10× again is 100×)."""
    specs = _tables()
    top: dict[str, int] = {}
    size = 1 + User.objects.filter(email__startswith=ADMIN_EMAIL.split("@")[0] + "+").count()
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMPORARY TABLE demo_copied (tbl VARCHAR(100) NOT NULL, old_id BIGINT NOT NULL, "
            "PRIMARY KEY (tbl, old_id))"
        )
        try:
            for spec in specs:  # which rows are copied, decided before the first copy exists
                table = spec.model._meta.db_table
                cursor.execute(f"SELECT MAX(id) FROM {table}")
                top[table] = cursor.fetchone()[0] or 0
                where = spec.where
                if spec.anchor is not None:
                    field = spec.model._meta.get_field(spec.anchor)
                    parent = field.related_model._meta.db_table  # type: ignore[union-attr]
                    column = field.column  # type: ignore[union-attr]
                    where += f" AND {column} IN (SELECT old_id FROM demo_copied WHERE tbl = '{parent}')"
                cursor.execute(
                    f"INSERT INTO demo_copied (tbl, old_id) SELECT '{table}', id FROM {table} WHERE {where}"
                )
            for k in range(1, factor):
                for spec in specs:
                    cursor.execute(_insert(spec, k, top, size * k + 1))
        finally:
            cursor.execute("DROP TABLE demo_copied")
        for statement in connection.ops.sequence_reset_sql(no_style(), [spec.model for spec in specs]):
            cursor.execute(statement)  # PostgreSQL: ids were given, so move the sequences past them
    return top


@transaction.atomic  # foreign keys are checked at the end, when every copy is gone
def remove_copies(top: dict[str, int]) -> None:
    """Back to the organization `scale_up` started from: every row past the ids it returned."""
    with connection.cursor() as cursor:
        for spec in reversed(_tables()):
            table = spec.model._meta.db_table
            cursor.execute(f"DELETE FROM {table} WHERE id > %s", [top[table]])
