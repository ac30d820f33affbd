"""Work done off the request, by the worker (`manage.py db_worker`) where the tasks backend queues it.

With Django's immediate backend (one machine, `make run`, the tests) a task runs at once, in the
process that asks for it, so the same calls serve one machine and the cluster: photos' renditions,
a withdrawn story's photo files, and every mail the site sends a reader.
"""

import logging
import smtplib
from datetime import timedelta

from botocore.exceptions import BotoCoreError, ClientError
from django.conf import settings
from django.contrib import admin
from django.core.files.storage import default_storage
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.tasks import TaskResultStatus, task
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models import Article, Photo
from articles.photos import make_renditions, rendition_name

from .storage import MediaStorage

logger = logging.getLogger(__name__)

RENDITION_ATTEMPTS = 3
# A mail server away for a few minutes (a restart, a full queue) still gets the message: the waits
# are 1, 2 and 4 minutes. A reader who asked for a reset link asks again long before a longer wait.
MAIL_ATTEMPTS = 4


def retry_later(task_, attempt, attempts, first_wait, *args):
    """Queue `task_` again after a wait that doubles with each attempt; False where that cannot be.

    Where tasks run at once (one machine) there is no later: the caller raises, and the failure is
    recorded in the task's result for whoever asked.
    """
    if attempt >= attempts or not task_.get_backend().supports_defer:
        return False
    wait = timedelta(seconds=first_wait * 2 ** (attempt - 1))
    task_.using(run_after=timezone.now() + wait).enqueue(*args, attempt + 1)
    return True


@task
def make_photo_renditions(photo_id, attempt=1):
    """Make a photo's WebP renditions; on failure try again later, a few times, with a growing wait."""
    photo = Photo.objects.filter(pk=photo_id).first()
    if photo is None:
        return []
    try:
        return make_renditions(photo)
    except (OSError, BotoCoreError, ClientError) as exc:
        # The object store may be briefly away (10 s, then 20 s); a picture that cannot be decoded
        # fails every time. Where tasks run at once the error is the editor's to see.
        if not retry_later(make_photo_renditions, attempt, RENDITION_ATTEMPTS, 10, photo_id):
            logger.warning("No renditions for photo %s after %s attempts: %s", photo_id, attempt, exc)
            raise
        return []


def request_renditions(photo, *, failed=None):
    """Queue `photo`'s renditions once the transaction that saved it commits (the worker reads committed rows).

    The one way the site asks for renditions: the desk's save and a restored revision call it.
    `failed()` is called if the task has already failed by the time the enqueue returns, which
    happens only where tasks run at once.
    """
    if not (photo.image and photo.pk):
        return

    def enqueue():
        result = make_photo_renditions.enqueue(photo.pk)
        if result.status == TaskResultStatus.FAILED and failed is not None:
            failed()

    transaction.on_commit(enqueue)


@admin.display(boolean=True, description=_("renditions pending"))
def renditions_pending(photo):
    """For the desk: a photo with an image whose smaller versions are not made yet."""
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


def message_data(message):
    """What the send_mail task needs of an EmailMessage, as JSON (a task's arguments are stored so)."""
    if message.attachments:
        raise ValueError("Mail with attachments is not sent through the queue.")
    return {
        "subject": str(message.subject),
        "body": str(message.body),
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": {str(name): str(value) for name, value in message.extra_headers.items()},
        "alternatives": [[str(a.content), a.mimetype] for a in getattr(message, "alternatives", [])],
    }


@task
def send_mail(message, attempt=1):
    """Send one message (message_data's dict); on an SMTP or network failure try again later, a few times.

    Returns the number of messages sent (1), as Django's send() does.
    """
    email = EmailMultiAlternatives(
        message["subject"],
        message["body"],
        message["from_email"],
        message["to"],
        cc=message["cc"],
        bcc=message["bcc"],
        reply_to=message["reply_to"],
        headers=message["headers"],
        alternatives=[tuple(alternative) for alternative in message["alternatives"]],
    )
    try:
        return email.send()
    except (smtplib.SMTPException, OSError) as exc:
        if not retry_later(send_mail, attempt, MAIL_ATTEMPTS, 60, message):
            logger.warning("Mail %r to %s not sent after %s attempts: %s", email.subject, email.to, attempt, exc)
            raise
        logger.info("Mail %r to %s not sent (attempt %s), queued again: %s", email.subject, email.to, attempt, exc)
        return 0


def queue_mail(message):
    """Send `message` through the send_mail task; the task's result (FAILED at once only where tasks run at once)."""
    return send_mail.enqueue(message_data(message))
