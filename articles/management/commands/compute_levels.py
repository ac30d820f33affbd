"""Give stories saved before reading levels existed (or bulk-created) their level and minutes to read."""

from django.core.management.base import BaseCommand

from articles.models import Article

BATCH = 500


class Command(BaseCommand):
    help = "Compute the reading level and minutes of stories that have none (--all: of every story)."

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="recompute every story's level")

    def handle(self, *args, all=False, **options):
        stories = Article.objects.all() if all else Article.objects.filter(level="")
        stories = stories.only("pk", "headline", "dek", "body").order_by("pk")
        done, last = 0, 0
        while batch := list(stories.filter(pk__gt=last)[:BATCH]):
            for story in batch:
                story.set_level()
            # bulk_update writes the two fields only: no new version, no lock bump, no signal per row.
            Article.objects.bulk_update(batch, ["level", "reading_minutes"])
            done, last = done + len(batch), batch[-1].pk
        if done:
            from newsroom import invalidation

            invalidation.site_changed()
        self.stdout.write(f"{done} stories given a reading level.")
