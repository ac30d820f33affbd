"""gunicorn's settings for the site: `gunicorn -c gunicorn.conf.py newsroom.wsgi` (make run uses it).

Every value can be overridden from the environment (GUNICORN_*) or the command line. Sync workers,
chosen by measurement (bench/serve.py: gthread served fewer requests per second for the same CPU on
these pages, which spend their time in Python, not waiting); behind nginx, which buffers slow clients,
a sync worker is never held by one.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# One worker per core plus one, as gunicorn's docs advise for CPU-bound pages.
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() + 1))
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "sync")
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 2
# Recycle workers now and then, staggered so they never restart together.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = 200
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
# Who, what, the answer, its size, how long it took (µs), and the request id nginx gives it.
access_log_format = '%(h)s "%(r)s" %(s)s %(B)s %(D)sus "%(f)s" "%(a)s" rid=%({x-request-id}i)s'
forwarded_allow_ips = os.environ.get("TRUSTED_PROXIES", "127.0.0.1")
