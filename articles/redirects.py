"""Old addresses of stories: when a story's slug or date changes, its old URL keeps working.

Before a story is saved, its address as stored is compared with the new one; a changed address is
kept as an ArticleRedirect, which `articles.views.resolve_article` answers with a permanent redirect.
"""

from django.db.models.signals import pre_save
from django.dispatch import receiver

from .models import Article, ArticleRedirect


@receiver(pre_save, sender=Article, dispatch_uid="articles.redirects.remember_old_address")
def remember_old_address(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None:
        return
    old = Article.objects.filter(pk=instance.pk).values("pub_date", "slug").first()
    if not old or old["pub_date"] is None:
        return  # Never had a public address (an undated draft): nothing to keep working.
    if old["pub_date"] == instance.pub_date and old["slug"].lower() == instance.slug.lower():
        return
    # The story may be moving back to an address it once had: that address is live again.
    ArticleRedirect.objects.filter(old_date=instance.pub_date, old_slug__iexact=instance.slug).delete()
    ArticleRedirect.objects.update_or_create(
        old_date=old["pub_date"], old_slug__iexact=old["slug"], defaults={"article": instance, "old_slug": old["slug"]}
    )


def find_redirect(date, slug):
    """The story that once lived at this date and slug, or None."""
    redirect = ArticleRedirect.objects.filter(old_date=date, old_slug__iexact=slug).select_related("article").first()
    return redirect.article if redirect else None
