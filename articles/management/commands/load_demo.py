from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from articles.demo import loader
from dictionary.glosses import pin_story_terms

# Saved pages of the old site, imported as the archive imports them: the seed page among them.
SAVED_PAGES = Path(loader.__file__).resolve().parent / "pages"


class Command(BaseCommand):
    help = (
        "Load the demo stories (articles/demo/stories.json) with their sections, bylines and photos, "
        "import the saved pages in articles/demo/pages/, and create the demo editor. "
        "Safe to run again: nothing is duplicated."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default="editor", help="The demo editor's user name (default: editor).")
        parser.add_argument(
            "--password",
            help="The demo editor's password (default: one derived from SECRET_KEY, the same on every run).",
        )

    def handle(self, *args, username, password, **options):
        try:
            summary = loader.load(username=username, password=password)
        except loader.DemoDataError as exc:
            raise CommandError(f"Demo data: {exc}") from exc
        call_command("import_articles", "--published", "2014-08-28", str(SAVED_PAGES), stdout=self.stdout)
        # The seed's phrases ("make inroads into", "on the sidelines of") head its word list, as an editor pins them.
        pin_story_terms()
        c = summary.counts
        self.stdout.write(
            f"Demo content: {c['stories']} stories ({c['published']} published, {c['drafts']} draft, "
            f"{c['scheduled']} scheduled) in {c['sections']} sections, by {c['people']} bylines, "
            f"with {c['photos']} photos."
        )
        self.stdout.write(
            f"This run: {summary.created} created, {summary.updated} updated, {summary.unchanged} unchanged; "
            f"{summary.pictures_drawn} pictures drawn."
        )
        self.stdout.write(f"Editor login: {summary.editor} / {summary.password}")
