"""A story's address, /YYYY/MM/DD/<slug>/, and the addresses it used to have.

Every view under a story's address (its page, print view, dictionary view, comments) finds the
story with `resolve_article`. Before a story is saved, its address as stored is compared with the
new one; a changed address is kept as an ArticleRedirect, which `resolve_article` answers with a
permanent redirect to the same view at the story's address now.
"""

import datetime

from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import reverse

from .models import Article, ArticleRedirect, shape_page


def resolve_article(request, year, month, day, slug, *, chrome=True, relations=True):
    """The public story at this address, or the response to send instead.

    Returns (article, None) or (None, response). A story is found by its day and slug (any case);
    on another day, it is found when exactly one public story has that slug. Anywhere but its one
    true address, the answer is a permanent redirect to the view the request asked for (page,
    print, dictionary, comments) at that address; a withdrawn story is 410 Gone. Its sections come
    from the section tree the page's navigation reads (shape_page()); a page without the site's
    chrome (`chrome=False`: print) reads no tree, and has its section joined to the story instead.
    With `relations=False` the story comes without its bylines, photos, corrections and topics, for a
    page that reads them only when it builds what shows them (the story page's kept parts).
    """
    date = _date_or_404(year, month, day)
    stories = Article.objects.for_page() if relations else Article.objects.without_search_documents()
    public = stories.published()
    if not chrome:
        public = public.select_related("section")
    # One story at most has a day and slug (article_unique_slug_per_day): no ORDER BY to compile and run.
    article = next(iter(public.filter(pub_date=date, slug__iexact=slug).order_by()[:1]), None)
    if article is None:
        gone = _withdrawn_response(request, date, slug)
        if gone is not None:
            return None, gone
        moved = find_redirect(date, slug)
        if moved is not None and moved.is_public:
            return None, redirect(_same_view(request, moved), permanent=True)
        elsewhere = list(public.filter(slug__iexact=slug)[:2])
        if len(elsewhere) != 1:
            raise Http404("No such story.")
        article = elsewhere[0]
    target = _same_view(request, article)
    if request.path != target:
        return None, redirect(target, permanent=True)
    return (shape_page(article, request) if chrome else article), None


def find_redirect(date, slug):
    """The story that once lived at this date and slug, or None."""
    old = ArticleRedirect.objects.filter(old_date=date, old_slug__iexact=slug).select_related("article").first()
    return old.article if old else None


@receiver(pre_save, sender=Article, dispatch_uid="articles.addresses.remember_old_address")
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


def _same_view(request, article):
    """The URL of the view this request reached, for the story's address."""
    return reverse(request.resolver_match.view_name, kwargs=article.address())


def _date_or_404(year, month, day):
    try:
        return datetime.date(year, month, day)
    except ValueError as exc:
        raise Http404("No such date.") from exc


def _withdrawn_response(request, date, slug):
    """410 Gone for a story the desk withdrew (at its address, or at an old address of it)."""
    withdrawn = Article.objects.filter(status=Article.Status.WITHDRAWN, pub_date=date, slug__iexact=slug).first()
    if withdrawn is None:
        moved = find_redirect(date, slug)
        withdrawn = moved if moved is not None and moved.status == Article.Status.WITHDRAWN else None
    if withdrawn is None:
        return None
    html = render_to_string("articles/article_withdrawn.html", {"date": withdrawn.pub_date}, request=request)
    return HttpResponse(html, status=410)
