"""What the public pages cost on the demo data: queries, and time per request.

    python bench/pages.py [--requests 300] [--gunicorn] [--seconds 5] [--clients 2] [--port 8160]

Loads the demo content first (idempotent), then, for home, a section page, an article page and an
author page, prints the number of queries and the median and 95th-percentile time of a request
through Django's test Client (in process: the view, the templates and the database, no network).
With --gunicorn it also serves the site with gunicorn on 127.0.0.1 (two sync workers, as `make run`
does, with persistent database connections unless CONN_MAX_AGE says otherwise) and prints requests
per second from a few client threads, for a bounded time per page. Uses DATABASE_URL when set, else
SQLite. Runs with DEBUG off, as production does.
"""

import argparse
import http.client
import os
import secrets
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("SECRET_KEY", "bench-" + secrets.token_urlsafe(40))
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
os.environ.setdefault("SECURE_COOKIES", "0")


def prepare():
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    # The production static storage needs its manifest.
    call_command("collectstatic", interactive=False, verbosity=0)
    call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115 - closed at exit

    from articles.demo.loader import SOURCE
    from articles.models import Article, Person, Section

    story = Article.objects.published().get(source_file=SOURCE + "kimjang-cabbage-prices")
    return {
        "home": "/",
        "section": Section.objects.get(name="National", parent=None).get_absolute_url(),
        "article": story.get_absolute_url(),
        "author": Person.objects.get(name="Lee Ha-yoon").get_absolute_url(),
    }


def in_process(pages, requests):
    from django.db import connection
    from django.test import Client

    client = Client()
    # Wall time is what a reader waits; CPU time (this process only) is what the page costs in Python
    # (and in SQLite, which runs in process), and holds steady when other work shares the machine.
    print(f"Django test Client, {requests} requests per page after 20 to warm up (milliseconds):")
    print(f"  {'page':<8} {'queries':>7} {'median':>8} {'p95':>8} {'cpu':>7} {'req/s':>7}  url")
    for name, url in pages.items():
        for _ in range(20):
            assert client.get(url).status_code == 200, url
        queries = []

        def count(execute, sql, params, many, context, queries=queries):
            queries.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(count):
            client.get(url)
        times, cpu = [], []
        for _ in range(requests):
            start, start_cpu = time.perf_counter(), time.process_time()
            response = client.get(url)
            times.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
            assert response.status_code == 200, url
        times.sort()
        median, p95 = statistics.median(times), times[int(len(times) * 0.95) - 1]
        print(
            f"  {name:<8} {len(queries):>7} {median * 1000:>8.2f} {p95 * 1000:>8.2f} "
            f"{statistics.median(cpu) * 1000:>7.2f} {len(times) / sum(times):>7.0f}  {url}"
        )


def _get(connection, url):
    connection.request("GET", url, headers={"Host": "127.0.0.1"})
    response = connection.getresponse()
    response.read()
    return response


def _client(port, url, stop, times, errors):
    """GET `url` until `stop`, keeping the connection open where the server allows it."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    while time.monotonic() < stop:
        start = time.perf_counter()
        try:
            response = _get(connection, url)
        except (OSError, http.client.HTTPException):
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            continue
        times.append(time.perf_counter() - start)
        if response.status != 200:
            errors.append(response.status)
        # gunicorn's sync workers close the connection after each response: open a new one.
        if response.getheader("Connection", "").lower() == "close":
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.close()


def through_gunicorn(pages, port, seconds, clients):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "newsroom.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "2"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if _get(http.client.HTTPConnection("127.0.0.1", port, timeout=2), "/healthz").status == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline or server.poll() is not None:
                raise SystemExit(f"gunicorn did not start: {server.stderr.read().decode()[-2000:]}")
            time.sleep(0.2)
        conn_max_age = os.environ.get("CONN_MAX_AGE", "600")
        print(
            f"\ngunicorn, 2 sync workers on 127.0.0.1:{port}, CONN_MAX_AGE={conn_max_age}; "
            f"{clients} client threads for {seconds:g} s per page:"
        )
        print(f"  {'page':<8} {'req/s':>7} {'median':>8} {'p95':>8}  (milliseconds)")
        for name, url in pages.items():
            times, errors, stop = [], [], time.monotonic() + seconds
            threads = [threading.Thread(target=_client, args=(port, url, stop, times, errors)) for _ in range(clients)]
            began = time.perf_counter()
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            elapsed = time.perf_counter() - began
            times.sort()
            p95 = times[int(len(times) * 0.95) - 1]
            note = f"  {len(errors)} errors" if errors else ""
            print(
                f"  {name:<8} {len(times) / elapsed:>7.0f} {statistics.median(times) * 1000:>8.2f} "
                f"{p95 * 1000:>8.2f}{note}"
            )
    finally:
        server.terminate()
        server.wait(timeout=30)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=200, help="timed requests per page in process")
    parser.add_argument("--gunicorn", action="store_true", help="also measure requests per second via gunicorn")
    parser.add_argument("--seconds", type=float, default=5, help="seconds of load per page via gunicorn")
    parser.add_argument("--clients", type=int, default=2, help="client threads via gunicorn")
    parser.add_argument("--port", type=int, default=8160, help="gunicorn's port on 127.0.0.1 (8100-8199)")
    args = parser.parse_args()
    pages = prepare()
    from django.db import connection

    load = ", ".join(f"{n:.1f}" for n in os.getloadavg())
    print(f"Database: {connection.vendor}; demo data; DEBUG={os.environ['DEBUG']}; ", end="")
    print(f"{os.cpu_count()} CPUs, load average {load}\n")
    in_process(pages, max(args.requests, 20))
    if args.gunicorn:
        connection.close()
        through_gunicorn(pages, args.port, min(args.seconds, 30), max(1, min(args.clients, 8)))


if __name__ == "__main__":
    main()
