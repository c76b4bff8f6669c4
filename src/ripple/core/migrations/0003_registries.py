"""Core knows no app (ADR 0010): kinds become plain strings checked against core.registry, the ledger's
department copies become plain ids (no foreign key to people), and Notification moves to the
notifications app (its table is renamed there; no row is copied)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_notifications"),
        ("people", "0001_initial"),
        ("notifications", "0001_initial"),
    ]

    operations = [
        migrations.AlterField(model_name="learningevent", name="kind", field=models.CharField(max_length=20)),
        # Drop the database constraint first (SQLite rebuilds the table), then let the state forget the
        # relation: the column and its index stay as they are, now a plain id.
        migrations.AlterField(
            model_name="learningevent",
            name="learner_department",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="people.department",
            ),
        ),
        migrations.AlterField(
            model_name="learningevent",
            name="source_department",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="people.department",
            ),
        ),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(model_name="learningevent", name="learner_department"),
                migrations.RemoveField(model_name="learningevent", name="source_department"),
                migrations.AddField(
                    model_name="learningevent",
                    name="learner_department_id",
                    field=models.BigIntegerField(blank=True, db_index=True, null=True),
                ),
                migrations.AddField(
                    model_name="learningevent",
                    name="source_department_id",
                    field=models.BigIntegerField(blank=True, db_index=True, null=True),
                ),
                migrations.DeleteModel(name="Notification"),
            ],
            database_operations=[],
        ),
    ]
