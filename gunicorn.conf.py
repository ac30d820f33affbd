"""gunicorn's settings for the site: `gunicorn -c gunicorn.conf.py newsroom.wsgi` (make run, the deploy).

Every value can be overridden from the environment (GUNICORN_*) or the command line. Bound to loopback:
only nginx (deploy/nginx.conf), which buffers slow clients, talks to the workers. Sync workers: these
pages spend their time in Python, not waiting (a page-cache hit is two Redis reads), so threads add
switching without adding throughput under the GIL, and behind nginx a sync worker is never held by a
slow client. `bench/serve.py --worker-class gthread --threads 4` measures the other choice against
this one on the same machine.
"""

import gc
import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# gunicorn's own advice: two workers per core plus one, for the time a request waits on the database.
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "sync")
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))  # statements stop at 15 s, well before this
graceful_timeout = 20
keepalive = 5
# A worker is replaced now and then, staggered so they never restart together: no slow leak builds up.
# Not too often: a worker answers a kept page in well under a millisecond, so at 2,000 it was replaced
# every few seconds under load, and each replacement (a second of start-up, an empty local cache) was
# the slowest 1% of every cached page (p99 0.5–1.2 s in bench/serve.py; with this, ~15 ms).
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "20000"))
max_requests_jitter = 2000
# The application is loaded once, in the master, and each worker forked from it: a replaced worker is
# ready in milliseconds instead of importing Django again, and the workers share the loaded code's memory.
preload_app = True
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 8190
# gunicorn believes no forwarded header itself: Django alone decides whom to believe
# (TRUSTED_PROXIES, newsroom.proxies.TrustedProxyMiddleware), in one place.
forwarded_allow_ips = ""
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
# Who, what, the answer, its size, how long it took (µs), and the request id nginx gives it.
access_log_format = '%(h)s "%(r)s" %(s)s %(B)s %(D)sus "%(f)s" "%(a)s" rid=%({x-request-id}i)s'


def pre_fork(server, worker):
    # What the master loaded lives as long as the worker: moved out of the collector's sight, a full
    # collection no longer walks it (and no longer writes to the pages the workers share with the master).
    gc.freeze()


def post_fork(server, worker):
    # Nothing the master may have opened is shared with a worker: each opens its own connections.
    from django.db import connections

    connections.close_all()
