"""import_articles: saved article pages (.txt) and JSON files (.json) into the archive.

One line per article on stdout, `created|updated|unchanged|draft <URL path> <file>`; problems on
stderr as `<file>: <reason>`; exit status 1 when any file failed (the others are still imported).
Each file is imported in a transaction of its own: a file goes in whole or not at all.
"""

import argparse
import sys
from datetime import date
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand
from django.db import DatabaseError, transaction

from articles.importers import ImportFileError, read_file
from articles.importers.writer import write


def day(value):
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date in the form YYYY-MM-DD") from None


def files_in(paths):
    """(path, problem) for every file named or found (recursively) in a folder named; hidden files skipped."""
    seen = set()
    for given in paths:
        root = Path(given)
        if root.is_dir():
            try:
                found = sorted(
                    p
                    for p in root.rglob("*")
                    if p.is_file() and not any(part.startswith(".") for part in p.relative_to(root).parts)
                )
            except OSError as exc:
                yield root, f"cannot be read: {exc.strerror}"
                continue
        elif root.exists():
            found = [root]
        else:
            yield root, "no such file or folder"
            continue
        for path in found:
            if path.resolve() not in seen:
                seen.add(path.resolve())
                yield path, None


class Command(BaseCommand):
    help = (
        "Import saved article pages (.txt, UTF-8) and JSON files (.json); folders are read recursively. "
        "A date printed on the page wins over --published; with neither, stories are imported as drafts."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="files or folders")
        parser.add_argument(
            "--published",
            type=day,
            metavar="YYYY-MM-DD",
            help="publication date for pages that print none (00:00 in the newsroom's zone)",
        )
        parser.add_argument("--draft", action="store_true", help="import as drafts even when a date is known")

    def handle(self, *args, paths, published, draft, **options):
        failed = 0
        for path, problem in files_in(paths):
            try:
                if problem:
                    raise ImportFileError(problem)
                records = read_file(path)
                with transaction.atomic():
                    outcomes = [
                        write(r, source=path.resolve(), published=published, force_draft=draft, sole=len(records) == 1)
                        for r in records
                    ]
            except ImportFileError as exc:
                self.stderr.write(f"{path}: {exc}")
                failed += 1
                continue
            except (DatabaseError, ValidationError) as exc:
                # Nothing of the file was kept (its transaction was rolled back).
                self.stderr.write(f"{path}: could not be saved: {exc}".replace("\n", " "))
                failed += 1
                continue
            for outcome in outcomes:
                self.stdout.write(f"{outcome.action} {outcome.article.get_absolute_url()} {path}")
                if outcome.note:
                    self.stderr.write(f"{path}: {outcome.note}")
        if failed:
            sys.exit(1)
