"""How fast a story with 10,000 comments loads, and how many queries it takes.

Runs against a throwaway test database (SQLite, or PostgreSQL when DATABASE_URL is set):

    /work/main/.venv/bin/python bench/comments_page.py [--comments 10000] [--runs 50]

Prints the median and 95th-percentile time (through Django's test client, so without network or
gunicorn) for a story without comments and the story with them (anonymous and logged in), the first
and the last page of its thread, and posting a comment, with the query count of each.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import (  # noqa: E402
    CaptureQueriesContext,
    setup_databases,
    teardown_databases,
)


def measure(label, request, runs):
    with CaptureQueriesContext(connection) as queries:
        response = request()
    assert response.status_code in (200, 302), (label, response.status_code)
    query_count = len(queries.captured_queries)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        request()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
    print(f"{label:<44} {statistics.median(times):8.1f} ms {p95:8.1f} ms {query_count:5d}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--comments", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args()

    old = setup_databases(verbosity=0, interactive=False)
    try:
        from django.contrib.auth import get_user_model

        from accounts.models import Profile
        from comments.models import Comment
        from tests.factories import ArticleFactory, SectionFactory

        users = get_user_model().objects.bulk_create(
            [get_user_model()(username=f"reader{n}", email=f"reader{n}@example.com") for n in range(200)]
        )
        Profile.objects.bulk_create([Profile(user=u, display_name=f"Reader {n}") for n, u in enumerate(users)])
        story = ArticleFactory(section=SectionFactory(name="Politics"), headline="President meets with Alibaba CEO")
        start = time.perf_counter()
        Comment.objects.bulk_create(
            [
                Comment(article=story, author=users[n % len(users)], body=f"댓글 number {n}: " + "가나다 " * 20)
                for n in range(args.comments)
            ],
            batch_size=5000,
        )
        print(
            f"database: {connection.vendor}; {args.comments:,} comments loaded in {time.perf_counter() - start:.1f} s"
        )
        url = story.get_absolute_url()
        oldest = Comment.objects.filter(article=story).order_by("id").values_list("id", flat=True)[25]
        anonymous = Client()
        reader = Client()
        reader.force_login(users[0])
        print(f"{'request':<44} {'median':>11} {'p95':>11} {'queries':>5}")
        quiet_url = ArticleFactory(section=story.section, headline="A story nobody comments on").get_absolute_url()
        measure("story page without comments, anonymous", lambda: anonymous.get(quiet_url), args.runs)
        measure("story page, anonymous", lambda: anonymous.get(url), args.runs)
        measure("story page, logged in", lambda: reader.get(url), args.runs)
        measure("thread page 1", lambda: anonymous.get(url + "comments/"), args.runs)
        deep = f"{url}comments/?before={oldest}"
        measure("last page of the thread (keyset)", lambda: anonymous.get(deep), args.runs)
        posters = []
        for user in users[1:]:
            client = Client()
            client.force_login(user)
            posters.append(client)
        poster = iter(posters)
        measure(
            "post a comment (redirect)",
            lambda: next(poster).post(url + "comments/", {"body": "좋은 기사입니다. Thank you."}),
            min(args.runs, len(posters) - 1),
        )
    finally:
        teardown_databases(old, verbosity=0)


if __name__ == "__main__":
    main()
