"""Work done off the request, by the worker (`manage.py db_worker`) where the tasks backend queues it.

With Django's default backend a task runs at once, in the process that asks for it, so the same
calls serve one machine and the cluster.
"""

import logging
from datetime import timedelta

from botocore.exceptions import BotoCoreError, ClientError
from django.conf import settings
from django.contrib import admin
from django.core.files.storage import default_storage
from django.db import transaction
from django.tasks import task
from django.utils import timezone

from articles.models import Article, Photo
from articles.photos import make_renditions, rendition_name

from .storage import MediaStorage

logger = logging.getLogger(__name__)

RENDITION_ATTEMPTS = 3


@task
def make_photo_renditions(photo_id, attempt=1):
    """Make a photo's WebP renditions; on failure try again later, a few times, with a growing wait."""
    photo = Photo.objects.filter(pk=photo_id).first()
    if photo is None:
        return []
    try:
        return make_renditions(photo)
    except (OSError, BotoCoreError, ClientError) as exc:
        # The object store may be briefly away; a picture that cannot be decoded fails every time.
        # Where tasks run at once (one machine) there is no later: the error is the editor's to see.
        if attempt >= RENDITION_ATTEMPTS or not make_photo_renditions.get_backend().supports_defer:
            logger.warning("No renditions for photo %s after %s attempts: %s", photo_id, attempt, exc)
            raise
        wait = timedelta(seconds=5 * 2**attempt)
        make_photo_renditions.using(run_after=timezone.now() + wait).enqueue(photo_id, attempt + 1)
        return []


def request_renditions(photo):
    """Queue `photo`'s renditions once the transaction that saved it commits (the worker reads committed rows)."""
    if photo.image and photo.pk:
        transaction.on_commit(lambda: make_photo_renditions.enqueue(photo.pk))


@admin.display(boolean=True, description="Renditions pending")
def renditions_pending(photo):
    """For the desk: a photo whose smaller versions the worker has not made yet."""
    return bool(photo.image) and not photo.renditions


@task
def sync_photo_access(article_id):
    """A withdrawn story's photo files leave the public bucket for the withheld one; any other story's come back.

    Nothing is deleted: an editor who restores the story gets its pictures back at the same addresses.
    Returns the names moved.
    """
    withheld = settings.NEWSROOM_CLUSTER["WITHHELD_BUCKET"]
    article = Article.objects.filter(pk=article_id).first()
    if article is None or not withheld or not isinstance(default_storage, MediaStorage):
        return []
    public = default_storage.bucket_name
    source, target = (public, withheld) if article.status == Article.Status.WITHDRAWN else (withheld, public)
    client = default_storage.connection.meta.client
    moved = []
    for photo in article.photos.exclude(image=""):
        for name in [photo.image.name, *(rendition_name(photo.image.name, width) for width in photo.renditions)]:
            key = default_storage._normalize_name(name)
            try:
                client.head_object(Bucket=source, Key=key)
            except ClientError:
                continue
            client.copy_object(Bucket=target, Key=key, CopySource={"Bucket": source, "Key": key})
            client.delete_object(Bucket=source, Key=key)
            moved.append(name)
    return moved


def request_photo_access_sync(article):
    transaction.on_commit(lambda: sync_photo_access.enqueue(article.pk))
