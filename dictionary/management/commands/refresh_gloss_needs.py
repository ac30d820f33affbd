from django.core.management.base import BaseCommand

from dictionary.coverage import refresh_needs
from dictionary.models import KoreanGloss


class Command(BaseCommand):
    help = (
        "Count, for every Korean gloss, how many published stories' vocabulary lists pick its word, and queue "
        "the listed words that have no gloss, so that the editors' review queue puts the most needed first."
    )

    def handle(self, *args, **options):
        need = refresh_needs()
        missing = KoreanGloss.objects.filter(status=KoreanGloss.Status.MISSING).count()
        self.stdout.write(f"{len(need)} listed words counted; {missing} have no Korean gloss and wait in the queue.")
