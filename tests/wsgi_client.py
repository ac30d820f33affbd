"""Requests made as a WSGI server makes them, to the application gunicorn serves (newsroom.wsgi), or to
any other: what the test client, which calls Django's handler directly, never goes through."""

import io
from dataclasses import dataclass, field
from urllib.parse import urlsplit
from wsgiref.util import setup_testing_defaults


@dataclass
class Answer:
    status_code: int
    headers: dict = field(default_factory=dict)
    content: bytes = b""

    def __getitem__(self, name):
        return self.get(name)

    def get(self, name, default=None):
        wanted = name.lower()
        return next((value for key, value in self.headers.items() if key.lower() == wanted), default)


def call(application, url, method="GET", **headers):
    """One request: the path as the raw bytes of its UTF-8, read as Latin-1, as a server passes it on."""
    parts = urlsplit(url)
    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": parts.path.encode().decode("latin-1"),
        "QUERY_STRING": parts.query,
        "HTTP_HOST": "testserver",
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.input": io.BytesIO(b""),
    }
    environ.update({"HTTP_" + name.upper(): value for name, value in headers.items()})
    setup_testing_defaults(environ)
    started = {}

    def start_response(status, response_headers, exc_info=None):
        started["status"], started["headers"] = int(status.split()[0]), dict(response_headers)

    body = b"".join(application(environ, start_response))
    return Answer(started["status"], started["headers"], body)


class WsgiClient:
    """`get(url)` as the test client has it, through a WSGI application."""

    def __init__(self, application):
        self.application = application

    def get(self, url, **headers):
        return call(self.application, url, **headers)
