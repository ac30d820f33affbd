"""What the site serves through gunicorn, cold and cached, as a share of a bare Django view.

    python bench/serve.py [--stories 100000] [--rounds 3] [--seconds 5] [--connections 16]
                          [--workers 2] [--worker-class sync] [--threads 1]

In one run: fills the archive with `generate_articles` up to --stories (once; DATABASE_URL should
point at PostgreSQL for large sizes), then starts three gunicorns from the same environment and
gunicorn.conf.py: the site with its page cache, the site with it off (PAGE_CACHE=0: every request
rendered), and a bare Django view (bench/bare.py). wrk drives each over 127.0.0.1 in interleaved
rounds (so a busy moment of the machine hurts all alike) and the script prints, per page, requests
per second, p50 and p99 latency, and each as a ratio to the bare view; then 304s for a conditional
GET, and each site worker's memory before and after the run (10,000 requests or more).
Needs wrk (Debian's package). Loopback only; every run is bounded by --seconds.
"""

import argparse
import os
import re
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
ENV = {
    "DJANGO_SETTINGS_MODULE": "newsroom.settings",
    "DEBUG": "0",
    "SECRET_KEY": os.environ.get("SECRET_KEY") or "bench-" + secrets.token_urlsafe(40),
    "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
    "SECURE_COOKIES": "0",
    "SECURE_SSL_REDIRECT": "0",
    "GUNICORN_ACCESS_LOG": "/dev/null",
    # No worker is replaced during a run: the memory figures then show a leak rather than hide it.
    "GUNICORN_MAX_REQUESTS": "0",
}
os.environ.update({k: v for k, v in ENV.items() if k not in os.environ or k == "GUNICORN_ACCESS_LOG"})
RANDOM_PATHS = 1000


def prepare(stories):
    import django

    django.setup()
    from django.core.management import call_command

    quiet = open(os.devnull, "w")  # noqa: SIM115 - closed at exit
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    call_command("load_demo", stdout=quiet)
    call_command("load_dictionary", "--if-available", stdout=quiet, stderr=quiet)
    from articles import pagination
    from articles.models import Article, Section

    have = Article.objects.count()
    if have < stories:
        print(f"generating {stories - have:,} stories…", flush=True)
        call_command("generate_articles", stories - have, "--workers", "2", stdout=quiet)
    public = Article.objects.published().newest_first()
    hot = public.filter(source_file__startswith="demo:").first() or public.first()
    section = Section.objects.filter(parent=None).order_by("position").first()
    deep = public.filter(section__in=section.descendant_ids()).values_list("published_at", "pk")[1000:1001]
    deep_url = section.get_absolute_url()
    if deep:
        when, pk = deep[0]
        deep_url += "?before=" + pagination.encode(Article(published_at=when, pk=pk))
    month = hot.published_at
    random_paths = [a.get_absolute_url() for a in public.order_by("?")[:RANDOM_PATHS]]
    return {
        "article (one hot story)": hot.get_absolute_url(),
        f"article ({len(random_paths):,} random)": random_paths,
        "home": "/",
        "section": section.get_absolute_url(),
        "section, 1,000 stories deep": deep_url,
        "month archive": f"/{month:%Y}/{month:%m}/",
        "search, a common word": "/search/?q=government",
        "search, a rare word": "/search/?q=kimjang",
        "dictionary view": hot.get_absolute_url() + "dictionary/",
        "print view": hot.get_absolute_url() + "print/",
        "feed": "/feeds/rss/",
    }


def start(name, port, app, args, extra_env, probe="/healthz"):
    env = {**os.environ, **extra_env, "GUNICORN_BIND": f"127.0.0.1:{port}"}
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "-c",
        str(ROOT / "gunicorn.conf.py"),
        "--workers",
        str(args.workers),
        "--worker-class",
        args.worker_class,
        "--threads",
        str(args.threads),
        app,
    ]
    process = subprocess.Popen(command, cwd=ROOT, env=env, stderr=subprocess.DEVNULL)
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}{probe}", timeout=2)
            return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit(f"{name} did not start on port {port}")


LUA = """
local paths = {}
for line in io.lines(os.getenv("BENCH_PATHS")) do paths[#paths + 1] = line end
request = function() return wrk.format("GET", paths[math.random(#paths)]) end
"""


