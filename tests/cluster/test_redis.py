"""Redis down under load: the site is slower, never broken."""

import subprocess

import pytest

from .conftest import failures, load

pytestmark = pytest.mark.cluster


def test_redis_down_under_load_gives_no_5xx(cluster):
    """With the shared cache stopped, every page through the front still answers below 500."""
    subprocess.run(
        ["redis-cli", "-p", cluster.conf["REDIS_PORT"], "shutdown", "nosave"], capture_output=True, timeout=10
    )
    try:
        outcomes = load(cluster.front + "/", seconds=4, threads=4)
        search = load(cluster.front + "/search/", seconds=2, threads=2)
    finally:
        cluster.up("redis")
    assert len(outcomes) > 20
    assert failures(outcomes + search) == []
