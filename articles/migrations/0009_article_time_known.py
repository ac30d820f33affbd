import datetime

from django.db import migrations, models
from django.utils import timezone


def mark_imported_dates(apps, schema_editor):
    """Stories imported before the field existed: one at 00:00 came from a page that printed only a date."""
    Article = apps.get_model("articles", "Article")
    imported = Article.objects.exclude(source_file="").exclude(source_file__contains="#").exclude(published_at=None)
    undated = [
        pk
        for pk, when in imported.values_list("pk", "published_at").iterator()
        if timezone.localtime(when).time() == datetime.time.min
    ]
    Article.objects.filter(pk__in=undated).update(time_known=False)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0008_bilingual"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="time_known",
            field=models.BooleanField(
                default=True,
                help_text="Off when only the date of publication is known.",
                verbose_name="time of day known",
            ),
        ),
        migrations.RunPython(mark_imported_dates, migrations.RunPython.noop),
    ]
