"""Canaries: unpublished stories with distinctive words, and a crawl of every public surface.

Nothing unpublished may appear anywhere a reader or a machine can look: pages, archive lists and
counts, search results and counts, feeds, sitemaps, related stories, metadata, old addresses.
"""

import datetime
import re
from urllib.parse import urljoin, urlparse

import pytest
from django.utils import timezone

from articles.models import Byline, Topic
from newsroom import wsgi

from .factories import ArticleFactory, PersonFactory, PhotoFactory, SectionFactory
from .wsgi_client import WsgiClient

pytestmark = pytest.mark.django_db
CANARY = "zyzzyvacanary"
LINK = re.compile(r'(?:href|src)="([^"#]+)"')
SKIP = ("/admin/", "/preview/", "/static/", "/media/")
# The addresses of the section, subsection, byline and topic that only unpublished stories have.
HIDDEN = [
    "/section/xqhidden-desk/",
    "/section/xqhidden-bureau/",
    "/people/xqhidden-reporter/",
    "/topics/xqhidden-topic/",
]


@pytest.fixture
def world(politics):
    now = timezone.now()
    topic = Topic.objects.create(name="Alibaba")
    person = PersonFactory(name="Seo Ji-eun")
    public = ArticleFactory(
        headline="Alibaba chief visits Seoul",
        section=politics,
        body="<p>Alibaba and the summit, on the record.</p>",
        published_at=now - datetime.timedelta(minutes=1),
        authors=[person],
        legacy_id="1001",
    )
    public.topics.add(topic)
    PhotoFactory(article=public)
    canaries = [
        ArticleFactory(draft=True, published_at=None, legacy_id="1002", **canary_fields(politics, person, "draft")),
        # Published but in the future: the same day as the public story (unless it is midnight).
        ArticleFactory(
            published_at=now + datetime.timedelta(minutes=2),
            legacy_id="1003",
            **canary_fields(politics, person, "soon"),
        ),
        ArticleFactory(
            published_at=now + datetime.timedelta(days=40),
            legacy_id="1004",
            **canary_fields(politics, person, "later"),
        ),
        # A draft with a past date (unpublished after publication).
        ArticleFactory(
            status="draft",
            published_at=now - datetime.timedelta(days=3),
            legacy_id="1005",
            **canary_fields(politics, person, "withdrawn"),
        ),
    ]
    for canary in canaries:
        canary.topics.add(topic)
        PhotoFactory(article=canary, caption=f"A {CANARY} caption", alt_text=f"{CANARY} alt")
    # A section (under a public one, and at the top), a byline and a topic that only unpublished
    # stories have: their names and the topic's description are canaries too.
    hidden_section = SectionFactory(name=f"{CANARY} desk")
    hidden_section.slug = "xqhidden-desk"
    hidden_section.save()
    hidden_sub = SectionFactory(name=f"{CANARY} bureau", parent=politics)
    hidden_sub.slug = "xqhidden-bureau"
    hidden_sub.save()
    hidden_person = PersonFactory(name=f"{CANARY} Reporter", slug="xqhidden-reporter")
    hidden_topic = Topic.objects.create(name=f"{CANARY} topic", slug="xqhidden-topic", description=f"All {CANARY}s.")
    for canary, section in zip(canaries, [hidden_section, hidden_sub, hidden_section, hidden_sub], strict=True):
        canary.section = section
        canary.save()
        canary.topics.add(hidden_topic)
        Byline.objects.create(article=canary, person=hidden_person, position=5)
    return public, canaries


def canary_fields(section, person, tag):
    return {
        "headline": f"Alibaba {CANARY} {tag} headline",
        "dek": f"{CANARY} dek",
        "body": f"<p>Alibaba summit {CANARY} body.</p>",
        "section": section,
        "authors": [person],
        "slug": f"{CANARY}-{tag}",
    }


def crawl(client, start, limit=400):
    """Every internal page reachable from `start` (and the given extra URLs), with its response."""
    seen, queue, pages = set(), list(start), {}
    while queue and len(seen) < limit:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        pages[url] = response
        if response.status_code in (301, 302):
            queue.append(response["Location"])
            continue
        body = response.content.decode("utf-8", "replace")
        for link in LINK.findall(body.replace("&amp;", "&")):
            absolute = urlparse(urljoin("http://testserver" + url, link))
            if absolute.netloc != "testserver" or absolute.path.startswith(SKIP):
                continue
            queue.append(absolute.path + (f"?{absolute.query}" if absolute.query else ""))
        for loc in re.findall(r"<loc>http://testserver([^<]+)</loc>", body):
            queue.append(loc)
    return pages


def assert_hidden_metadata_unreached(pages):
    """The section, byline and topic of unpublished stories only: 404, and no page leads to them (only
    a page asked for by their address, or a search naming one, names it back in its own links)."""
    for url in HIDDEN:
        for suffix in ("", "rss/", "atom/"):
            assert pages[url + suffix].status_code == 404, url + suffix
    for url, response in pages.items():
        if "xqhidden-" not in url:
            assert "xqhidden-" not in response.content.decode("utf-8", "replace"), url


