import feedparser
import pytest

from .factories import ArticleFactory, PersonFactory, PhotoFactory

pytestmark = pytest.mark.django_db

FEEDS = [
    "/feeds/rss/",
    "/feeds/atom/",
    "/section/politics/rss/",
    "/section/politics/atom/",
    "/section/national/rss/",
    "/people/seo-ji-eun/rss/",
    "/people/seo-ji-eun/atom/",
    "/topics/alibaba/rss/",
    "/topics/alibaba/atom/",
]


@pytest.fixture
def tagged(story):
    from articles.models import Topic

    story.topics.add(Topic.objects.create(name="Alibaba"))
    return story


@pytest.mark.parametrize("url", FEEDS)
def test_every_feed_parses_and_lists_the_story(client, tagged, url):
    response = client.get(url)
    assert response.status_code == 200
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version in ("rss20", "atom10")
    entry = parsed.entries[0]
    assert entry.title == "President meets with Alibaba CEO"
    assert entry.link == "http://testserver" + tagged.get_absolute_url()
    assert "Seo Ji-eun" in entry.author
    assert entry.published_parsed is not None


def test_rss_carries_the_photo_as_an_absolute_enclosure(client, tagged):
    parsed = feedparser.parse(client.get("/feeds/rss/").content)
    enclosure = parsed.entries[0].enclosures[0]
    assert enclosure.href.startswith("http://testserver/media/")
    assert enclosure.type == "image/jpeg"


def test_an_enclosures_type_is_its_files(client, politics):
    """A PNG photo is announced as image/png, not as a JPEG."""
    PhotoFactory(article=ArticleFactory(section=politics), image__filename="chart.png", image__format="PNG")
    enclosure = feedparser.parse(client.get("/feeds/rss/").content).entries[0].enclosures[0]
    assert enclosure.href.endswith(".png")
    assert enclosure.type == "image/png"


def test_feeds_leave_out_drafts_and_future_stories(client, tagged, politics):
    ArticleFactory(draft=True, headline="Draft canary", section=politics)
    ArticleFactory(scheduled=True, headline="Future canary", section=politics)
    for url in FEEDS:
        assert b"canary" not in client.get(url).content, url


def test_a_section_feed_has_only_its_stories(client, tagged):
    ArticleFactory(headline="Baseball scores")
    titles = [e.title for e in feedparser.parse(client.get("/section/politics/rss/").content).entries]
    assert titles == ["President meets with Alibaba CEO"]


@pytest.mark.parametrize("url", ["/section/nope/rss/", "/people/nobody/atom/", "/topics/none/rss/"])
def test_feeds_of_unknown_things_are_404(client, url):
    assert client.get(url).status_code == 404


def test_every_page_announces_the_feeds(client, tagged):
    for url in ["/", "/section/politics/", tagged.get_absolute_url(), "/search/?q=x", "/2014/"]:
        response = client.get(url)
        if response.status_code == 404:
            continue
        html = response.content.decode()
        assert '<link rel="alternate" type="application/rss+xml"' in html, url
        assert 'href="/feeds/atom/"' in html, url
    section_page = client.get("/section/politics/").content.decode()
    assert 'href="/section/politics/rss/"' in section_page
    person_page = client.get("/people/seo-ji-eun/").content.decode()
    assert 'href="/people/seo-ji-eun/rss/"' in person_page


def test_feed_query_count_does_not_grow(client, politics, django_assert_max_num_queries):
    """One query for the stories, one for their bylines, one for their photos: 30 stories or 3."""
    for _ in range(30):
        PhotoFactory(article=ArticleFactory(section=politics, authors=[PersonFactory()]))
    with django_assert_max_num_queries(3):
        client.get("/feeds/rss/")


def test_the_corrections_feed_is_titled_with_the_newsrooms_name_now(client, settings):
    """The feed's title reads the newsroom's name per request, not once at import."""
    assert client.get("/corrections/feed/").status_code == 200
    settings.NEWSROOM = {**settings.NEWSROOM, "NAME": "Busan Daily"}
    parsed = feedparser.parse(client.get("/corrections/feed/").content)
    assert parsed.feed.title == "Busan Daily: corrections and clarifications"
