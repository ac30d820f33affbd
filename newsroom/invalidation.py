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
    # The social login apps every anonymous comment box offers (accounts.adapter).
    "socialaccount.SocialApp",
]
# Shown on one story's page only: bump that story's tag, and leave every other page in the cache.
STORY_MODELS = ["comments.Comment"]
# What one story's card shows (articles.cards), beside its section's and its people's names: a write of
# one of these (and the field naming its story) makes the site stale and that story's card, no other.
CARD_MODELS = {"articles.Article": "pk", "articles.Byline": "article_id", "articles.Photo": "article_id"}


def _bump_now_and_on_commit(*tags):
    pagecache.bump(*tags)
    transaction.on_commit(lambda: pagecache.bump(*tags))


def site_changed(**kwargs):
    """Every public page stale, and every story's card: for a write that may show on any of them (a
    section or a person renamed) and for every write that bypasses signals, which says no more."""
    _bump_now_and_on_commit(pagecache.SITE, pagecache.CARDS)


def card_changed(sender, instance, **kwargs):
    """A story, one of its bylines or one of its photos written: every public page stale (its lists may
    change), and that story's card; every other story's card is kept."""
    story = getattr(instance, CARD_MODELS[sender._meta.label])
    _bump_now_and_on_commit(pagecache.SITE, f"card:{story}")


def story_changed(sender, instance, **kwargs):
    stories_changed([instance.article_id])


def stories_changed(article_ids):
    tags = [f"article:{pk}" for pk in article_ids]
    if tags:
        _bump_now_and_on_commit(*tags)


def connect():
    for label in SITE_MODELS:
        model = apps.get_model(label)
        changed = card_changed if label in CARD_MODELS else site_changed
        post_save.connect(changed, sender=model, dispatch_uid=f"pagecache.save.{label}")
        post_delete.connect(changed, sender=model, dispatch_uid=f"pagecache.delete.{label}")
    topics = apps.get_model("articles.Article").topics.through
    m2m_changed.connect(site_changed, sender=topics, dispatch_uid="pagecache.topics")
    social_app = apps.get_model("socialaccount.SocialApp")
    if hasattr(social_app, "sites"):  # where allauth's sites are on, an app is offered on the sites it names
        m2m_changed.connect(site_changed, sender=social_app.sites.through, dispatch_uid="pagecache.socialapp.sites")
    for label in STORY_MODELS:
        model = apps.get_model(label)
        post_save.connect(story_changed, sender=model, dispatch_uid=f"pagecache.save.{label}")
        post_delete.connect(story_changed, sender=model, dispatch_uid=f"pagecache.delete.{label}")
