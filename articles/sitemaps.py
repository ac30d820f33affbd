"""Sitemaps for search engines: an index with lastmod, one sitemap per year of stories, sections,
authors and topics, and a Google News sitemap of the last two days' stories; and robots.txt.

A year holds well under the 50,000 URLs a sitemap may list (a million stories over twenty years
is about 50,000 a year; Django splits a larger one into pages), and the index's lastmod for every
year comes from one grouped query. Not cached: a story taken down must leave the sitemap at once.
"""

import datetime

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.db.models import Max
from django.db.models.functions import ExtractYear
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from .models import Article, Person, Section, Topic

NEWS_WINDOW = datetime.timedelta(days=2)
NEWS_LIMIT = 1000  # Google News reads at most 1,000 URLs per news sitemap


class YearSitemap(Sitemap):
    limit = 50_000

    def __init__(self, year, latest=None):
        self.year = year
        self.latest = latest

    def items(self):
        return (
            Article.objects.published()
            .filter(pub_date__year=self.year)
            .only("pub_date", "slug", "updated_at", "published_at")
            .order_by("published_at", "pk")
        )

    def lastmod(self, item):
        return max(item.updated_at, item.published_at)

    def get_latest_lastmod(self):
        return self.latest


class NewsSitemap(Sitemap):
    """The last two days' stories, for Google News (its own template adds the news: elements)."""

    limit = NEWS_LIMIT

    def items(self):
        since = timezone.now() - NEWS_WINDOW
        return (
            Article.objects.published()
            .filter(published_at__gte=since)
            .only("pub_date", "slug", "headline", "updated_at", "published_at")
            .newest_first()[:NEWS_LIMIT]
        )

    def lastmod(self, item):
        return max(item.updated_at, item.published_at)

    def get_latest_lastmod(self):
        since = timezone.now() - NEWS_WINDOW
        return Article.objects.published().filter(published_at__gte=since).aggregate(m=Max("updated_at"))["m"]


class PlainSitemap(Sitemap):
    """Sections, authors or topics with a public story: pages whose lists change with every story."""

    changefreq = "daily"

    def __init__(self, model):
        self.model = model

    def items(self):
        return self.model.objects.with_public_stories().order_by("pk")


class ListSitemap(Sitemap):
    """The pages that list stories across sections: the front page, bilingual stories, topics, corrections."""

    changefreq = "hourly"
    names = ("articles:home", "articles:bilingual", "articles:topics", "articles:corrections")

    def items(self):
        return self.names

    def location(self, item):
        return reverse(item)


def build_sitemaps():
    years = (
        Article.objects.published()
        .annotate(year=ExtractYear("pub_date"))
        .values("year")
        .annotate(latest=Max("updated_at"))
        .order_by("-year")
    )
    sitemaps = {"news": NewsSitemap(), "lists": ListSitemap()}
    sitemaps.update({f"stories-{row['year']}": YearSitemap(row["year"], row["latest"]) for row in years})
    sitemaps.update(
        {"sections": PlainSitemap(Section), "authors": PlainSitemap(Person), "topics": PlainSitemap(Topic)}
    )
    return sitemaps


@require_safe
def index(request):
    return sitemap_views.index(request, build_sitemaps(), sitemap_url_name="articles:sitemap_section")


@require_safe
def section(request, section):
    sitemaps = build_sitemaps()
    template = "sitemaps/news.xml" if section == "news" else "sitemap.xml"
    return sitemap_views.sitemap(request, sitemaps, section=section, template_name=template)


@require_safe
def robots(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /preview/",
        "Disallow: /search/",
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('articles:sitemap'))}",
        f"Sitemap: {request.build_absolute_uri(reverse('articles:sitemap_section', kwargs={'section': 'news'}))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
