"""Every shape of page the site serves answers with its status, and none escapes the registry.

The shapes live in tests/page_shapes/ (see its docstring for how to add one).
"""

from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, path, resolve
from django.urls.exceptions import Resolver404

from tests.page_shapes import all_shapes, client_for

pytestmark = pytest.mark.django_db
SHAPES = all_shapes()


def named_patterns(patterns, namespace=""):
    """Every named URL pattern under `patterns`, as "namespace:name"."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from named_patterns(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}"


def view_name(url):
    try:
        return resolve(urlsplit(url).path).view_name
    except Resolver404:
        return None


def uncovered(patterns, urls):
    return sorted(set(named_patterns(patterns)) - {view_name(url) for url in urls})


@pytest.mark.parametrize("shape", SHAPES, ids=str)
def test_page_shape_answers_with_its_status(shape, client, staff_client):
    """Each page answers as registered (never a 500), for a reader or for staff."""
    url = shape.make()
    response = client_for(shape, client, staff_client).get(url)
    assert response.status_code == shape.status, f"{shape.name}: GET {url} gave {response.status_code}"


def test_every_named_url_pattern_has_a_page_shape(staff_client):
    """A named URL pattern that no shape loads fails here: register its page in tests/page_shapes/."""
    urls = [shape.make() for shape in SHAPES]
    missing = uncovered(get_resolver().url_patterns, urls)
    assert not missing, f"URL patterns with no page shape in tests/page_shapes/: {missing}"


def test_a_new_url_pattern_without_a_shape_is_reported(staff_client):
    """The coverage check sees a pattern that was added and not registered."""
    urls = [shape.make() for shape in SHAPES]
    extra = [*get_resolver().url_patterns, path("new-page/", lambda request: None, name="new_page")]
    assert uncovered(extra, urls) == ["new_page"]


def test_shape_names_are_unique():
    """Two shapes with one name would hide one of them in the reports."""
    assert len({shape.name for shape in SHAPES}) == len(SHAPES)


class _Resources(HTMLParser):
    """The addresses a page makes the browser load (not the links a reader may follow)."""

    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in {"script", "img", "iframe", "source", "audio", "video", "embed"} and attrs.get("src"):
            self.urls.append(attrs["src"])
        if tag == "img" and attrs.get("srcset"):
            self.urls.extend(part.split()[0] for part in attrs["srcset"].split(","))
        rel = set((attrs.get("rel") or "").split())
        if tag == "link" and attrs.get("href") and not rel & {"alternate", "canonical"}:
            self.urls.append(attrs["href"])


@pytest.mark.parametrize("shape", SHAPES, ids=str)
def test_page_loads_nothing_from_another_host(shape, client, staff_client):
    """Scripts, styles, images and fonts come from this site only (the CSP says so too)."""
    response = client_for(shape, client, staff_client).get(shape.make())
    if "text/html" not in response.get("Content-Type", ""):
        return
    parser = _Resources()
    parser.feed(response.content.decode())
    foreign = [url for url in parser.urls if urlsplit(url).netloc or url.startswith("//")]
    assert not foreign, f"{shape.name} loads {foreign}"
