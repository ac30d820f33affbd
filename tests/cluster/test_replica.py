"""The streaming replica: public reads go to it, and a replica that is down is skipped."""

import time

import pytest

from .conftest import failures, load, wait_for

pytestmark = pytest.mark.cluster


def test_public_reads_go_to_the_replica(cluster):
    """Anonymous page views straight to an app server run their queries on the replica."""
    before = cluster.replica_clock()
    load(cluster.apps[0] + "/", seconds=1, threads=2)
    assert cluster.replica_read_since(before)


def test_pages_answer_with_the_replica_down_and_reads_return_to_it(cluster):
    """With the replica stopped no page fails; started again, it takes the reads back within seconds."""
    cluster.pg_ctl(cluster.conf["PG_REPLICA"], "stop")
    try:
        down = load(cluster.front + "/", seconds=4, threads=4)
    finally:
        cluster.pg_ctl(cluster.conf["PG_REPLICA"], "start")
    wait_for(lambda: cluster.sql(cluster.replica_port, "SELECT 1") == (1,), seconds=20, step=0.5)
    before = cluster.replica_clock()

    def reads_moved_back():
        load(cluster.apps[0] + "/", seconds=0.5, threads=2)
        return cluster.replica_read_since(before)

    back = wait_for(reads_moved_back, seconds=15, step=0.5)

    assert len(down) > 20
    assert failures(down) == []
    assert back is not None, "the app servers never read the restarted replica"


def test_migrations_are_recorded_on_the_primary_and_replayed(cluster):
    """The replica has the primary's migrations, and its lag is under a second at rest."""
    primary = cluster.sql(cluster.primary_port, "SELECT count(*) FROM django_migrations")
    time.sleep(0.5)
    replica = cluster.sql(cluster.replica_port, "SELECT count(*) FROM django_migrations")
    assert primary == replica
