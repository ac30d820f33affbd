from django.core.management.base import BaseCommand, CommandError

from dictionary import loading, wordnet


class Command(BaseCommand):
    help = (
        "Load the English dictionary (WordNet 3.0, from Debian's wordnet-base) into the database. "
        "Safe to run again: an unchanged source is not reloaded; Korean glosses are never touched."
    )

    def add_arguments(self, parser):
        parser.add_argument("--source", default=str(wordnet.DEFAULT_PATH), help="The WordNet dict folder.")
        parser.add_argument("--force", action="store_true", help="Reload even if the source is unchanged.")
        parser.add_argument(
            "--if-available",
            action="store_true",
            help="Warn, rather than fail, when the source is not installed (for `make run`).",
        )

    def handle(self, *args, source, force, if_available, **options):
        try:
            status, counts, seconds = loading.load(source, force=force)
        except wordnet.SourceMissing as exc:
            if if_available:
                self.stderr.write(self.style.WARNING(f"Dictionary not loaded: {exc}"))
                return
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Dictionary {status}: {counts['words']} words, {counts['inflections']} irregular forms ({seconds:.1f} s)."
        )
