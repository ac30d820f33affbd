"""The comments' pages: a story's thread (to a reader logged out and logged in), delete and report."""

import itertools

from django.contrib.auth import get_user_model

from accounts.models import Profile
from comments.models import Comment, CommentingBan
from tests.factories import ArticleFactory
from tests.page_shapes import admin_object, page, reader

_numbers = itertools.count(1)


def _commenter():
    user = get_user_model().objects.create_user(username=f"commenter-{next(_numbers)}", password="pw")
    Profile.objects.create(user=user, display_name="Park Ji-hoon")
    return user


def _thread(author=None):
    """A story with a comment by another reader, one hidden by the editors, and (if given) `author`'s."""
    story = ArticleFactory()
    other = _commenter()
    Comment.objects.create(article=story, author=other, body="Good to see the talks go ahead.")
    Comment.objects.create(article=story, author=other, body="Hidden for abuse.", status=Comment.Status.HIDDEN)
    mine = Comment.objects.create(article=story, author=author, body="My own comment.") if author else None
    return story, mine


def thread_url(story):
    return story.get_absolute_url() + "comments/"


@admin_object(Comment)
def _admin_comment():
    return _thread(_commenter())[1]


@admin_object(CommentingBan)
def _admin_ban():
    return CommentingBan.objects.create(user=_commenter(), reason="Repeated abuse.")


@page("comments, to a reader logged out")
def thread_anonymous():
    return thread_url(_thread()[0])


@page("comments, to a reader logged in", reader=True)
def thread_reader():
    return thread_url(_thread(reader())[0])


@page("article, comment box to a reader logged in", reader=True)
def article_reader():
    return _thread(reader())[0].get_absolute_url()


@page("comments, delete one's own comment", reader=True)
def delete():
    return f"/comments/{_thread(reader())[1].pk}/delete/"


@page("comments, delete another's comment", status=404, reader=True)
def delete_other():
    return f"/comments/{_thread(_commenter())[1].pk}/delete/"


@page("comments, report a comment", reader=True)
def report():
    return f"/comments/{_thread(_commenter())[1].pk}/report/"


@page("comments, report asked by a reader logged out (login)", status=302)
def report_anonymous():
    return f"/comments/{_thread(_commenter())[1].pk}/report/"
