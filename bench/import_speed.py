"""How fast import_articles runs: N saved pages imported, imported again (unchanged), and a folder of
JSON lists, on a throwaway database (SQLite in memory, or test_<name> on PostgreSQL with DATABASE_URL).

    DEBUG=1 .venv/bin/python bench/import_speed.py [N]

Prints stories per second and database queries per story for each run.
"""

import os
import sys
import tempfile
import time
from io import StringIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
os.environ.setdefault("DEBUG", "1")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from articles.importers.text import parse_text  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures" / "import"


def write_pages(folder, count):
    """`count` saved pages made from the committed variants, each with a headline of its own."""
    sources = sorted(p for p in FIXTURES.glob("*.txt"))
    for number in range(count):
        source = sources[number % len(sources)]
        data = source.read_bytes()
        headline = parse_text(data).headline.encode()
        data = data.replace(headline, headline + f" {number}".encode())
        # Legacy ids must stay unique per story.
        data = data.replace(b"aid=3012345", f"aid={3_000_000 + number}".encode())
        (folder / f"page-{number:05d}.txt").write_bytes(data)


def timed(label, count, *args):
    out, queries = StringIO(), []

    def count_query(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count_query):
        start = time.perf_counter()
        call_command("import_articles", *args, stdout=out, stderr=StringIO())
        seconds = time.perf_counter() - start
    lines = out.getvalue().splitlines()
    actions = sorted({line.split()[0] for line in lines})
    print(
        f"{label:<28} {count:>6} stories {seconds:8.2f} s {count / seconds:8.1f} stories/s "
        f"{len(queries) / count:6.1f} queries/story  ({', '.join(actions)})"
    )


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        print(f"database: {connection.vendor}, {count} saved pages")
        with tempfile.TemporaryDirectory() as folder:
            folder = Path(folder)
            write_pages(folder, count)
            timed("first import (created)", count, "--published", "2014-08-28", folder)
            timed("same files again (unchanged)", count, "--published", "2014-08-28", folder)
            for page in folder.glob("*.txt"):
                page.write_bytes(page.read_bytes().replace(b" percent", b" per cent"))
            timed("changed files (updated)", count, "--published", "2014-08-28", folder)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
