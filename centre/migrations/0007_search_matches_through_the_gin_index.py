"""
The (language, model) index goes: only the search filtered on it, and a language is a third of
the entries, so it served no query well; for a common word the planner took it and tested every
entry's vector, out of the row, instead of asking the GIN index (``centre.search``).
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("centre", "0006_search_rank_vector")]

    operations = [
        migrations.RemoveIndex(model_name="searchentry", name="centre_sear_languag_b6565b_idx"),
    ]
