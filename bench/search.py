"""Benchmark: search, date archives and section pages at archive scale, through the Django test client.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/nr_bench python bench/search.py [--generate N] [--repeat R]

Fills the database with generate_articles up to N stories when it has fewer, then prints:
- p50/p95 of the whole response (URL resolution, queries, templates) for a fixed list of searches:
  common and rare words, phrases, two-word queries, Korean, websearch operators, filters; then
  the same for searches at a reading level (`?level=`, the archive's commonest and rarest bands);
- the query count of month archives and section pages with different numbers of stories;
- a deep section page (page 2,000 where the section is that long) against page 1.
Figures, not pass/fail: the issue's targets are printed beside them.
"""

import argparse
import os
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from articles.models import Article, Section  # noqa: E402
from articles.pagination import encode  # noqa: E402

QUERIES = [
    # common words
    {"q": "government"},
    {"q": "people"},
    {"q": "year"},
    {"q": "world"},
    # rare words
    {"q": "dappled"},
    {"q": "dardanelles"},
    {"q": "cyprian"},
    {"q": "culpeper"},
    # phrases
    {"q": '"the government"'},
    {"q": '"new york"'},
    {"q": '"in the world"'},
    # two words
    {"q": "interest rates"},
    {"q": "prime minister"},
    {"q": "football championship"},
    # Korean inside inflected forms, websearch operators
    {"q": "삼성전자"},
    {"q": "korea -north"},
    {"q": "baseball or football"},
    # sorted by date, filtered
    {"q": "government", "sort": "date"},
    {"q": "market", "section": "business"},
    {"q": "police", "from": "2015-01-01", "to": "2016-12-31"},
    {"q": "music", "section": "national", "sort": "date"},
    {"q": "government", "page": "3"},
]
# Reading levels (`?level=`): a common and a rare word at the commonest band, the rarest and the
# middle one, alone and with a section or sorted by date. Which bands are common depends on the archive: the
# generated stories are mostly C1–C2; the bands are chosen from the archive's own counts (see main).
LEVEL_QUERIES = [
    {"q": "government", "level": "{common}"},
    {"q": "government", "level": "{rare}"},
    {"q": "dappled", "level": "{common}"},
    {"q": "dappled", "level": "{rare}"},
    {"q": "people", "level": "{rare}", "sort": "date"},
    {"q": "market", "section": "business", "level": "{rare}"},
    {"q": "year", "level": "{common}", "sort": "date"},
    {"q": "government", "level": "{middle}"},
    {"q": "people", "level": "{middle}", "sort": "date"},
    {"q": "dappled", "level": "{middle}"},
]


COUNT = re.compile(r"([0-9,]+\+?) stor(?:y|ies)\b")


def timed(client, url, params=None):
    start = time.perf_counter()
    response = client.get(url, params or {})
    elapsed = (time.perf_counter() - start) * 1000
    if response.status_code != 200:
        raise SystemExit(f"{url} {params} answered {response.status_code}")
    return elapsed, response


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))]


def run_searches(client, title, queries, repeat):
    for params in queries:  # warm the caches once: steady-state figures
        timed(client, "/search/", params)
    rows, every = [], []
    for params in queries:
        times, response = [], None
        for _ in range(repeat):
            elapsed, response = timed(client, "/search/", params)
            times.append(elapsed)
        every += times
        found = COUNT.search(response.content.decode())
        label = " ".join(f"{k}={v}" for k, v in params.items())
        rows.append((label, statistics.median(times), percentile(times, 95), found.group(1) if found else "0"))
    print(f"\n{title}, whole response, {repeat} runs each (target: p95 < 50 ms at 1,000,000 stories)")
    print(f"{'query':<50} {'p50 ms':>8} {'p95 ms':>8} {'hits':>8}")
    for label, p50, p95, count in rows:
        print(f"{label:<50} {p50:8.1f} {p95:8.1f} {count:>8}")
    print(f"ALL {len(every)} responses: p50 {percentile(every, 50):.1f} ms, p95 {percentile(every, 95):.1f} ms")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--generate", type=int, default=0, help="fill up to this many stories first")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        raise SystemExit("Set DATABASE_URL to a PostgreSQL database: the benchmark measures the real engine.")
    have = Article.objects.count()
    if args.generate > have:
        call_command("generate_articles", args.generate - have, seed=have + 1)
    total = Article.objects.count()
    public = Article.objects.published().count()
    print(f"Archive: {total:,} stories ({public:,} public), PostgreSQL {connection.pg_version // 10000}")

    # A plain client: Django's test environment would also copy every template context for
    # inspection, which costs more than rendering. The counts are read from the page itself.
    client = Client()
    shares = dict(Article.objects.published().values_list("level").annotate(n=Count("pk")).order_by("-n"))
    print("Reading levels: " + ", ".join(f"{band} {n:,}" for band, n in sorted(shares.items())))
    by_size = sorted(shares, key=shares.get)
    bands = {"common": by_size[-1], "rare": by_size[0], "middle": by_size[len(by_size) // 2]}
    level_queries = [{k: v.format(**bands) for k, v in params.items()} for params in LEVEL_QUERIES]
    for title, queries in (("Search", QUERIES), ("Search with ?level=", level_queries)):
        run_searches(client, title, queries, args.repeat)

    print("\nQuery counts (constant, whatever the number of stories)")
    months = list(
        Article.objects.published().values("pub_date__year", "pub_date__month").annotate(n=Count("pk")).order_by("n")
    )
    for month in (months[0], months[-1]):
        url = f"/{month['pub_date__year']:04d}/{month['pub_date__month']:02d}/"
        with CaptureQueriesContext(connection) as queries:
            elapsed, _ = timed(client, url)
        print(f"month {url:<14} {month['n']:>6} stories: {len(queries)} queries, {elapsed:.1f} ms")
    sections = sorted(Section.objects.all(), key=lambda s: Article.objects.published().filter(section=s).count())
    for section in (sections[0], sections[-1]):
        with CaptureQueriesContext(connection) as queries:
            elapsed, _ = timed(client, section.get_absolute_url())
        print(f"section {section.slug:<20}: {len(queries)} queries, {elapsed:.1f} ms")

    print("\nDeep section pages (keyset: target page 2,000 within 1.5x of page 1)")
    section = max(Section.objects.filter(parent=None), key=lambda s: len(s.descendant_ids()))
    stories = Article.objects.published().filter(section_id__in=section.descendant_ids())
    size = stories.count()
    page_size = 20
    deep = min(2000, max(1, size // page_size - 1))
    anchor = stories.order_by("-published_at", "-pk")[(deep - 1) * page_size - 1]
    deep_url = f"{section.get_absolute_url()}?before={encode(anchor)}"
    first = [timed(client, section.get_absolute_url())[0] for _ in range(args.repeat * 2)]
    deeper = [timed(client, deep_url)[0] for _ in range(args.repeat * 2)]
    ratio = statistics.median(deeper) / statistics.median(first)
    print(f"section {section.slug} ({size:,} stories): page 1 p50 {statistics.median(first):.1f} ms, "
          f"page {deep:,} p50 {statistics.median(deeper):.1f} ms, ratio {ratio:.2f}")  # fmt: skip


if __name__ == "__main__":
    main()
