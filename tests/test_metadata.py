import datetime
import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article, Topic

from .factories import ArticleFactory, PersonFactory, PhotoFactory, SectionFactory

pytestmark = pytest.mark.django_db


def json_ld(html):
    blocks = re.findall(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html, re.S)
    assert len(blocks) == 1
    return json.loads(blocks[0])


def test_article_has_canonical_open_graph_and_twitter_tags(client, story):
    html = client.get(story.get_absolute_url()).content.decode()
    url = "http://testserver" + story.get_absolute_url()
    assert f'<link rel="canonical" href="{url}">' in html
    assert f'<meta property="og:url" content="{url}">' in html
    assert '<meta property="og:title" content="President meets with Alibaba CEO">' in html
    assert '<meta property="og:type" content="article">' in html
    assert re.search(r'<meta property="og:image" content="http://testserver/media/[^"]+">', html)
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    assert '<meta property="article:section" content="Politics">' in html


def test_json_ld_is_a_news_article_with_its_facts(client, story):
    data = json_ld(client.get(story.get_absolute_url()).content.decode())
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == story.headline
    assert data["datePublished"].startswith(str(story.pub_date.year))
    assert [a["name"] for a in data["author"]] == ["Seo Ji-eun", "Kim Min-ji"]
    assert data["author"][0]["url"] == "http://testserver/people/seo-ji-eun/"
    assert data["image"][0].startswith("http://testserver/media/")
    assert data["articleSection"] == "Politics"
    assert data["publisher"]["name"]


def test_json_ld_dates_are_in_the_newsrooms_zone(client):
    """A story published at midnight in Seoul is dated that day, with Seoul's offset, as its page dates it."""
    published = datetime.datetime(2014, 8, 27, 15, 0, tzinfo=datetime.UTC)
    story = ArticleFactory(published_at=published)
    Article.objects.filter(pk=story.pk).update(updated_at=published + datetime.timedelta(hours=2))
    data = json_ld(client.get(story.get_absolute_url()).content.decode())
    assert story.get_absolute_url().startswith("/2014/08/28/")
    assert data["datePublished"] == "2014-08-28T00:00:00+09:00"
    assert data["dateModified"] == "2014-08-28T02:00:00+09:00"


@pytest.mark.parametrize("kind", ["opinion", "editorial"])
def test_opinion_pieces_are_opinion_news_articles(client, kind):
    story = ArticleFactory(kind=kind)
    assert json_ld(client.get(story.get_absolute_url()).content.decode())["@type"] == "OpinionNewsArticle"


def test_json_ld_cannot_be_broken_out_of(client):
    """A headline with </script> stays inside the JSON block, escaped."""
    story = ArticleFactory(headline='Evil </script><script>alert("x")</script> & more', dek="<!-- dek -->")
    html = client.get(story.get_absolute_url()).content.decode()
    assert '<script>alert("x")</script>' not in html
    assert json_ld(html)["headline"].startswith("Evil </script>")


def test_share_links_need_no_third_party_script(client, story):
    html = client.get(story.get_absolute_url()).content.decode()
    assert "mailto:?subject=President%20meets%20with%20Alibaba%20CEO" in html
    assert "https://x.com/intent/post?text=" in html
    assert "https://www.facebook.com/sharer/sharer.php?u=http%3A%2F%2Ftestserver" in html
    assert "data-share-kakao=" in html and "data-share-copy=" in html
    scripts = re.findall(r'<script[^>]*src="([^"]+)"', html)
    assert scripts and all(src.startswith(("/static/", "/jsi18n/")) for src in scripts)


def test_drafts_have_no_metadata_on_their_preview(staff_client):
    story = ArticleFactory(draft=True, headline="Secret plan")
    html = staff_client.get(f"/preview/{story.pk}/").content.decode()
    assert "application/ld+json" not in html and "og:title" not in html and 'rel="canonical"' not in html


def test_topics_and_related_stories_on_the_article_page(client, story, politics):
    alibaba = Topic.objects.create(name="Alibaba")
    story.topics.add(alibaba)
    on_topic = ArticleFactory(headline="Alibaba lists in New York")
    on_topic.topics.add(alibaba)
    ArticleFactory(headline="Same section story", section=politics)
    ArticleFactory(headline="Unrelated sports")
    draft = ArticleFactory(headline="Draft on topic", draft=True)
    draft.topics.add(alibaba)
    html = client.get(story.get_absolute_url()).content.decode()
    related = html.split('id="related-heading"')[1]
    assert "Alibaba lists in New York" in related and "Same section story" in related
    assert "Unrelated sports" not in related and "Draft on topic" not in related
    assert related.index("Alibaba lists") < related.index("Same section story")
    assert 'href="/topics/alibaba/"' in html


