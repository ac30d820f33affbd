"""The replica router and the primary pin, without a cluster: decisions only (these run in the plain suite)."""

from types import SimpleNamespace

import pytest
from django.contrib.sessions.models import Session
from django.http import HttpResponse
from django.test import RequestFactory

from articles.models import Article
from newsroom.cluster import routers
from newsroom.cluster.middleware import PrimaryPinMiddleware, note_database_error
from newsroom.cluster.routers import PrimaryReplicaRouter, ReplicaHealth


class FakeHealth(ReplicaHealth):
    def __init__(self, *lags):
        super().__init__()
        self.lags = list(lags)
        self.measured = 0

    def measure(self):
        self.measured += 1
        return self.lags.pop(0)


@pytest.fixture
def healthy(monkeypatch):
    health = FakeHealth(*[0.0] * 10)
    monkeypatch.setattr(PrimaryReplicaRouter, "health", health)
    return health


def test_public_reads_go_to_the_replica_and_writes_to_the_primary(healthy):
    """Unpinned, a read of a story goes to the replica; every write goes to the primary."""
    router = PrimaryReplicaRouter()
    assert router.db_for_read(Article) == "replica"
    assert router.db_for_write(Article) == "default"


def test_pinned_reads_go_to_the_primary(healthy):
    """Inside primary(), reads go to the primary."""
    with routers.primary():
        assert PrimaryReplicaRouter().db_for_read(Article) == "default"
    assert PrimaryReplicaRouter().db_for_read(Article) == "replica"


def test_sessions_and_the_task_queue_are_read_from_the_primary(healthy):
    """A session just written and the worker's locked queue rows are never read from a copy."""
    # django-tasks-db's model, named by its app label: the app is installed only where a worker runs.
    task_result = SimpleNamespace(_meta=SimpleNamespace(app_label="django_tasks_database"))
    router = PrimaryReplicaRouter()
    assert router.db_for_read(Session) == "default"
    assert router.db_for_read(task_result) == "default"


def test_migrations_run_on_the_primary_only():
    """The replica takes its schema from the primary's WAL, never from migrate."""
    router = PrimaryReplicaRouter()
    assert router.allow_migrate("default", "articles")
    assert not router.allow_migrate("replica", "articles")


def test_a_replica_that_is_down_or_too_far_behind_is_skipped(monkeypatch, settings):
    """A failed check or a lag past REPLICA_MAX_LAG sends reads to the primary; a good check brings them back."""
    settings.NEWSROOM_CLUSTER = {**settings.NEWSROOM_CLUSTER, "REPLICA_MAX_LAG": 5, "REPLICA_CHECK_INTERVAL": 0}
    monkeypatch.setattr(PrimaryReplicaRouter, "health", FakeHealth(None, 12.0, 0.4))
    router = PrimaryReplicaRouter()
    assert [router.db_for_read(Article) for _ in range(3)] == ["default", "default", "replica"]


def test_the_health_check_runs_once_an_interval(settings):
    """Between two checks the last answer stands; recheck() asks at once."""
    settings.NEWSROOM_CLUSTER = {**settings.NEWSROOM_CLUSTER, "REPLICA_CHECK_INTERVAL": 60}
    health = FakeHealth(0.0, None)
    assert health() and health()
    assert health.measured == 1
    assert not health.recheck()


def seen_by_view(request, calls):
    def view(request):
        calls.append(routers._pinned.get())
        return HttpResponse("ok")

    return PrimaryPinMiddleware(view)(request)


@pytest.mark.parametrize(
    ("method", "path", "cookies", "pinned"),
    [
        ("get", "/", {}, False),
        ("post", "/", {}, True),
        ("get", "/", {"nr_primary": "1"}, True),
        ("get", "/", {"sessionid": "x"}, True),
        ("get", "/admin/articles/article/", {}, True),
    ],
)
def test_which_requests_are_pinned_to_the_primary(method, path, cookies, pinned):
    """Writes, a recent writer, a session and the desk read the primary; an anonymous reader does not."""
    request = getattr(RequestFactory(), method)(path)
    request.COOKIES.update(cookies)
    calls = []
    seen_by_view(request, calls)
    assert calls == [pinned]


def test_a_write_pins_the_writer_for_a_while(settings):
    """After a POST the reader carries a cookie that pins them for PRIMARY_PIN_SECONDS."""
    response = seen_by_view(RequestFactory().post("/"), [])
    cookie = response.cookies["nr_primary"]
    assert cookie["max-age"] == settings.NEWSROOM_CLUSTER["PRIMARY_PIN_SECONDS"]
    assert cookie["httponly"]
    assert "nr_primary" not in seen_by_view(RequestFactory().get("/"), []).cookies


def test_a_read_that_meets_a_dead_replica_is_answered_from_the_primary(monkeypatch):
    """A database error on an unpinned read, with the replica now found down, is served again from the primary."""
    monkeypatch.setattr(PrimaryReplicaRouter, "health", FakeHealth(None))
    calls = []

    def view(request):
        calls.append(routers._pinned.get())
        if not routers._pinned.get():
            request.database_error = True
            return HttpResponse(status=500)
        return HttpResponse("from the primary")

    response = PrimaryPinMiddleware(view)(RequestFactory().get("/"))
    assert calls == [False, True]
    assert response.status_code == 200


def test_only_database_errors_mark_the_request():
    """The retry is for database errors alone: another error in a view stays a 500."""
    request = RequestFactory().get("/")
    request.database_error = False
    try:
        raise ValueError("not the database")
    except ValueError:
        note_database_error(None, request=request)
    assert request.database_error is False
