"""Posting a comment: who may, how often, and in which state it starts."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from . import conf
from .models import Comment, CommentingBan, PostingRecord


class Barred(Exception):
    """The editors have barred this reader from commenting."""


class RateLimited(Exception):
    """The reader has posted as many comments as the window allows."""

    def __init__(self, limit, window):
        super().__init__(limit, window)
        self.limit, self.window = limit, window


def is_barred(user):
    return CommentingBan.objects.filter(user_id=user.pk).exists()


def post_comment(user, article, body):
    """Store `body` (already validated) as `user`'s comment on `article`.

    The reader's row is locked while their recent posts are counted, so that concurrent requests,
    in any number of server processes, cannot slip past the limit together.
    """
    limit, window = conf.rate_limit()
    now = timezone.now()
    with transaction.atomic():
        list(get_user_model().objects.select_for_update().filter(pk=user.pk).values_list("pk", flat=True))
        if is_barred(user):
            raise Barred
        # Posts older than the window no longer count, anyone's: they are cleared as comments arrive.
        PostingRecord.objects.filter(created_at__lte=now - timedelta(seconds=window)).delete()
        if PostingRecord.objects.filter(user_id=user.pk).count() >= limit:
            raise RateLimited(limit, window)
        PostingRecord.objects.create(user=user, created_at=now)
        status = Comment.Status.PENDING if conf.premoderation() else Comment.Status.PUBLISHED
        return Comment.objects.create(article=article, author=user, body=body, status=status)
