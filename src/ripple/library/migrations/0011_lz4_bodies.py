"""PostgreSQL: compress prompt bodies (and the search vector) with lz4 rather than pglz, where the
server has lz4 (PostgreSQL 14+ built with it; otherwise nothing changes). A bulk import compresses
every long body twice (the prompt and its first version); pglz was a tenth of its time. Only values
written from now on use it; nothing is rewritten."""

from django.db import migrations

TARGETS = [("library_prompt", "body"), ("library_promptversion", "body"), ("library_prompt", "search_vector")]


def lz4(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for table, column in TARGETS:
            # One DO block each, so a server without lz4 (or without the column yet) just keeps pglz.
            cursor.execute(
                "DO $$ BEGIN "
                f"EXECUTE 'ALTER TABLE {table} ALTER COLUMN {column} SET COMPRESSION lz4'; "
                "EXCEPTION WHEN OTHERS THEN NULL; END $$"
            )


class Migration(migrations.Migration):
    dependencies = [("library", "0010_import_job_heartbeat")]

    operations = [migrations.RunPython(lz4, migrations.RunPython.noop)]
