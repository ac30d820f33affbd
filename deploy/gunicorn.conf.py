"""gunicorn for Newsroom behind nginx (deploy/nginx.conf): `gunicorn -c deploy/gunicorn.conf.py newsroom.wsgi`.

Bound to loopback: only nginx, which buffers slow clients, talks to the sync workers.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
worker_class = "sync"
timeout = 30  # a worker stuck longer is killed and replaced; statements stop at 15 s before that
graceful_timeout = 20
keepalive = 5
max_requests = 2000  # a worker is replaced now and then, so no slow leak builds up
max_requests_jitter = 200
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 8190
# gunicorn believes no forwarded header itself: Django alone decides whom to believe
# (TRUSTED_PROXIES, newsroom.middleware.TrustedProxyMiddleware), in one place.
forwarded_allow_ips = ""
accesslog = "-"
errorlog = "-"
