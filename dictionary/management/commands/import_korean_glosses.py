from django.core.management.base import BaseCommand, CommandError

from dictionary.glosses import STARTER_SET, import_glosses


class Command(BaseCommand):
    help = (
        "Import Korean glosses from CSV files (UTF-8, header term,korean[,note]; several glosses separated by "
        "semicolons). Without a path, imports the starter set the project ships. Existing glosses are kept "
        "unless --update is given, so an editor's correction is not undone by a re-import."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", help=f"CSV files (default: {STARTER_SET.name}, the starter set)")
        parser.add_argument("--update", action="store_true", help="Overwrite existing glosses with the file's.")

    def handle(self, *args, paths, update, **options):
        failed = False
        for path in paths or [STARTER_SET]:
            try:
                report = import_glosses(path, update=update)
            except (OSError, ValueError) as exc:
                self.stderr.write(f"{path}: {exc}")
                failed = True
                continue
            for error in report.errors:
                self.stderr.write(f"{path}: {error}")
            failed = failed or bool(report.errors)
            self.stdout.write(
                f"{path}: {report.created} created, {report.updated} updated, {report.unchanged} unchanged"
                + (f", {report.kept} kept as edited (use --update to overwrite)" if report.kept else "")
                + (f", {len(report.errors)} rejected" if report.errors else "")
            )
        if failed:
            raise CommandError("some glosses could not be imported (see above)")
