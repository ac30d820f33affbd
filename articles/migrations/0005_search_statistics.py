from django.db import migrations

# Frozen here on purpose, as in 0004.
# The planner's statistics keep the commonest lexemes of each document column: by default 1,000,
# all of them in more than ~5% of stories at a million, so every other word was estimated at a
# fixed 0.5% ("korea", in 4.5%, was taken for ten times rarer than it is). Search chooses its
# index path from these estimates. 10,000 keeps ~30,000 lexemes, down to ~0.05% of stories;
# ANALYZE then reads every row of a million-story archive (about a minute here).
STATISTICS = """
ALTER TABLE articles_article
  ALTER COLUMN search_vector SET STATISTICS 10000,
  ALTER COLUMN search_summary SET STATISTICS 10000;
"""
STATISTICS_DEFAULT = """
ALTER TABLE articles_article
  ALTER COLUMN search_vector SET STATISTICS -1,
  ALTER COLUMN search_summary SET STATISTICS -1;
"""


def finer_statistics(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(STATISTICS)


def default_statistics(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(STATISTICS_DEFAULT)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0004_search_document_and_topics"),
    ]

    operations = [
        # Finer planner statistics for the two document columns, on PostgreSQL only; they take
        # effect at the next ANALYZE.
        migrations.RunPython(finer_statistics, default_statistics),
    ]
