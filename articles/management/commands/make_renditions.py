"""Make the WebP renditions of photos that have none (imported or generated photos, or after a change of widths)."""

from django.core.management.base import BaseCommand

from articles.models import Photo
from articles.photos import make_renditions


class Command(BaseCommand):
    help = "Make the responsive WebP renditions of photos that lack them (--all: of every photo)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--all", dest="everything", action="store_true", help="Also photos that already have renditions."
        )

    def handle(self, *args, everything=False, **options):
        photos = Photo.objects.exclude(image="").order_by("pk")
        if not everything:
            photos = photos.filter(renditions=[])
        made = failed = 0
        for photo in photos.iterator():
            try:
                if not photo.has_file:
                    continue
                make_renditions(photo)
                made += 1
            except (OSError, ValueError) as exc:
                failed += 1
                self.stderr.write(f"photo {photo.pk} ({photo.image.name}): {exc}")
        self.stdout.write(f"renditions made for {made} photo(s); {failed} failed")
        if failed:
            raise SystemExit(1)
