"""Faults degrade: a database that is stopped or hangs, Redis down, mail that cannot be sent."""

import json
import os
import socket
import subprocess
import sys
import threading
import time

import pytest
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.core import mail
from django.core.cache import cache
from django.db import connection
from django.test import Client, override_settings
from django.urls import path as route

from newsroom import views as health

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

# Run in a process of its own, whose database is DATABASE_URL (never the test database).
PAGES = """
import json, sys, time
import django
django.setup()
from django.test import Client
client = Client(raise_request_exception=False)
results = {}
for path in sys.argv[1:]:
    started = time.monotonic()
    response = client.get(path, secure=True, headers={"cookie": "sessionid=abcdefgh12345678"})
    results[path] = [response.status_code, round(time.monotonic() - started, 2), response.content.decode()[:2000]]
print(json.dumps(results))
"""


def closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def silent_server():
    """A server that accepts connections and never says a word: a database or mail server that hangs."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    held = []

    def accept():
        while True:
            try:
                held.append(listener.accept()[0])
            except OSError:
                return

    threading.Thread(target=accept, daemon=True).start()
    yield listener.getsockname()[1]
    listener.close()
    for peer in held:
        peer.close()


def pages_with_database_at(port, *paths):
    env = {key: value for key, value in os.environ.items() if key != "REDIS_URL"}
    env |= {
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:{port}/newsroom",
        "DJANGO_SETTINGS_MODULE": "tests.settings",
    }
    result = subprocess.run(
        [sys.executable, "-c", PAGES, *paths], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.splitlines()[-1])


def test_with_the_database_stopped_pages_answer_a_friendly_503():
    """With nothing listening for the database, pages are a friendly 503 at once and /healthz says 503."""
    # The last page is no route's: its 404 page fails outside any view, in Django's own handler.
    pages = ["/", "/search/?q=alibaba", "/accounts/login/", "/no/route/has/this/address/"]
    results = pages_with_database_at(closed_port(), *pages, "/healthz")
    for path in pages:
        status, seconds, body = results[path]
        assert status == 503, (path, body)
        assert "back in a moment" in body
        assert seconds < 3, path
    assert results["/healthz"][0] == 503


def test_with_the_database_hanging_pages_answer_503_within_a_few_seconds(silent_server):
    """A database that accepts and never answers costs a request the connect timeout, not forever."""
    results = pages_with_database_at(silent_server, "/", "/healthz")
    for path, (status, seconds, _) in results.items():
        assert status == 503, path
        assert seconds < 6, path


@pytest.mark.postgres
@pytest.mark.django_db
def test_every_postgresql_connection_has_a_statement_timeout():
    """A statement that runs away is cancelled by the server after the pages' limit."""
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone()[0] == "15s"
    assert connection.settings_dict["OPTIONS"]["connect_timeout"] == 3


REDIS_DOWN = {
    "default": {
        "BACKEND": "newsroom.cache.FailOpenRedisCache",
        "LOCATION": f"redis://127.0.0.1:{closed_port()}/0",
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }
}


@pytest.fixture
def reader(db, django_user_model):
    user = django_user_model.objects.create_user("reader", email="reader@example.com", password="pw")
    user.emailaddress_set.create(email=user.email, primary=True, verified=True)
    return user


@override_settings(CACHES=REDIS_DOWN)
def test_with_redis_down_login_reset_and_the_dictionary_still_answer(client, reader, story):
    """Redis down means slower, not broken: dictionary view, login and password reset answer."""
    started = time.monotonic()
    assert client.get(story.get_absolute_url() + "dictionary/").status_code == 200
    assert client.get("/accounts/login/").status_code == 200
    response = client.post("/accounts/login/", {"login": reader.email, "password": "pw"})
    assert response.status_code == 302
    assert response.wsgi_request.user.is_authenticated
    client.logout()
    assert client.post("/accounts/password/reset/", {"email": reader.email}).status_code == 302
    assert time.monotonic() - started < 5


@override_settings(CACHES=REDIS_DOWN)
def test_with_redis_down_the_cache_falls_back_and_healthz_can_tell():
    """While Redis is down each worker keeps its own cache (rate limits still count), and the
    health check asks Redis itself."""
    assert cache.add("attempts", 1)
    assert not cache.add("attempts", 1)
    assert cache.incr("attempts") == 2
    assert cache.get("attempts") == 2
    assert health.cache_ok() is False


MAIL_AT = "django.core.mail.backends.smtp.EmailBackend"


def mailers(port, timeout=1):
    return {"default": {"BACKEND": MAIL_AT, "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": timeout}}}


def signup(client):
    return client.post(
        "/accounts/signup/",
        {
            "email": "newreader@example.com",
            "display_name": "New Reader",
            "password1": "a long and unusual passphrase",
            "password2": "a long and unusual passphrase",
        },
    )


@pytest.mark.django_db
def test_with_no_mail_server_signup_works_and_says_the_mail_did_not_go(client):
    """Signup with the mail server down makes the account and tells the reader the email failed."""
    with override_settings(MAILERS=mailers(closed_port())):
        response = signup(client)
    assert response.status_code == 302
    assert get_user_model().objects.filter(email="newreader@example.com").exists()
    assert any("could not send" in str(message) for message in get_messages(response.wsgi_request))


def test_with_a_hanging_mail_server_password_reset_answers_soon(client, reader, silent_server):
    """A mail server that never answers holds a reset for the mail timeout, then says so."""
    started = time.monotonic()
    with override_settings(MAILERS=mailers(silent_server, timeout=1)):
        response = client.post("/accounts/password/reset/", {"email": reader.email})
    assert time.monotonic() - started < 3
    assert response.status_code == 302
    assert any("could not send" in str(message) for message in get_messages(response.wsgi_request))


def broken(request):
    raise RuntimeError("the press jammed")


urlpatterns = [route("broken/", broken)]


@override_settings(ROOT_URLCONF=__name__, ADMINS=["desk@example.com"])
def test_a_server_error_is_mailed_to_admins_with_its_request_id():
    """A 500 reaches ADMINS by mail, and the mail and the response carry the same request id."""
    response = Client(raise_request_exception=False).get("/broken/")
    assert response.status_code == 500
    request_id = response["X-Request-ID"]
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["desk@example.com"]
    assert f"request_id={request_id}" in mail.outbox[0].body


@pytest.mark.django_db
def test_healthz_says_when_redis_is_down_but_stays_200(rf):
    """Redis down is reported in the health check's body; only the database makes it a 503."""
    response = health.healthz(rf.get("/healthz"))
    assert (response.status_code, response.content) == (200, b"ok\ncache: ok\n")
    with override_settings(CACHES=REDIS_DOWN):
        response = health.healthz(rf.get("/healthz"))
    assert (response.status_code, response.content) == (200, b"ok\ncache: unavailable\n")
