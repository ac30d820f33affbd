"""Bilingual stories, the ones with a Korean version: their list and its feed."""

from django.conf import settings
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from .feeds import LatestFeed
from .models import Article
from .pagination import paginate


def bilingual_stories():
    return Article.objects.published().bilingual()


@require_safe
def bilingual_list(request):
    page = paginate(bilingual_stories().for_lists(), request, settings.NEWSROOM["PAGE_SIZE"])
    return render(request, "articles/bilingual_list.html", {"page": page})


class BilingualFeed(LatestFeed):
    def title(self, obj=None):
        return f"{settings.NEWSROOM['NAME']}: stories in English and Korean"

    def link(self, obj=None):
        return reverse("articles:bilingual")

    def description(self, obj=None):
        return f"The latest stories of {settings.NEWSROOM['NAME']} with a Korean version, paragraph by paragraph."

    def stories(self, obj):
        return bilingual_stories()

    def item_title(self, item):
        return f"{item.headline} | {item.headline_ko}" if item.headline_ko else item.headline