def test_article_page_query_count_does_not_grow_with_related_stories(client, politics):
    """Related stories cost a fixed number of queries, however many there are: with fewer than
    four on the story's topics, one more query fills the list from its section."""
    topic = Topic.objects.create(name="Exports")
    story = ArticleFactory(section=politics)
    story.topics.add(topic)

    def add(n):
        for _ in range(n):
            other = ArticleFactory(section=politics, authors=[PersonFactory()])
            other.topics.add(topic)
            PhotoFactory(article=other)

    add(1)
    with CaptureQueriesContext(connection) as few:
        client.get(story.get_absolute_url())
    add(5)
    with CaptureQueriesContext(connection) as many:
        client.get(story.get_absolute_url())
    assert len(few) == len(many) + 1
    add(20)
    with CaptureQueriesContext(connection) as more:
        client.get(story.get_absolute_url())
    assert len(more) == len(many)
    assert Article.objects.count() == 27


def newest_related(article, count=4):
    """What related stories are, said as one query each (the oracle): the newest other public stories on
    any of the story's topics, then the newest other public ones of its section."""
    public = Article.objects.published().exclude(pk=article.pk).newest_first().values_list("pk", flat=True)
    related = list(public.filter(topics__in=article.topics.all()).distinct()[:count])
    return related + list(public.filter(section=article.section).exclude(pk__in=related)[: count - len(related)])


def test_related_stories_are_the_newest_on_its_topics_then_its_section(politics):
    """Kept per topic set and per section (shared by every story with the same), and still exactly the
    newest: the story itself, its related ones, drafts and stories not yet public left out wherever they
    fall among the newest."""
    from articles.topics import related_stories

    exports, chips = Topic.objects.create(name="Exports"), Topic.objects.create(name="Chips")
    sports = SectionFactory(name="Sports")
    start = timezone.now() - datetime.timedelta(days=10)
    stories = []
    for n in range(24):
        section = politics if n % 3 else sports
        story = ArticleFactory(section=section, published_at=start + datetime.timedelta(hours=5 * n))
        story.topics.add(*[[], [exports], [chips], [exports, chips]][n % 4])
        stories.append(story)
    ArticleFactory(section=politics, draft=True).topics.add(exports)
    ArticleFactory(section=politics, published_at=timezone.now() + datetime.timedelta(days=1)).topics.add(chips)
    lone_topic = Topic.objects.create(name="Ports")
    stories[5].topics.add(lone_topic)  # a topic no other story has: all from its other topic and section
    for story in stories:
        assert [card.pk for card in related_stories(story)] == newest_related(story), story.pk


def test_a_first_view_reads_no_related_ids_kept_for_its_topics_and_section(politics, django_assert_num_queries):
    """Stories on the same topics in the same section share the kept lists of related ids: once one was
    shown, another's first view reads none (their cards are kept too)."""
    from articles.topics import related_stories

    exports = Topic.objects.create(name="Exports")
    start = timezone.now() - datetime.timedelta(days=10)
    stories = [ArticleFactory(section=politics, published_at=start + datetime.timedelta(hours=n)) for n in range(12)]
    for story in stories:
        story.topics.add(exports)
    first, second = (Article.objects.prefetch_related("topics").get(pk=story.pk) for story in stories[:2])
    related_stories(first)
    expected = newest_related(second)
    with django_assert_num_queries(0):
        related = related_stories(second)
    assert [card.pk for card in related] == expected


def test_a_story_without_a_dek_is_described_by_its_first_forty_words(client, politics):
    """Both description tags: paragraphs kept apart by a space, an entity escaped once, cut at 40 words."""
    words = " ".join(f"word{n}" for n in range(60))
    story = ArticleFactory(section=politics, dek="", body=f'<p>Kim said "yes" &amp; left.</p><p>{words}</p>')
    html = client.get(story.get_absolute_url()).content.decode()
    expected = "Kim said &quot;yes&quot; &amp; left. " + " ".join(f"word{n}" for n in range(35)) + " …"
    assert f'<meta name="description" content="{expected}">' in html
    assert f'<meta property="og:description" content="{expected}">' in html
    short = ArticleFactory(section=politics, dek="The dek says it.", body="<p>Body.</p>")
    assert (
        '<meta name="description" content="The dek says it.">' in client.get(short.get_absolute_url()).content.decode()
    )