def test_no_canary_appears_on_any_public_surface(client, world):
    public, canaries = world
    today = timezone.localdate()
    later = canaries[2].pub_date
    start = [
        "/",
        public.get_absolute_url(),
        "/robots.txt",
        "/sitemap.xml",
        "/sitemap-news.xml",
        "/feeds/rss/",
        "/feeds/atom/",
        "/topics/",
        f"/search/?q={CANARY}",
        "/search/?q=Alibaba",
        "/search/?q=Alibaba&sort=date",
        "/search/?q=summit",
        f"/{later:%Y}/",
        f"/{later:%Y/%m}/",
        f"/{later:%Y/%m/%d}/",
        f"/{today:%Y/%m/%d}/",
        "/news/article/article.aspx?aid=1001",
    ]
    start += [f"/news/article/article.aspx?aid={n}" for n in (1002, 1003, 1004, 1005)]
    start += [url + suffix for url in HIDDEN for suffix in ("", "rss/", "atom/")]
    start += ["/search/?section=xqhidden-desk&q=Alibaba", "/search/?author=xqhidden-reporter&q=Alibaba"]
    pages = crawl(client, start)
    assert len(pages) > 25  # the crawl really went places
    searched = pages[f"/search/?q={CANARY}"].context["results"]
    assert searched.hits == [] and searched.count == 0
    for url, response in pages.items():
        content = response.content.decode("utf-8", "replace").lower()
        if CANARY in url:
            # The search page shows the reader's own words back; nothing else may carry them.
            content = content.replace(f"{CANARY}: search", "").replace(f'value="{CANARY}"', "")
            content = content.replace(f"<q>{CANARY}</q>", "")
            # So do the links that bring the reader back to this search (log in, the language switch, the
            # reading-level filter).
            content = re.sub(r'next=[^"&]*|name="next" value="[^"]*"', "", content).replace(f"q={CANARY}", "")
        assert CANARY not in content, url
        assert CANARY not in response.get("Location", ""), url
        assert response.status_code < 500, url
    assert_hidden_metadata_unreached(pages)
    # Every canary address and old address is a 404.
    for canary in canaries:
        if canary.pub_date:
            assert client.get(canary.get_absolute_url()).status_code == 404
            assert client.get(canary.get_absolute_url() + "print/").status_code == 404
        assert pages[f"/news/article/article.aspx?aid={canary.legacy_id}"].status_code == 404
    assert pages["/news/article/article.aspx?aid=1001"].status_code == 301
    # Counts: only the public story counts, in search and in the archive.
    assert pages["/search/?q=Alibaba"].context["results"].count == 1
    assert pages["/search/?q=summit"].context["results"].count == 1
    assert pages[f"/{later:%Y/%m/%d}/"].status_code == 404
    today_page = pages[f"/{today:%Y/%m/%d}/"]
    if today_page.status_code == 200 and public.pub_date == today:
        assert today_page.context["paginator"].count == 1
    month = client.get(f"/{public.pub_date:%Y/%m}/")
    assert month.context["total"] == 1
    # The crawl reached the surfaces that list stories.
    crawled = set(pages)
    for must in [
        "/section/politics/",
        "/topics/alibaba/",
        "/topics/alibaba/rss/",
        "/people/seo-ji-eun/",
        "/people/seo-ji-eun/rss/",
        "/section/politics/rss/",
    ]:
        assert must in crawled, must
    assert any(url.startswith("/sitemap-stories-") for url in crawled)


@pytest.mark.page_cache
def test_a_cache_warmed_by_an_editor_and_a_reader_serves_no_canary(client, world, staff_client, django_user_model):
    """With the page cache on: an editor's previews and a reader's pages never reach anonymous readers."""
    public, canaries = world
    reader = django_user_model.objects.create_user("minji", password="pw")
    reader_client = type(client)()
    reader_client.force_login(reader)
    start = ["/", public.get_absolute_url(), "/feeds/rss/", "/sitemap.xml", "/section/politics/", "/topics/alibaba/"]
    start += ["/topics/", "/search/?q=Alibaba", *HIDDEN]
    for canary in canaries:
        staff_client.get(f"/preview/{canary.pk}/")
    for warm in (staff_client, reader_client):
        crawl(warm, start, limit=60)
    pages = crawl(client, start, limit=120)
    assert any(response.get("X-Page-Cache") == "miss" for response in pages.values())
    for url, response in pages.items():
        assert CANARY not in response.content.decode("utf-8", "replace").lower(), url
    again = crawl(type(client)(), start, limit=120)
    assert any(response.get("X-Page-Cache") == "hit" for response in again.values())
    for url, response in again.items():
        assert CANARY not in response.content.decode("utf-8", "replace").lower(), url
    # And as gunicorn serves them: kept pages answered in front of Django (newsroom.pagecache.KeptPages).
    served = crawl(WsgiClient(wsgi.application), start, limit=120)
    hits = {url for url, response in served.items() if response.get("X-Page-Cache") == "hit"}
    assert hits >= {url for url, response in again.items() if response.get("X-Page-Cache") == "hit"}
    for url, response in served.items():
        assert CANARY not in response.content.decode("utf-8", "replace").lower(), url
