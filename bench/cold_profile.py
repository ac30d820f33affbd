"""Where a cold page's CPU goes: queries, time per request and cProfile's top functions, in process.

    python bench/cold_profile.py [--requests 200] [--top 25] [--sort tottime] [--page article ...] [--after-write]

Renders the article (one story again, and a story not asked for before: article-first), home,
section and search pages (and the print and dictionary views) through
Django's test Client with DEBUG off and the page cache off (PAGE_CACHE=0: every request rendered,
as a cache miss is), after a warm-up, on whatever DATABASE_URL names (PostgreSQL for figures worth
quoting; bench/serve.py --stories fills it). Prints, per page, the queries of one request, the
median wall time and CPU time of a request (unprofiled; the CPU column is this process alone, the
steadiest figure on a shared machine), then the profile of as many more requests of that page.
With --after-write each request is the first after a write, as a page-cache miss most often is: the
newest story is saved again before it (untimed), which makes every page's lists and that story's card
and parts stale, and the fragments that depend on the site version.
"""

import argparse
import cProfile
import itertools
import os
import pstats
import secrets
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("SECRET_KEY", "bench-" + secrets.token_urlsafe(40))
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
os.environ.setdefault("SECURE_COOKIES", "0")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ["PAGE_CACHE"] = "0"


def pages(requests):
    from articles.models import Article, Section

    public = Article.objects.published().newest_first()
    story = public.filter(source_file__startswith="demo:").first() or public.first()
    section = Section.objects.filter(parent=None).order_by("position").first()
    url = story.get_absolute_url()
    # A story never asked for before in each request, as most of an archive's readers' stories are:
    # nothing of it kept (its card, its parts, its related stories), the site's pieces warm.
    first_views = [story.get_absolute_url() for story in public.order_by("?")[: 20 + 2 * requests + 1]]
    return {
        "article": url,
        "article-first": first_views,
        "home": "/",
        "section": section.get_absolute_url(),
        "search": "/search/?q=government",
        "search-rare": "/search/?q=dappled",
        "print": url + "print/",
        "dictionary": url + "dictionary/",
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--sort", default="tottime", choices=["tottime", "cumulative"])
    parser.add_argument("--page", action="append", help="only these pages (repeatable)")
    parser.add_argument("--after-write", action="store_true", help="save the newest story before each request")
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    from articles.models import Article

    newest = Article.objects.published().newest_first().first()

    def write():
        if args.after_write:
            newest.save()

    client = Client()
    for name, page in pages(args.requests).items():
        if args.page and name not in args.page:
            continue
        urls = iter(page) if isinstance(page, list) else itertools.repeat(page)
        url = page if isinstance(page, str) else page[0] + " (and others)"
        for _ in range(20):  # warm-up: templates compiled, connections open, caches filled
            assert client.get(next(urls)).status_code == 200, url
        queries = []

        def count(execute, sql, *rest, queries=queries):
            queries.append(sql)
            return execute(sql, *rest)

        # Counted by a wrapper: the request_started signal empties connection.queries mid-request.
        with connection.execute_wrapper(count):
            client.get(next(urls))
        times, cpu = [], []
        for _ in range(args.requests):
            write()
            target = next(urls)
            start, start_cpu = time.perf_counter(), time.process_time()
            client.get(target)
            times.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
        # Timed apart from the profile, which slows every call it sees; the profile counts CPU time,
        # not the waits for the database or for a busy machine's cores.
        profile = cProfile.Profile(time.process_time)
        for _ in range(args.requests):
            write()
            target = next(urls)
            profile.enable()
            client.get(target)
            profile.disable()
        print(
            f"\n=== {name} {url}: {len(queries)} queries, median {1000 * statistics.median(times):.2f} ms,"
            f" CPU {1000 * statistics.median(cpu):.2f} ms (this process: not the database's)"
        )
        stats = pstats.Stats(profile)
        stats.sort_stats(args.sort).print_stats(args.top)


if __name__ == "__main__":
    main()
