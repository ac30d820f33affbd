"""Two checkouts' cold pages, CPU per request, measured in the same minutes: before and after a change.

    python bench/cold_compare.py BEFORE_DIR AFTER_DIR [--rounds 6] [--requests 30] [--page article ...]

Starts one process per checkout (each renders cold_profile.py's pages through the test Client with
DEBUG off and the page cache off, after a warm-up), then asks them in turn, round after round, for
--requests renders of each page, so that a busy moment of a shared machine falls on both alike.
Prints, per page, the median over rounds of each round's median CPU ms (this process alone) and
the ratio after/before. Both checkouts need their static files collected and catalogues compiled;
`git archive HEAD | tar -x -C /tmp/before` makes a before tree.
"""

import argparse
import os
import secrets
import statistics
import subprocess
import sys
import time
from pathlib import Path

PAGES = ["article", "home", "section", "search"]


def worker(root):
    sys.path.insert(0, str(root))
    sys.path.append(str(Path(root) / "bench"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    os.environ.setdefault("SECRET_KEY", "bench-" + secrets.token_urlsafe(40))
    os.environ.update(DEBUG="0", PAGE_CACHE="0", SECURE_COOKIES="0", SECURE_SSL_REDIRECT="0")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
    import django

    django.setup()
    import cold_profile
    from django.test import Client

    urls, client = cold_profile.pages(), Client()
    for url in urls.values():
        for _ in range(10):  # warm-up: templates compiled, connections open, fragments built
            assert client.get(url).status_code == 200, url
    print("ready", flush=True)
    for line in sys.stdin:
        name, count = line.split()
        cpu = []
        for _ in range(int(count)):
            start = time.process_time()
            client.get(urls[name])
            cpu.append(time.process_time() - start)
        print(f"{1000 * statistics.median(cpu):.3f}", flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("before")
    parser.add_argument("after")
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--page", action="append", help=f"only these pages (default: {', '.join(PAGES)})")
    args = parser.parse_args()
    pages = args.page or PAGES
    procs = {}
    for label in ("before", "after"):
        procs[label] = subprocess.Popen(
            ["nice", sys.executable, __file__, "--worker", getattr(args, label)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert procs[label].stdout.readline().strip() == "ready", f"{label} did not start"
    results = {(label, page): [] for label in procs for page in pages}
    for _ in range(args.rounds):
        for page in pages:
            for label, proc in procs.items():
                proc.stdin.write(f"{page} {args.requests}\n")
                proc.stdin.flush()
                results[label, page].append(float(proc.stdout.readline()))
    for proc in procs.values():
        proc.stdin.close()
        proc.wait()
    print(f"load average {os.getloadavg()[0]:.2f}; {args.rounds} rounds of {args.requests} requests a page")
    for page in pages:
        before, after = statistics.median(results["before", page]), statistics.median(results["after", page])
        print(f"{page:12} before {before:6.2f} ms   after {after:6.2f} ms   after/before {after / before:.2f}")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--worker"]:  # one checkout's renderer, driven over stdin by main()
        worker(sys.argv[2])
    else:
        main()
