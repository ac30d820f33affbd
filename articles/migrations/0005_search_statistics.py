from django.db import migrations

import articles.search_sql


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0004_search_document_and_topics"),
    ]

    operations = [
        # Finer planner statistics for the two document columns, on PostgreSQL only (see
        # articles/search_sql.py); they take effect at the next ANALYZE.
        migrations.RunPython(articles.search_sql.finer_statistics, articles.search_sql.default_statistics),
    ]
