"""A lagging replica: a reader sees their own write at once; a replica too far behind is skipped."""

import time
import uuid
from contextlib import contextmanager

import pytest
import requests

from .conftest import wait_for

pytestmark = pytest.mark.cluster

READER, PASSWORD = "cluster-reader@example.com", "a-reader-password-for-the-cluster"


@pytest.fixture
def reader(cluster):
    """A reader's session, logged in through the front."""
    cluster.manage(
        "from django.contrib.auth import get_user_model; "
        f"user, _ = get_user_model().objects.get_or_create(username='cluster-reader', email='{READER}'); "
        f"user.set_password('{PASSWORD}'); user.save()"
    )
    session = requests.Session()
    session.get(cluster.front + "/accounts/login/", timeout=10)
    session.post(
        cluster.front + "/accounts/login/",
        data={"login": READER, "password": PASSWORD, "csrfmiddlewaretoken": session.cookies["csrftoken"]},
        timeout=10,
    )
    assert "sessionid" in session.cookies
    return session


@pytest.fixture
def story_path(cluster):
    """The newest story's address: looked up before the replica is paused, since a `manage.py shell`
    can take seconds on a loaded machine, and those seconds count towards the replica's lag."""
    return cluster.manage(
        "from articles.models import Article; print(Article.objects.published().latest('published_at')"
        ".get_absolute_url())"
    )


# The replica's lag past which the router skips it (REPLICA_MAX_LAG, the cluster's default).
MAX_LAG = 5


@contextmanager
def paused_replica(cluster):
    """The replica, caught up a moment ago, then replaying nothing more until the block ends."""
    cluster.sql(cluster.primary_port, "SELECT txid_current()")
    target = cluster.sql(cluster.primary_port, "SELECT pg_current_wal_lsn()")[0]
    caught_up = wait_for(
        lambda: cluster.sql(cluster.replica_port, "SELECT pg_last_wal_replay_lsn() >= %s", (target,))[0], seconds=5
    )
    assert caught_up is not None
    cluster.sql(cluster.replica_port, "SELECT pg_wal_replay_pause()")
    try:
        yield time.monotonic()
    finally:
        cluster.sql(cluster.replica_port, "SELECT pg_wal_replay_resume()")


def test_a_reader_sees_their_own_comment_while_the_replica_lags(cluster, reader, story_path):
    """The writer reads the primary; anyone else reads the paused replica until its lag passes the bound.

    The replica's lag grows from the pause: if the machine is so loaded that the post and the other
    reader's read take past the bound, the router rightly skips the replica and the attempt proves
    nothing; it is made again, three times at most.
    """
    thread = story_path + "comments/"

    def fresh():
        return requests.get(f"{cluster.apps[0]}{thread}?fresh={time.monotonic()}", timeout=10)

    for _ in range(3):
        words = f"Checked against the record {uuid.uuid4().hex[:8]}."
        with paused_replica(cluster) as paused_at:
            posted = reader.post(
                cluster.front + thread,
                data={"body": words, "csrfmiddlewaretoken": reader.cookies["csrftoken"]},
                timeout=10,
            )
            others = fresh()
            within_bound = time.monotonic() - paused_at < MAX_LAG - 1
            own = reader.get(cluster.front + thread, timeout=10)
            if within_bound:
                # The lag bound and one health check later, reads leave the replica.
                skipped = wait_for(lambda words=words: words in fresh().text, seconds=2 * MAX_LAG, step=0.5)
                break

    assert within_bound, f"three times the post and a read took past {MAX_LAG - 1} s: the machine is too loaded"
    assert posted.status_code == 200 and words in posted.text
    assert words in own.text
    assert others.status_code == 200 and words not in others.text
    assert skipped is not None and skipped > 1
