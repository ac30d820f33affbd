"""Secure by default: the deploy check, the defaults with DEBUG off, trusted proxies, header scores."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import RequestFactory, override_settings
from django.urls import reverse

from newsroom.proxies import TrustedProxyMiddleware
from tests.factories import ArticleFactory, PersonFactory, SectionFactory

from . import observatory

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def documented_environment():
    """deploy/newsroom.env.example, the documented production environment, with a real secret."""
    lines = (Path(ROOT) / "deploy" / "newsroom.env.example").read_text().splitlines()
    env = dict(line.split("=", 1) for line in lines if line.strip() and not line.startswith("#"))
    return env | {"SECRET_KEY": secrets.token_urlsafe(50), "DJANGO_SETTINGS_MODULE": "newsroom.settings"}


PRODUCTION = documented_environment()


def production(extra=None, *args):
    # Not the test run's own settings, nor the browser tests' DJANGO_ALLOW_ASYNC_UNSAFE (never set in production).
    test_only = {"DEBUG", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {key: value for key, value in os.environ.items() if key not in test_only}
    env = {key: value for key, value in env.items() if not key.startswith(("SECURE_", "TRUSTED_"))}
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env={**env, **PRODUCTION, **(extra or {})}, capture_output=True, text=True
    )


def production_settings(extra=None):
    names = ["SECURE_SSL_REDIRECT", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "SECURE_HSTS_SECONDS"]
    code = "import django; django.setup(); from django.conf import settings as s; "
    code += f"print(*(getattr(s, n) for n in {names!r}))"
    result = production(extra, "-c", code)
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_deploy_check_passes_with_the_documented_production_settings():
    """`check --deploy --fail-level WARNING` finds nothing with the documented settings."""
    result = production(None, "manage.py", "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr


def test_https_defaults_are_on_with_debug_off():
    """SSL redirect, secure cookies and a year of HSTS are on unless turned off."""
    assert production_settings() == ["True", "True", "True", str(365 * 24 * 3600)]


def test_plain_http_testing_turns_redirect_and_secure_cookies_off():
    """SECURE_SSL_REDIRECT=0 and SECURE_COOKIES=0 turn those defaults off."""
    redirect, session, csrf, _ = production_settings({"SECURE_SSL_REDIRECT": "0", "SECURE_COOKIES": "0"})
    assert (redirect, session, csrf) == ("False", "False", "False")


def through(proxies, remote, **headers):
    request = RequestFactory().get("/", REMOTE_ADDR=remote, headers=headers)
    with override_settings(TRUSTED_PROXIES=proxies):
        TrustedProxyMiddleware(lambda request: None)(request)
    return request


def test_forwarded_headers_from_an_untrusted_client_are_ignored():
    """A client that is not a trusted proxy cannot claim HTTPS or another address."""
    request = through(["10.0.0.1"], "203.0.113.9", x_forwarded_proto="https", x_forwarded_for="198.51.100.1")
    assert not request.is_secure()
    assert request.META["REMOTE_ADDR"] == "203.0.113.9"
    assert "HTTP_X_FORWARDED_FOR" not in request.META


def test_forwarded_headers_from_a_trusted_proxy_are_believed():
    """Behind a trusted proxy the scheme and the client's address are the proxy's word."""
    request = through(["10.0.0.0/8"], "10.0.0.1", x_forwarded_proto="https", x_forwarded_for="198.51.100.1")
    assert request.is_secure()
    assert request.META["REMOTE_ADDR"] == "198.51.100.1"


def test_a_client_cannot_prepend_an_address_to_a_trusted_chain():
    """The client is the rightmost address not of a trusted proxy, not what the client wrote first."""
    request = through(["10.0.0.1", "10.0.0.2"], "10.0.0.1", x_forwarded_for="127.0.0.1, 198.51.100.7, 10.0.0.2")
    assert request.META["REMOTE_ADDR"] == "198.51.100.7"


def test_nothing_is_trusted_by_default():
    """With TRUSTED_PROXIES unset, even a loopback peer's X-Forwarded-Proto is ignored."""
    request = through([], "127.0.0.1", x_forwarded_proto="https", x_forwarded_for="198.51.100.1")
    assert not request.is_secure()
    assert request.META["REMOTE_ADDR"] == "127.0.0.1"


@pytest.fixture
def pages(db):
    section = SectionFactory(name="Politics")
    person = PersonFactory(name="Seo Ji-eun")
    story = ArticleFactory(headline="President meets with Alibaba CEO", section=section, authors=[person])
    day = story.pub_date
    return {
        "home": "/",
        "article": story.get_absolute_url(),
        "print": story.get_absolute_url() + "print/",
        "section": section.get_absolute_url(),
        "person": reverse("articles:person", kwargs={"slug": person.slug}),
        "day archive": f"/{day:%Y/%m/%d}/",
        "search": "/search/?q=alibaba",
        "feed": "/feeds/rss/",
        "sitemap": "/sitemap.xml",
        "reader login": "/accounts/login/",
        "desk login": "/admin/login/",
        "not found": "/no-such-page/",
    }


def test_every_page_type_scores_at_least_100_by_the_observatorys_rules(pages, client, settings):
    """Ten and more page types score 100 or more on their security headers, over HTTPS."""
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = True  # the production defaults
    scores = {}
    for name, path in pages.items():
        response = client.get(path, secure=True)
        assert response.status_code == (404 if name == "not found" else 200), name
        scores[name] = observatory.score(response)
    assert len(scores) >= 10
    low = {name: result for name, result in scores.items() if result[0] < 100}
    assert low == {}, low


def test_the_score_falls_without_hsts(pages, client):
    """Over plain HTTP there is no HSTS, and the scoring says so: the rules are really applied."""
    total, results = observatory.score(client.get("/"))
    assert "hsts-not-implemented" in results
    assert total < 100
