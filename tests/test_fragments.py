"""Cached fragments (articles.fragments) are fresh exactly when the pages are: after every write they show."""

import datetime
import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Section, Topic

from .factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db


def test_a_new_section_is_in_the_navigation_of_the_next_page(client, story):
    """The navigation comes from the cached section tree, and a new top section is in it at once: as soon
    as it has a public story (an empty one is public nowhere, tests/test_unpublished_metadata.py)."""
    assert 'href="/section/national/"' in client.get("/").content.decode()
    weather = SectionFactory(name="Weather")
    assert 'href="/section/weather/"' not in client.get(story.get_absolute_url()).content.decode()
    ArticleFactory(headline="Snow in Seoul", section=weather)
    assert 'href="/section/weather/"' in client.get(story.get_absolute_url()).content.decode()


def test_a_renamed_section_is_renamed_everywhere_at_once(client, story, politics):
    """A rename bumps the site version: the cached tree and the related stories are built afresh."""
    ArticleFactory(headline="Same section story", section=politics)
    url = story.get_absolute_url()
    assert "Politics" in client.get(url).content.decode().split('id="related-heading"')[1]
    politics.name = "Government"
    politics.save()
    html = client.get(url).content.decode()
    assert "Government" in html.split('id="related-heading"')[1]
    assert "Government" in client.get(politics.parent.get_absolute_url()).content.decode()


def test_related_stories_are_cached_until_a_story_is_published(client, story, politics):
    """A second view of the story reads its related stories from the cache; a new story on its topic
    is among them on the very next view."""
    alibaba = Topic.objects.create(name="Alibaba")
    story.topics.add(alibaba)
    ArticleFactory(headline="Older on the section", section=politics)
    url = story.get_absolute_url()
    client.get(url)
    with CaptureQueriesContext(connection) as again:
        client.get(url)
    assert not [q for q in again.captured_queries if "EXISTS" in q["sql"].upper()]
    fresh = ArticleFactory(headline="Alibaba opens a Seoul office")
    fresh.topics.add(alibaba)
    related = client.get(url).content.decode().split('id="related-heading"')[1]
    assert related.index("Alibaba opens a Seoul office") < related.index("Older on the section")


def test_related_stories_do_not_outlive_the_next_scheduled_story(client, story, politics):
    """A scheduled story is among the related stories once its time comes, with no write then."""
    ArticleFactory(
        headline="Scheduled for later", section=politics, published_at=timezone.now() + datetime.timedelta(seconds=2.5)
    )
    url = story.get_absolute_url()
    assert "Scheduled for later" not in client.get(url).content.decode()
    time.sleep(3)
    assert "Scheduled for later" in client.get(url).content.decode().split('id="related-heading"')[1]


def test_the_tree_is_read_once_per_write(client, story):
    """Pages after the first read the section tree from the cache, with no query for it."""
    client.get("/")
    with CaptureQueriesContext(connection) as queries:
        client.get(story.section.get_absolute_url())
    assert not [q for q in queries.captured_queries if 'FROM "articles_section" ORDER BY' in q["sql"]]
    assert [s.name for s in Section.tree()[None]] == ["National"]


def test_the_navigation_and_footer_are_renamed_with_a_top_section_at_once(client, story):
    """The section navigation and the footer's links are cached fragments: a rename is in both at once."""
    national = story.section.ancestry()[0]
    client.get("/")
    national.name = "Nation"
    national.save()
    html = client.get("/").content.decode()
    nav, footer = html.split('class="section-nav"')[1], html.split('class="site-footer__sections"')[1]
    assert ">Nation</a>" in nav.split("</nav>")[0] and ">Nation</a>" in footer.split("</nav>")[0]


def test_the_kept_navigation_marks_the_section_the_reader_is_in(client, story):
    """One kept navigation per place: home marked on home, the section on its page and its stories."""
    national = story.section.ancestry()[0]
    home = client.get("/").content.decode().split('class="section-nav"')[1].split("</nav>")[0]
    assert 'href="/" aria-current="page"' in home and home.count("aria-current") == 1
    page = client.get(national.get_absolute_url()).content.decode().split('class="section-nav"')[1]
    assert f'href="{national.get_absolute_url()}" aria-current="page"' in page.split("</nav>")[0]
    inside = client.get(story.get_absolute_url()).content.decode().split('class="section-nav"')[1]
    assert f'href="{national.get_absolute_url()}" aria-current="true"' in inside.split("</nav>")[0]
