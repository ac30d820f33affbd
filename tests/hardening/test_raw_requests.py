"""Raw request lines, through gunicorn as deployed (deploy/gunicorn.conf.py): none is answered 5xx."""

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]

LINES = [
    b"GET / HTTP/1.1\r\nHost: localhost\r\n\r\n",
    b"GET /%00 HTTP/1.1\r\nHost: localhost\r\n\r\n",
    b"GET /\x00 HTTP/1.1\r\nHost: localhost\r\n\r\n",
    b"GET /search/?q=%00 HTTP/1.1\r\nHost: localhost\r\n\r\n",
    b"GET /search/?q=\xff\xfe HTTP/1.1\r\nHost: localhost\r\n\r\n",
    b"GET /9999/12/31/ HTTP/1.1\r\nHost: localhost\r\n\r\n",
    b"GET / HTTP/9.9\r\nHost: localhost\r\n\r\n",
    b"GET / HTTP/1.1\r\nHost: evil.example\r\n\r\n",
    b"GET / HTTP/1.1\r\n\r\n",
    b"GARBAGE\r\n\r\n",
    b"GET\r\n\r\n",
    b"GET " + b"/a" * 5000 + b" HTTP/1.1\r\nHost: localhost\r\n\r\n",
    b"GET / HTTP/1.1\r\nHost: localhost\r\nX-Big: " + b"x" * 10000 + b"\r\n\r\n",
    b"GET / HTTP/1.1\r\nHost: localhost\r\nBad Header\r\n\r\n",
    b"GET / HTTP/1.1\r\nHost: localhost\r\nContent-Length: -1\r\n\r\n",
    b"POST /accounts/login/ HTTP/1.1\r\nHost: localhost\r\nContent-Length: 5\r\n"
    b"Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
    b"POST /search/ HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
    b"GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Forwarded-For: \x00\r\nX-Forwarded-Proto: https\r\n\r\n",
    b"DELETE / HTTP/1.1\r\nHost: localhost\r\n\r\n",
    b"GET /accounts/login/ HTTP/1.1\r\nHost: localhost\r\nCookie: sessionid=\x01\x02; csrftoken=\xff\r\n\r\n",
]


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def send(port, raw):
    with socket.create_connection(("127.0.0.1", port), timeout=10) as peer:
        peer.sendall(raw)
        peer.shutdown(socket.SHUT_WR)
        reply = b""
        while chunk := peer.recv(65536):
            reply += chunk
    return reply.split(b"\r\n", 1)[0]


@pytest.fixture
def gunicorn():
    settings = connection.settings_dict
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DATABASE_URL": f"postgres://{settings['USER']}@{settings['HOST']}:{settings['PORT']}/{settings['NAME']}",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": "1",
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py", "newsroom.wsgi"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.2)
    yield port
    server.terminate()
    server.wait(timeout=10)


@pytest.mark.postgres
@pytest.mark.django_db
def test_no_raw_request_line_gets_a_server_error(gunicorn):
    """Malformed, oversized and smuggling request lines get a 4xx from gunicorn or Django, never a 5xx."""
    statuses = {raw[:60]: send(gunicorn, raw) for raw in LINES}
    assert all(status.startswith(b"HTTP/1.") for status in statuses.values()), statuses
    errors = {raw: status for raw, status in statuses.items() if status.split()[1].startswith(b"5")}
    assert errors == {}
