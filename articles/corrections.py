"""Corrections and clarifications: on each story, on a public page of their own, in a feed, in JSON-LD.

A correction is public exactly when its story is: every list here starts from
Article.objects.published().
"""

import datetime

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.views.decorators.http import require_safe

from .models import Article, Correction

FEED_SIZE = 50


def public_corrections():
    """Corrections of public stories, newest first, with their story at hand."""
    return (
        Correction.objects.filter(article__in=Article.objects.published().values("pk"))
        .select_related("article", "article__section")
        .order_by("-date", "-pk")
    )


def corrections_for_jsonld(article):
    """Yield the story's corrections as schema.org CorrectionComment objects, for its JSON-LD `correction`."""
    for correction in article.corrections.all():
        yield {
            "@type": "CorrectionComment",
            "text": f"{correction.get_kind_display()}: {correction.text}",
            "datePublished": correction.date.isoformat(),
        }


@require_safe
def corrections_page(request):
    paginator = Paginator(public_corrections(), settings.NEWSROOM["PAGE_SIZE"])
    try:
        page = paginator.page(request.GET.get("page", 1))
    except (PageNotAnInteger, EmptyPage) as exc:
        raise Http404("No such page of corrections.") from exc
    return render(request, "articles/corrections.html", {"page": page})


class CorrectionsFeed(Feed):
    def title(self):
        return f"{settings.NEWSROOM['NAME']}: corrections and clarifications"

    link = reverse_lazy("articles:corrections")
    description = "Corrections and clarifications to published stories, newest first."

    def items(self):
        return public_corrections()[:FEED_SIZE]

    def item_title(self, item):
        return f"{item.get_kind_display()}: {item.article.headline}"

    def item_description(self, item):
        return item.text

    def item_link(self, item):
        return f"{item.article.get_absolute_url()}#corrections"

    def item_guid(self, item):
        return f"{reverse('articles:corrections')}#correction-{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return timezone.make_aware(datetime.datetime.combine(item.date, datetime.time(12)))
