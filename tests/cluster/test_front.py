"""nginx in front: pages through it, static files from it alone, a micro-cache that sessions bypass."""

import re

import pytest
import requests

from .conftest import STATE

pytestmark = pytest.mark.cluster


def access_log_lines(cluster):
    return sum(len((STATE / f"logs/app-{port}.access.log").read_text().splitlines()) for port in cluster.app_ports)


def test_page_through_the_front(cluster):
    """The home page answers through nginx, and a second anonymous request within a second is a cache hit."""
    first = requests.get(cluster.front + "/", timeout=10)
    second = requests.get(cluster.front + "/", timeout=10)
    assert first.status_code == 200 and "<h1" in first.text
    assert first.headers["Server"] == "nginx"
    assert second.headers["X-Cache"] in {"HIT", "UPDATING"}


def test_static_files_never_reach_django(cluster):
    """A stylesheet comes from nginx with a year's immutable caching, and no app server logs the request."""
    page = requests.get(cluster.front + "/", timeout=10).text
    stylesheet = re.search(r'href="(/static/[^"]+\.css)"', page).group(1)
    before = access_log_lines(cluster)
    found = requests.get(cluster.front + stylesheet, timeout=10)
    missing = requests.get(cluster.front + "/static/no-such-file.css", timeout=10)
    assert found.status_code == 200 and found.headers["Content-Type"].startswith("text/css")
    assert "immutable" in found.headers["Cache-Control"]
    assert missing.status_code == 404
    assert access_log_lines(cluster) == before


def test_a_session_cookie_bypasses_the_micro_cache(cluster):
    """A request that carries a session cookie is never answered from the front's cache."""
    cookies = {"sessionid": "not-a-real-session"}
    for _ in range(2):
        response = requests.get(cluster.front + "/", cookies=cookies, timeout=10)
        assert response.headers["X-Cache"] == "BYPASS"


def test_request_bodies_are_capped(cluster):
    """A body past the front's limit is refused there with 413."""
    response = requests.post(cluster.front + "/search/", data=b"x" * (21 * 1024 * 1024), timeout=30)
    assert response.status_code == 413
