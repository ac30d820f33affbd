"""Which database a query goes to: public reads to the streaming replica, everything else to the primary.

A request is pinned to the primary (newsroom.cluster.middleware) when it writes, is an editor's or a
logged-in reader's, or comes from a reader who wrote a moment ago. Outside a request (management
commands, the worker) nothing is pinned, which is why those run without a replica configured.
"""

import logging
import time
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.db import DatabaseError, connections

logger = logging.getLogger(__name__)

PRIMARY, REPLICA = "default", "replica"
# The task queue takes row locks, and a session must be found the moment after it is written.
PRIMARY_ONLY_APPS = {"django_tasks_database", "sessions"}

_pinned = ContextVar("newsroom_pinned_to_primary", default=False)

# Seconds behind the primary: none when the replica has replayed all it received (after a restart
# the received position may even be behind the replayed one); else the age of the last transaction
# it replayed, so a paused or stalled replay grows without bound.
LAG_SQL = """
    SELECT CASE
        WHEN NOT pg_is_in_recovery() THEN 0
        WHEN pg_last_wal_receive_lsn() <= pg_last_wal_replay_lsn() AND NOT pg_is_wal_replay_paused() THEN 0
        ELSE COALESCE(EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()), 0)
    END
"""


@contextmanager
def primary():
    """Send every query inside the block to the primary."""
    token = _pinned.set(True)
    try:
        yield
    finally:
        _pinned.reset(token)


def pin(value):
    return _pinned.set(value)


def unpin(token):
    _pinned.reset(token)


class ReplicaHealth:
    """Whether the replica answers and is close enough behind; asked at most once an interval per process."""

    def __init__(self, alias=REPLICA):
        self.alias = alias
        self.checked_at = float("-inf")
        self.usable = False
        self.lag = None

    def __call__(self):
        options = settings.NEWSROOM_CLUSTER
        now = time.monotonic()
        if now - self.checked_at >= options["REPLICA_CHECK_INTERVAL"]:
            self.checked_at = now
            self.lag = self.measure()
            usable = self.lag is not None and self.lag <= options["REPLICA_MAX_LAG"]
            if usable != self.usable:
                logger.warning("Replica %s: %s (lag %s s)", self.alias, "in use" if usable else "skipped", self.lag)
            self.usable = usable
        return self.usable

    def recheck(self):
        """Check now, whatever the interval says."""
        self.checked_at = float("-inf")
        return self()

    def measure(self):
        connection = connections[self.alias]
        try:
            with connection.cursor() as cursor:
                cursor.execute(LAG_SQL)
                return float(cursor.fetchone()[0])
        except DatabaseError:
            # A dead connection must not be reused for the next check.
            connection.close()
            return None


class PrimaryReplicaRouter:
    health = ReplicaHealth()

    def db_for_read(self, model, **hints):
        if _pinned.get() or model._meta.app_label in PRIMARY_ONLY_APPS or not self.health():
            return PRIMARY
        return REPLICA

    def db_for_write(self, model, **hints):
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        # Both aliases are the same data, one a copy of the other.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        # The replica replays the primary's schema changes; it cannot take its own.
        return db == PRIMARY
