"""Dictionary speed: lookup latency, and the dictionary view's cost against the article page's.

Run against a database with the dictionary loaded (`manage.py load_dictionary`), e.g.

    DATABASE_URL=postgres://... python bench/dictionary.py [--lookups 2000] [--requests 50]

It uses the test settings (DEBUG off, so no query logging) with the database of DATABASE_URL, and
makes a 1,000-word story inside a transaction that it rolls back, leaving nothing behind. Each
figure is wall time and, in brackets, this process's CPU time: on a busy machine the CPU time
is the cost of the code, the wall time includes waiting for a core.
"""

import argparse
import logging
import os
import random
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import quote

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from articles.models import Article, Section  # noqa: E402
from articles.sanitize import paragraphs_to_html  # noqa: E402
from dictionary.lookup import lookup  # noqa: E402
from dictionary.models import Word  # noqa: E402

SEED = BASE_DIR / "tests" / "fixtures" / "dictionary" / "seed_story.txt"
FORMS = ["moguls", "materialized", "revitalized", "exchanged", "Entrepreneurs", "went", "mice", "zzyzx", "news"]


def ms(seconds):
    return seconds * 1000


def percentiles(samples):
    samples = sorted(samples)
    return statistics.median(samples), samples[int(len(samples) * 0.95) - 1]


def timed(fn, n):
    """(median, p95) of wall time, and the median CPU time, over n calls."""
    wall, cpu = [], []
    for _ in range(n):
        started, started_cpu = time.perf_counter(), time.process_time()
        fn()
        wall.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    return (*percentiles(wall), statistics.median(cpu))


def show(label, figures):
    median, p95, cpu = figures
    return f"{label}median {ms(median):6.2f} ms, p95 {ms(p95):6.2f} ms (CPU median {ms(cpu):5.2f} ms)"


def bench_lookups(n):
    lemmas = list(Word.objects.order_by("?").values_list("lemma", flat=True)[:500])
    words = (lemmas + FORMS) * (2 * n // (len(lemmas) + len(FORMS)) + 1)
    random.Random(1).shuffle(words)
    words = iter(words)
    client = Client()
    direct = timed(lambda: lookup(next(words)), n)
    api = timed(lambda: client.get(f"/api/dictionary/{quote(next(words))}/"), n)
    return direct, api


def page_cost(client, url, n):
    """Queries of the first and of a later request, and the timing of later requests."""
    counts = []
    for _ in range(2):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        counts.append(len(queries))
    return counts, timed(lambda: client.get(url), n)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lookups", type=int, default=2000)
    parser.add_argument("--requests", type=int, default=50)
    args = parser.parse_args()
    logging.getLogger("django.request").setLevel(logging.ERROR)  # the unknown words' 404s are expected
    if not Word.objects.exists():
        sys.exit("The dictionary is empty: run `python manage.py load_dictionary` first.")
    load = os.getloadavg()[0]
    print(f"database: {connection.vendor}; dictionary: {Word.objects.count():,} words; load average {load:.1f}")
    direct, api = bench_lookups(args.lookups)
    print(show(f"lookup() of {args.lookups} words:        ", direct))
    print(show("GET /api/dictionary/<word>/:      ", api))

    paragraphs = [p for p in SEED.read_text(encoding="utf-8").splitlines() if p.strip() and not p.startswith("BY ")]
    with transaction.atomic():
        section = Section.objects.create(name="Bench section zz")
        body = paragraphs_to_html(paragraphs * 3)
        story = Article.objects.create(
            headline="Bench story for the dictionary view",
            section=section,
            body=body,
            status=Article.Status.PUBLISHED,
            published_at=timezone.now() - timezone.timedelta(hours=1),
        )
        words = len(story.body.split())
        client = Client()
        rows = [
            ("article page", story.get_absolute_url()),
            ("dictionary view", story.get_dictionary_url()),
            ("print view", story.get_print_url()),
        ]
        print(f"a {words:,}-word story, {args.requests} requests each:")
        for name, url in rows:
            queries, figures = page_cost(client, url, args.requests)
            print(show(f"  {name:16} {queries[0]:2d}/{queries[1]:2d} queries (first/later), ", figures))
        transaction.set_rollback(True)


if __name__ == "__main__":
    main()
