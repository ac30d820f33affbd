"""Findability's pages: the date archive, search, topics, feeds, sitemaps, robots.txt, old addresses."""

import datetime
import itertools

from django.core.files.base import ContentFile
from django.utils import timezone

from articles.models import Topic
from tests.factories import ArticleFactory, PersonFactory, SectionFactory
from tests.page_shapes import admin_object, page

# Feeds, sitemaps and robots.txt are read by programs, not people: vnu and axe check HTML only.
NOT_HTML = "not an HTML page (a feed, sitemap or text file for programs)"

_numbers = itertools.count(1)


def _topic(**kwargs):
    n = next(_numbers)
    return Topic.objects.create(name=f"Korea-China trade {n}", description="Trade across the Yellow Sea.", **kwargs)


def _dated_story(days_ago=40, **kwargs):
    when = timezone.now() - datetime.timedelta(days=days_ago)
    return ArticleFactory(published_at=when, **kwargs)


@admin_object(Topic)
def _admin_topic():
    topic = _topic()
    ArticleFactory().topics.add(topic)
    return topic


@page("archive, a year")
def archive_year():
    story = _dated_story()
    return f"/{story.pub_date:%Y}/"


@page("archive, a year at a reading level (the level filter, links keeping it)")
def archive_year_level():
    story = _dated_story()
    return f"/{story.pub_date:%Y}/?level={story.level}"


@page("archive, a day at a reading level it has no story of")
def archive_day_other_level():
    story = _dated_story()
    return f"/{story.pub_date:%Y/%m/%d}/?level={'A2' if story.level != 'A2' else 'C2'}"


@page("archive, a month")
def archive_month():
    story = _dated_story()
    return f"/{story.pub_date:%Y/%m}/"


@page("archive, a day")
def archive_day():
    story = _dated_story(dek="A story of that day.")
    return f"/{story.pub_date:%Y/%m/%d}/"


@page("archive, a day without stories", status=404)
def archive_day_empty():
    story = _dated_story(dek="A story of the day before.")
    return f"/{story.pub_date + datetime.timedelta(days=1):%Y/%m/%d}/"


@page("search, the empty form")
def search_form():
    return "/search/"


@page("search, results")
def search_results():
    ArticleFactory(headline="Alibaba opens an office in Seoul", dek="The Alibaba group expands.")
    ArticleFactory(headline="Alibaba chairman meets the president")
    return "/search/?q=alibaba"


@page("search, results filtered and sorted by date")
def search_filtered():
    section = SectionFactory()
    ArticleFactory(headline="Alibaba and the region", section=section)
    return f"/search/?q=alibaba&section={section.slug}&sort=date&from=2000-01-01&to=2099-12-31"


@page("search, no results")
def search_nothing():
    return "/search/?q=zzyzxnothingmatches"


@page("search, odd input (bad dates, a huge page, markup and quotes)")
def search_odd():
    return "/search/?q=%22%3Cscript%3E%27+OR+1%3D1+--&from=2026-13-45&to=yesterday&page=99999999&sort=nope"


@page("topics, the list")
def topics():
    ArticleFactory().topics.add(_topic())
    return "/topics/"


@page("topic, its stories")
def topic():
    topic = _topic()
    for story in (ArticleFactory(), ArticleFactory(dek="Second story of the topic.")):
        story.topics.add(topic)
    return topic.get_absolute_url()


@page("topic that does not exist", status=404)
def topic_missing():
    return "/topics/no-such-topic/"


@page("feed, latest stories (RSS)", unchecked_reason=NOT_HTML)
def feed_rss():
    ArticleFactory()
    return "/feeds/rss/"


@page("feed, latest stories (Atom)", unchecked_reason=NOT_HTML)
def feed_atom():
    ArticleFactory()
    return "/feeds/atom/"


@page("feed, a section (RSS)", unchecked_reason=NOT_HTML)
def section_rss():
    return ArticleFactory().section.get_absolute_url() + "rss/"


@page("feed, a section (Atom)", unchecked_reason=NOT_HTML)
def section_atom():
    return ArticleFactory().section.get_absolute_url() + "atom/"


@page("feed, an author (RSS)", unchecked_reason=NOT_HTML)
def person_rss():
    person = PersonFactory()
    ArticleFactory(authors=[person])
    return person.get_absolute_url() + "rss/"


@page("feed, an author (Atom)", unchecked_reason=NOT_HTML)
def person_atom():
    person = PersonFactory()
    ArticleFactory(authors=[person])
    return person.get_absolute_url() + "atom/"


@page("feed, a topic (RSS)", unchecked_reason=NOT_HTML)
def topic_rss():
    topic = _topic()
    ArticleFactory().topics.add(topic)
    return topic.get_absolute_url() + "rss/"


@page("feed, a topic (Atom)", unchecked_reason=NOT_HTML)
def topic_atom():
    topic = _topic()
    ArticleFactory().topics.add(topic)
    return topic.get_absolute_url() + "atom/"


@page("sitemap index", unchecked_reason=NOT_HTML)
def sitemap():
    ArticleFactory()
    return "/sitemap.xml"


@page("sitemap, news", unchecked_reason=NOT_HTML)
def sitemap_news():
    ArticleFactory()
    return "/sitemap-news.xml"


@page("sitemap, a year of stories", unchecked_reason=NOT_HTML)
def sitemap_year():
    story = _dated_story()
    return f"/sitemap-stories-{story.pub_date:%Y}.xml"


@page("sitemap that does not exist", status=404, unchecked_reason=NOT_HTML)
def sitemap_missing():
    return "/sitemap-nothing.xml"


@page("robots.txt", unchecked_reason=NOT_HTML)
def robots():
    return "/robots.txt"


@page("old site's story address (moved permanently)", status=301)
def legacy_article():
    story = ArticleFactory(legacy_id=str(900000 + next(_numbers)))
    return f"/news/article/article.aspx?aid={story.legacy_id}"


@page("old site's address of a story not in the archive", status=404)
def legacy_missing():
    return "/news/article/article.aspx?aid=abc"


@page("feed, stories read aloud (podcast)", unchecked_reason="not an HTML page (RSS)")
def audio_feed():
    story = ArticleFactory(headline="A story read aloud")
    story.audio.save("reading.mp3", ContentFile(b"\xff\xfb\x90\x64" + b"\x00" * 413), save=True)
    return "/feeds/audio/"
