"""The database has the last word on comments: constraints hold whatever the form lets through."""

import pytest
from django.db import IntegrityError, transaction

from comments.models import Comment, CommentReport
from comments.text import BODY_CEILING

pytestmark = pytest.mark.django_db


def test_status_must_be_a_known_one(story, reader):
    """A status outside published/pending/hidden is refused by a CheckConstraint."""
    with pytest.raises(IntegrityError), transaction.atomic():
        Comment.objects.create(article=story, author=reader, body="x", status="featured")


def test_body_may_not_be_empty(story, reader):
    with pytest.raises(IntegrityError), transaction.atomic():
        Comment.objects.create(article=story, author=reader, body="")


def test_body_has_a_ceiling_in_the_database(story, reader):
    """Past BODY_CEILING code points the database refuses the row."""
    Comment.objects.create(article=story, author=reader, body="x" * BODY_CEILING)
    with pytest.raises(IntegrityError), transaction.atomic():
        Comment.objects.create(article=story, author=reader, body="x" * (BODY_CEILING + 1))


def test_only_hidden_comments_may_lose_their_author(story, reader):
    """An authorless comment must be hidden: a published one always has its reader."""
    Comment.objects.create(article=story, author=None, body="kept for the record", status="hidden")
    with pytest.raises(IntegrityError), transaction.atomic():
        Comment.objects.create(article=story, author=None, body="orphan", status="published")


def test_a_reader_reports_a_comment_only_once(story, reader, other_reader):
    comment = Comment.objects.create(article=story, author=reader, body="x")
    CommentReport.objects.create(comment=comment, reporter=other_reader)
    with pytest.raises(IntegrityError), transaction.atomic():
        CommentReport.objects.create(comment=comment, reporter=other_reader)


def test_deleting_a_story_deletes_its_comments(story, reader):
    Comment.objects.create(article=story, author=reader, body="x")
    story.delete()
    assert not Comment.objects.exists()
