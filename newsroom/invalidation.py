"""What makes cached pages stale: every write that a public page shows bumps a page-cache tag.

Signals catch the ORM's saves and deletes (the desk, the importer, the admin, comments). Writes that
bypass signals (bulk loads of the dictionary, `QuerySet.update()`) call `site_changed()` themselves.
Each bump happens twice: at once, and again when the transaction commits, so that a page rendered
from the old rows while the write was in flight is never taken for fresh (see newsroom.pagecache).
"""

from django.apps import apps
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from . import pagecache

# Models whose rows appear on public pages beyond one story's own (lists, navigation, the dictionary).
SITE_MODELS = [
    "articles.Article",
    "articles.Section",
    "articles.Person",
    "articles.Topic",
    "articles.Byline",
    "articles.Photo",
    "articles.Correction",
    "articles.ArticleRedirect",
    "pages.Page",
    "dictionary.KoreanGloss",
    "dictionary.StoryTerm",
]
# Shown on one story's page only: bump that story's tag, and leave every other page in the cache.
STORY_MODELS = ["comments.Comment"]


def _bump_now_and_on_commit(*tags):
    pagecache.bump(*tags)
    transaction.on_commit(lambda: pagecache.bump(*tags))


def site_changed(**kwargs):
    _bump_now_and_on_commit(pagecache.SITE)


def story_changed(sender, instance, **kwargs):
    stories_changed([instance.article_id])


def stories_changed(article_ids):
    tags = [f"article:{pk}" for pk in article_ids]
    if tags:
        _bump_now_and_on_commit(*tags)


def connect():
    for label in SITE_MODELS:
        model = apps.get_model(label)
        post_save.connect(site_changed, sender=model, dispatch_uid=f"pagecache.save.{label}")
        post_delete.connect(site_changed, sender=model, dispatch_uid=f"pagecache.delete.{label}")
    topics = apps.get_model("articles.Article").topics.through
    m2m_changed.connect(site_changed, sender=topics, dispatch_uid="pagecache.topics")
    for label in STORY_MODELS:
        model = apps.get_model(label)
        post_save.connect(story_changed, sender=model, dispatch_uid=f"pagecache.save.{label}")
        post_delete.connect(story_changed, sender=model, dispatch_uid=f"pagecache.delete.{label}")
