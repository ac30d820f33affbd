"""No input gives a 500: a corpus of hostile requests over every route answers each with less."""

import time

import pytest
from django.test import Client

from tests.factories import ArticleFactory, PersonFactory, SectionFactory

from . import corpus

pytestmark = pytest.mark.django_db


@pytest.fixture
def base_values(django_user_model):
    section = SectionFactory(name="Politics")
    person = PersonFactory(name="Seo Ji-eun")
    story = ArticleFactory(headline="President meets with Alibaba CEO", section=section, authors=[person])
    day = story.pub_date
    return {
        "year": f"{day:%Y}",
        "month": f"{day:%m}",
        "day": f"{day:%d}",
        "slug": story.slug,
        "pk": str(story.pk),
        "object_id": str(story.pk),
        "word": "mogul",
        "section": "news",
        "path": "photos/none.jpg",
        "key": "abc",
        "uidb36": "1",
        "provider": "facebook",
        "app_label": "articles",
    }


def run(requests, staff):
    anonymous = Client(raise_request_exception=False)
    failures = []
    for kind, method, path, extra in requests:
        client = staff if path.startswith("/admin/") and kind != "headers" else anonymous
        options = dict(extra)
        if options.pop("raw", False):
            response = client.request(REQUEST_METHOD=method, PATH_INFO=path, **options)
        else:
            response = client.generic(method, path, **_generic(method, options))
        if response.status_code >= 500:
            failures.append(f"{response.status_code} {method} {path[:100]} {str(extra)[:100]}")
    return failures


def _generic(method, extra):
    data = extra.pop("data", None)
    if data is None:
        return extra
    if method == "GET":
        from urllib.parse import urlencode

        return {"QUERY_STRING": urlencode(data, doseq=True), **extra}
    from urllib.parse import urlencode

    return {"data": urlencode(data, doseq=True), "content_type": "application/x-www-form-urlencoded", **extra}


@pytest.fixture
def staff(django_user_model):
    user = django_user_model.objects.create_user("desk", password="pw", is_staff=True, is_superuser=True)
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


def test_the_corpus_covers_every_route_with_at_least_1500_requests(base_values):
    """The corpus holds at least 1,500 requests, and every route is in it."""
    requests = corpus.requests(base_values)
    assert len(requests) >= 1500
    paths = {path for _, _, path, _ in requests}
    assert all(corpus.fill(chain, base_values) in paths for _, chain, _ in corpus.routes())
    kinds = {kind for kind, *_ in requests}
    assert kinds == {"path", "query", "form", "admin", "headers", "raw"}


@pytest.mark.parametrize("kind", ["path", "query", "form", "admin", "headers", "raw"])
def test_no_hostile_request_gets_a_server_error(kind, base_values, staff):
    """Every hostile request of this kind gets a 2xx, 3xx or 4xx answer, never a 5xx."""
    requests = [request for request in corpus.requests(base_values) if request[0] == kind]
    started = time.monotonic()
    failures = run(requests, staff)
    assert failures == [], (
        "\n".join(failures[:40])
        + f"\n{len(failures)} of {len(requests)} got a 5xx in {time.monotonic() - started:.1f}s"
    )
