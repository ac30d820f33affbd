import datetime
import xml.etree.ElementTree as ET
import zoneinfo

import pytest
from django.utils import timezone

from .factories import ArticleFactory

pytestmark = pytest.mark.django_db
SEOUL = zoneinfo.ZoneInfo("Asia/Seoul")
NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "news": "http://www.google.com/schemas/sitemap-news/0.9"}


def locations(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return [el.text for el in ET.fromstring(response.content).iterfind(".//sm:loc", NS)]  # noqa: S314


def test_the_index_lists_every_year_and_the_news_sitemap_with_lastmod(client, story):
    ArticleFactory(headline="Old one", published_at=datetime.datetime(2014, 9, 1, 0, 30, tzinfo=SEOUL))
    root = ET.fromstring(client.get("/sitemap.xml").content)  # noqa: S314 - our own server's XML
    entries = {el.find("sm:loc", NS).text: el.find("sm:lastmod", NS) for el in root.iterfind("sm:sitemap", NS)}
    year = story.pub_date.year
    assert f"http://testserver/sitemap-stories-{year}.xml" in entries
    assert entries["http://testserver/sitemap-stories-2014.xml"] is not None  # lastmod
    assert "http://testserver/sitemap-news.xml" in entries
    assert "http://testserver/sitemap-sections.xml" in entries
    assert "http://testserver" + "/2014/09/01/old-one/" in locations(client, "/sitemap-stories-2014.xml")


def test_the_news_sitemap_has_the_last_two_days_in_google_news_format(client, story):
    ArticleFactory(headline="Last week", published_at=timezone.now() - datetime.timedelta(days=7))
    root = ET.fromstring(client.get("/sitemap-news.xml").content)  # noqa: S314 - our own server's XML
    urls = root.findall("sm:url", NS)
    assert len(urls) == 1
    assert urls[0].find("sm:loc", NS).text == "http://testserver" + story.get_absolute_url()
    assert urls[0].find("news:news/news:title", NS).text == story.headline
    assert urls[0].find("news:news/news:publication/news:language", NS).text == "en"
    assert urls[0].find("news:news/news:publication_date", NS).text.startswith(str(story.pub_date.year))


def test_sitemaps_leave_out_drafts_and_future_stories(client, story):
    ArticleFactory(draft=True, headline="Draft canary", published_at=timezone.now() - datetime.timedelta(hours=2))
    future = ArticleFactory(scheduled=True, headline="Future canary")
    index = client.get("/sitemap.xml").content.decode()
    assert f"stories-{future.pub_date.year + 1}" not in index
    for url in ["/sitemap-news.xml", f"/sitemap-stories-{story.pub_date.year}.xml"]:
        assert "canary" not in client.get(url).content.decode()


@pytest.mark.parametrize("url", ["/sitemap-nope.xml", "/sitemap-stories-1800.xml", "/sitemap-sections.xml?p=x",
                                 "/sitemap-sections.xml?p=99"])  # fmt: skip
def test_unknown_sitemaps_and_pages_are_404(client, story, url):
    assert client.get(url).status_code == 404


def test_robots_txt_names_the_sitemaps(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Sitemap: http://testserver/sitemap-news.xml" in text
    assert "Disallow: /preview/" in text


def test_the_list_pages_are_in_the_sitemap_and_answer(client, story):
    """The front page and the lists across sections (bilingual stories among them) are findable by a crawler."""
    found = locations(client, "/sitemap-lists.xml")
    assert found == [f"http://testserver{path}" for path in ("/", "/bilingual/", "/topics/", "/corrections/")]
    assert all(client.get(url.removeprefix("http://testserver")).status_code == 200 for url in found)
