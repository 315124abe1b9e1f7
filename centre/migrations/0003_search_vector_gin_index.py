"""
A GIN index on the search entries' full-text vector, on PostgreSQL only (the column stays empty
on other databases, which match the folded text instead). Not declared in the model's Meta, as
SQLite cannot build it; the migration checks the database instead.
"""

from django.db import migrations

INDEX = "centre_searchentry_vector_gin"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON centre_searchentry USING gin (search_vector)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("centre", "0002_search_entry")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
