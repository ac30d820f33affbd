"""Renditions as a task and media URLs from the object store, on one machine (Django's immediate tasks)."""

import pytest

from newsroom.cluster import tasks
from newsroom.cluster.storage import MediaStorage
from tests.factories import PhotoFactory


@pytest.mark.django_db
def test_renditions_are_made_once_the_photo_is_committed(django_capture_on_commit_callbacks):
    """request_renditions waits for the commit; then, with the default backend, the renditions exist."""
    photo = PhotoFactory()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        tasks.request_renditions(photo)
        photo.refresh_from_db()
        assert tasks.renditions_pending(photo)
    photo.refresh_from_db()
    # Its own callback, and the page cache's bump when the renditions are stored.
    assert [c for c in callbacks if "request_renditions" in c.__qualname__]
    assert photo.renditions == [320, 640, 960, 1200]
    assert not tasks.renditions_pending(photo)


@pytest.mark.django_db
def test_a_failed_rendition_is_not_retried_where_tasks_run_at_once(monkeypatch):
    """On one machine there is no later to retry at: the task fails and says so in its result."""
    photo = PhotoFactory()

    def broken(photo):
        raise OSError("the store is away")

    monkeypatch.setattr(tasks, "make_renditions", broken)
    result = tasks.make_photo_renditions.enqueue(photo.pk)
    assert result.status == "FAILED"
    assert "the store is away" in result.errors[0].traceback


@pytest.mark.django_db
def test_a_missing_photo_is_nothing_to_do():
    """A photo deleted before the worker reached it is no failure."""
    assert tasks.make_photo_renditions.enqueue(987654).return_value == []


def test_media_urls_stay_on_the_sites_own_host(settings):
    """The object store's files are linked under MEDIA_URL, quoted, never at the store's address."""
    storage = MediaStorage(endpoint_url="http://127.0.0.1:9", bucket_name="media", access_key="k", secret_key="s")
    assert storage.url("photos/2026/a photo.jpg") == "/media/photos/2026/a%20photo.jpg"


@pytest.mark.django_db
def test_photo_access_is_left_alone_without_an_object_store(settings):
    """On local disk there is no withheld bucket to move a withdrawn story's files to: nothing moves."""
    settings.NEWSROOM_CLUSTER = {**settings.NEWSROOM_CLUSTER, "WITHHELD_BUCKET": "withheld"}
    photo = PhotoFactory(article__status="withdrawn")
    assert tasks.sync_photo_access.enqueue(photo.article_id).return_value == []
    assert photo.image.storage.exists(photo.image.name)
