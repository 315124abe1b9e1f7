"""
Search ranks on a small vector of its own (the title and the text's opening), filled here for
the entries there are; and the second GIN index on search_vector, made by 0003 beside 0002's
identical one and written on every save, goes.
"""

import django.contrib.postgres.search
from django.db import migrations

CONFIG = "CASE text_language WHEN 'en' THEN 'english' WHEN 'ru' THEN 'russian' ELSE 'simple' END"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS centre_searchentry_vector_gin")
        schema_editor.execute(
            f"UPDATE centre_searchentry SET rank_vector ="
            f" setweight(to_tsvector(({CONFIG})::regconfig, title_folded), 'A')"
            f" || setweight(to_tsvector(({CONFIG})::regconfig, left(body_folded, 500)), 'B')"
        )


class Migration(migrations.Migration):
    dependencies = [("centre", "0005_taxonomy_help_text")]

    operations = [
        migrations.AddField(
            model_name="searchentry",
            name="rank_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop, elidable=False),
    ]
