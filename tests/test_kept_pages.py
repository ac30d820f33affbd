"""Kept pages answered in front of Django's handler (newsroom.pagecache.KeptPages, the WSGI application
gunicorn serves): the same page, headers and rules as the middleware's hit, for less."""

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.test import override_settings

from newsroom import pagecache
from newsroom.pagecache import KeptPages
from tests.dictionary.fixtures import starter_glosses, wordnet_loaded  # noqa: F401
from tests.factories import ArticleFactory
from tests.wsgi_client import call as wsgi_call

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.page_cache]
FRESH = {"x-request-id", "x-page-cache"}


class Django:
    """Django's own application, counting the requests that reach it."""

    def __init__(self):
        self.handler = WSGIHandler()
        self.calls = 0

    def __call__(self, environ, start_response):
        self.calls += 1
        return self.handler(environ, start_response)


@pytest.fixture
def django_app():
    return Django()


@pytest.fixture
def app(django_app):
    return KeptPages(django_app)


def call(app, path, method="GET", query="", **headers):
    answer = wsgi_call(app, path + (f"?{query}" if query else ""), method=method, **headers)
    return answer.status_code, answer.headers, answer.content


def test_a_hit_is_answered_without_django_and_is_the_same_page(app, django_app):
    story = ArticleFactory(headline="Moguls meet in Seoul")
    status, first_headers, first = call(app, story.get_absolute_url())
    assert (status, first_headers["X-Page-Cache"], django_app.calls) == (200, "miss", 1)
    status, headers, body = call(app, story.get_absolute_url())
    assert (status, headers["X-Page-Cache"], django_app.calls) == (200, "hit", 1)
    assert body == first and b"Moguls meet in Seoul" in body
    kept = {name: value for name, value in headers.items() if name.lower() not in FRESH}
    assert kept == {name: value for name, value in first_headers.items() if name.lower() not in FRESH}
    assert headers["Content-Length"] == str(len(body))
    assert headers["X-Request-ID"] != first_headers["X-Request-ID"] and len(headers["X-Request-ID"]) == 32


def test_a_miss_asks_the_cache_once(app, monkeypatch):
    """A miss goes on to Django told the cache was asked: the middleware keeps the page, without reading it."""
    story = ArticleFactory()
    reads = []
    real = pagecache.kept
    monkeypatch.setattr(pagecache, "kept", lambda request, key: reads.append(key) or real(request, key))
    call(app, story.get_absolute_url())
    call(app, story.get_absolute_url())
    assert len(reads) == 2 and reads[0] == reads[1]


def test_a_conditional_get_is_a_304_with_the_validators(app, django_app):
    story = ArticleFactory()
    _, headers, _ = call(app, story.get_absolute_url())
    status, not_modified, body = call(app, story.get_absolute_url(), if_none_match=headers["ETag"])
    assert (status, body, django_app.calls) == (304, b"", 1)
    assert not_modified["ETag"] == headers["ETag"] and "Content-Length" not in not_modified
    assert "Accept-Language" in not_modified["Vary"] and "public" in not_modified["Cache-Control"]


def test_a_write_makes_the_next_request_render_afresh(app):
    story = ArticleFactory(headline="Before the correction")
    call(app, story.get_absolute_url())
    story.headline = "After the correction"
    story.save()
    _, headers, body = call(app, story.get_absolute_url())
    assert headers["X-Page-Cache"] == "miss" and b"After the correction" in body


def test_each_language_has_its_own_page(app):
    story = ArticleFactory()
    _, _, english = call(app, story.get_absolute_url(), accept_language="en")
    _, headers, korean = call(app, story.get_absolute_url(), accept_language="ko")
    assert headers["X-Page-Cache"] == "miss" and headers["Content-Language"] == "ko" and korean != english
    _, headers, again = call(app, story.get_absolute_url(), cookie="django_language=ko")
    assert headers["X-Page-Cache"] == "hit" and again == korean


def test_a_signed_in_reader_a_form_post_and_a_static_file_reach_django(app, django_app):
    story = ArticleFactory()
    call(app, story.get_absolute_url())
    _, headers, _ = call(app, story.get_absolute_url(), cookie="sessionid=abc")
    assert "X-Page-Cache" not in headers and headers["Cache-Control"] == "private"
    call(app, story.get_absolute_url(), method="POST")
    call(app, "/static/css/site.css")
    assert django_app.calls == 4


def test_a_host_not_allowed_is_djangos_400(app, django_app):
    status, _, _ = call(app, "/", host="evil.example")
    assert status == 400 and django_app.calls == 1


def test_a_korean_address_is_kept_and_reaches_django_as_written(app, wordnet_loaded, starter_glosses):  # noqa: F811
    """The path is decoded from the server's bytes once: a miss gets the same word the hit is keyed on."""
    status, headers, body = call(app, "/api/dictionary/가구/")
    assert (status, headers["X-Page-Cache"]) == (200, "miss") and "household" in body.decode()
    status, headers, again = call(app, "/api/dictionary/가구/")
    assert (status, headers["X-Page-Cache"], again) == (200, "hit", body)


@override_settings(TRUSTED_PROXIES=["127.0.0.1"])
def test_a_trusted_proxy_s_scheme_and_request_id_are_believed(app):
    """https (from the front server) is its own page, as in Django; the front server's request id is kept."""
    story = ArticleFactory()
    call(app, story.get_absolute_url())
    _, headers, _ = call(app, story.get_absolute_url(), x_forwarded_proto="https", x_request_id="front-0001")
    assert headers["X-Page-Cache"] != "hit"
    _, headers, _ = call(app, story.get_absolute_url(), x_forwarded_proto="https", x_request_id="front-0002")
    assert (headers["X-Page-Cache"], headers["X-Request-ID"]) == ("hit", "front-0002")


def test_an_untrusted_request_id_is_replaced(app):
    story = ArticleFactory()
    call(app, story.get_absolute_url())
    _, headers, _ = call(app, story.get_absolute_url(), x_request_id="reader-report-0001")
    assert headers["X-Page-Cache"] == "hit" and headers["X-Request-ID"] != "reader-report-0001"


def test_with_the_cache_off_every_request_reaches_django(app, django_app, settings):
    settings.NEWSROOM = {**settings.NEWSROOM, "PAGE_CACHE": False}
    story = ArticleFactory()
    call(app, story.get_absolute_url())
    call(app, story.get_absolute_url())
    assert django_app.calls == 2


def test_the_site_is_served_through_kept_pages():
    from newsroom import wsgi

    assert isinstance(wsgi.application, KeptPages) and isinstance(wsgi.application.application, WSGIHandler)
