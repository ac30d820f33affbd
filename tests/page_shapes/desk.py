"""The desk's pages: corrections and their feed, a withdrawn story, an old address, story revisions.

The conflict warning of the story form appears only in answer to a POST (a save over someone
else's newer save), so it has no GET shape; tests/desk/test_conflicts.py covers it.
"""

import datetime
import itertools

from django.contrib.auth import get_user_model
from django.urls import reverse

from articles.desk import revisions
from articles.models import Article, ArticleRedirect, Correction
from tests.factories import ArticleFactory
from tests.page_shapes import admin_object, page

NOT_HTML = "not an HTML page (a feed for programs)"
_numbers = itertools.count(1)


def _correction(**kwargs):
    return Correction.objects.create(
        article=ArticleFactory(),
        text="An earlier version of this story gave the wrong date for the forum.",
        date=datetime.date(2026, 11, 20),
        **kwargs,
    )


def _editor():
    return get_user_model().objects.create_user(f"desk-history-{next(_numbers)}", password="pw", is_staff=True)


def _story_with_history():
    """A story saved three times through the desk, each save a revision with its comment."""
    story = ArticleFactory(dek="The first dek.")
    editor = _editor()
    revisions.save_with_revision(story, editor, "First save.")
    story.headline += ", updated"
    story.dek = "A second dek."
    revisions.save_with_revision(story, editor, "Changed the headline and dek.")
    story.body = story.body + "<p>A paragraph added later.</p>"
    revisions.save_with_revision(story, editor, "Added a paragraph.")
    return story


@admin_object(Correction)
def _admin_correction():
    return _correction(kind=Correction.Kind.CLARIFICATION)


@admin_object(ArticleRedirect)
def _admin_redirect():
    story = ArticleFactory()
    return ArticleRedirect.objects.create(
        article=story, old_date=datetime.date(2020, 1, 2), old_slug=f"an-old-slug-{next(_numbers)}"
    )


@page("corrections")
def corrections():
    _correction()
    _correction(kind=Correction.Kind.CLARIFICATION)
    return "/corrections/"


@page("corrections, feed (RSS)", unchecked_reason=NOT_HTML)
def corrections_feed():
    _correction()
    return "/corrections/feed/"


@page("article with a correction")
def article_corrected():
    return _correction().article.get_absolute_url()


@page("article, withdrawn (gone)", status=410)
def article_withdrawn():
    story = ArticleFactory()
    url = story.get_absolute_url()
    Article.objects.filter(pk=story.pk).update(status=Article.Status.WITHDRAWN)
    return url


@page("article, an old address of it (moved permanently)", status=301)
def article_old_address():
    return str(_admin_redirect())


@page("admin: a story's revisions", staff=True)
def admin_revisions():
    return reverse("admin:articles_article_revisions", args=[_story_with_history().pk])


@page("admin: an older revision of a story, its changes and restore button", staff=True)
def admin_revision():
    story = _story_with_history()
    versions = list(revisions.history(story))
    return reverse("admin:articles_article_revision", args=[story.pk, versions[1].pk])


@page("admin: the first revision of a story", staff=True)
def admin_revision_first():
    story = _story_with_history()
    versions = list(revisions.history(story))
    return reverse("admin:articles_article_revision", args=[story.pk, versions[-1].pk])


@page("admin: a revision that does not exist", status=404, staff=True)
def admin_revision_missing():
    return reverse("admin:articles_article_revision", args=[_story_with_history().pk, 999999999])
