from django.core.management.base import BaseCommand, CommandError

from dictionary.coverage import missing_glosses


class Command(BaseCommand):
    help = (
        "List the words in published stories' vocabulary lists that have no Korean gloss, with the stories "
        "they appear in. With --check, exit with status 1 if there are any."
    )

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="Fail if any word lacks a gloss.")

    def handle(self, *args, check, **options):
        missing = missing_glosses()
        for term, stories in sorted(missing.items()):
            self.stdout.write(f"{term}\t{len(stories)} stor{'y' if len(stories) == 1 else 'ies'}: {stories[0]}")
        self.stderr.write(f"{len(missing)} word(s) without a Korean gloss.")
        if check and missing:
            raise CommandError("some listed words have no Korean gloss")