def wrk(port, target, args, headers=(), workdir=None):
    command = ["wrk", "-t2", f"-c{args.connections}", f"-d{args.seconds}s", "--latency", "--timeout", "10s"]
    env = dict(os.environ)
    for header in headers:
        command += ["-H", header]
    if isinstance(target, list):
        paths = Path(workdir) / "paths.txt"
        paths.write_text("\n".join(target))
        script = Path(workdir) / "random.lua"
        script.write_text(LUA)
        env["BENCH_PATHS"] = str(paths)
        command += ["-s", str(script)]
        target = "/"
    output = subprocess.run(
        [*command, f"http://127.0.0.1:{port}{target}"], capture_output=True, text=True, env=env, check=True
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "rps": rps,
        "p50": _ms(re.search(r"50%\s+([\d.]+\w+)", output).group(1)),
        "p99": _ms(re.search(r"99%\s+([\d.]+\w+)", output).group(1)),
        "bad": int(errors.group(1)) if errors else 0,
    }


def _ms(text):
    value, unit = re.fullmatch(r"([\d.]+)(\w+)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]


def worker_memory(process):
    """Resident memory (MB) of each of a gunicorn's workers."""
    children = Path(f"/proc/{process.pid}/task/{process.pid}/children").read_text().split()
    sizes = []
    for pid in children:
        status = Path(f"/proc/{pid}/status").read_text()
        sizes.append(int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) / 1024)
    return sizes


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stories", type=int, default=0, help="fill the archive to this many stories first")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--worker-class", default="sync")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--pages", default="", help="only the pages whose names contain one of these (a, b, …)")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("bench/serve.py needs wrk: apt-get install wrk")
    pages = prepare(args.stories)
    hot = pages["article (one hot story)"]  # the 304s ask for it whatever --pages says
    if args.pages:
        wanted = [word.strip() for word in args.pages.split(",")]
        pages = {name: target for name, target in pages.items() if any(word in name for word in wanted)}
    servers = {
        "bare": start("bare view", 8191, "bench.bare:application", args, {}, probe="/"),
        "cold": start("site, no page cache", 8192, "newsroom.wsgi", args, {"PAGE_CACHE": "0"}),
        "cached": start("site", 8193, "newsroom.wsgi", args, {"PAGE_CACHE": "1"}),
    }
    ports = {"bare": 8191, "cold": 8192, "cached": 8193}
    results = {}
    try:
        memory_before = {name: worker_memory(servers[name]) for name in ("cold", "cached")}
        with tempfile.TemporaryDirectory() as workdir:
            # Warm every server (and fill the cache) before measuring.
            for target in pages.values():
                for name in ("cold", "cached"):
                    wrk(ports[name], target, argparse.Namespace(**{**vars(args), "seconds": 1}), workdir=workdir)
            for round_number in range(args.rounds):
                print(f"round {round_number + 1} of {args.rounds}…", flush=True)
                for page, target in pages.items():
                    for name in ("bare", "cold", "cached"):
                        where = "/" if name == "bare" else target
                        results.setdefault((page, name), []).append(wrk(ports[name], where, args, workdir=workdir))
                etag = urllib.request.urlopen(f"http://127.0.0.1:8193{hot}").headers["ETag"]
                results.setdefault(("304 (conditional GET)", "cached"), []).append(
                    wrk(8193, hot, args, headers=[f"If-None-Match: {etag}"])
                )
                results.setdefault(("304 (conditional GET)", "bare"), []).append(wrk(8191, "/", args))
        memory_after = {name: worker_memory(servers[name]) for name in ("cold", "cached")}
    finally:
        for process in servers.values():
            process.send_signal(signal.SIGTERM)
        for process in servers.values():
            process.wait(timeout=30)
    report(results, pages, memory_before, memory_after, args)


def median(runs, key):
    return statistics.median(run[key] for run in runs)


def report(results, pages, before, after, args):
    print()
    print(
        f"gunicorn {args.workers} × {args.worker_class} worker(s), wrk -c{args.connections}, "
        f"{args.rounds} interleaved rounds of {args.seconds} s; medians of the rounds"
    )
    print(f"{'page':32} {'':7} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'× bare':>8}")
    for page in [*pages, "304 (conditional GET)"]:
        bare = median(results[(page, "bare")], "rps")
        for name in ("cold", "cached"):
            runs = results.get((page, name))
            if not runs:
                continue
            rps = median(runs, "rps")
            bad = sum(run["bad"] for run in runs)
            print(
                f"{page:32} {name:7} {rps:8.0f} {median(runs, 'p50'):8.1f} {median(runs, 'p99'):8.1f}"
                f" {100 * rps / bare:7.1f}%" + (f"  ({bad} non-2xx/3xx)" if bad else "")
            )
        print(f"{'':32} {'bare':7} {bare:8.0f}")
    for name in ("cold", "cached"):
        print(
            f"memory per worker, site {name}: before "
            + ", ".join(f"{mb:.0f} MB" for mb in before[name])
            + "; after "
            + ", ".join(f"{mb:.0f} MB" for mb in after[name])
        )


if __name__ == "__main__":
    main()
