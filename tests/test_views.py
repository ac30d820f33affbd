import datetime
import zoneinfo

import pytest
from django.db import DatabaseError
from django.utils import timezone

from .factories import ArticleFactory, PhotoFactory, SectionFactory

pytestmark = pytest.mark.django_db
SEOUL = zoneinfo.ZoneInfo("Asia/Seoul")


def test_article_page_shows_the_story(client, story):
    response = client.get(story.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>President meets with Alibaba CEO |" in html
    assert '<h1 class="story__headline" lang="en">President meets with Alibaba CEO</h1>' in html
    assert 'href="/section/national/"' in html and 'href="/section/politics/"' in html
    assert "The president at the Blue House." in html and "[NEWSIS]" in html
    assert 'href="/people/seo-ji-eun/"' in html and "Kim Min-ji" in html
    assert f'href="{story.get_absolute_url()}print/"' in html
    assert f'href="{story.get_absolute_url()}dictionary/"' in html


@pytest.mark.parametrize("trait", ["draft", "scheduled"])
def test_unpublished_story_is_a_404_for_readers(client, trait):
    story = ArticleFactory(**{trait: True}, published_at=timezone.now() + datetime.timedelta(days=1))
    assert client.get(story.get_absolute_url()).status_code == 404
    assert client.get(f"/preview/{story.pk}/").status_code == 302  # to the login page


def test_staff_preview_of_a_draft_is_marked_and_never_cached(staff_client):
    story = ArticleFactory(draft=True, headline="Secret draft")
    response = staff_client.get(f"/preview/{story.pk}/")
    assert response.status_code == 200
    assert b"Preview: this story is not public" in response.content
    assert "no-cache" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert b'name="robots" content="noindex' in response.content


def test_wrong_date_redirects_permanently_when_the_slug_is_unique(client, story):
    response = client.get(f"/1999/01/01/{story.slug}/")
    assert response.status_code == 301
    assert response["Location"] == story.get_absolute_url()
    response = client.get(f"/1999/01/01/{story.slug}/print/")
    assert response["Location"] == story.get_absolute_url() + "print/"


def test_wrong_date_is_a_404_when_the_slug_is_ambiguous(client):
    ArticleFactory(headline="Weather", published_at=datetime.datetime(2020, 1, 1, 9, tzinfo=SEOUL))
    ArticleFactory(headline="Weather", published_at=datetime.datetime(2020, 1, 2, 9, tzinfo=SEOUL))
    assert client.get("/2021/05/05/weather/").status_code == 404


def test_slug_in_another_case_redirects_to_the_canonical_url(client, story):
    response = client.get(story.get_absolute_url().replace("president", "PRESIDENT"))
    assert response.status_code == 301
    assert response["Location"] == story.get_absolute_url()


@pytest.mark.parametrize(
    "url",
    ["/2014/13/01/x/", "/2014/02/30/x/", "/0000/01/01/x/", "/section/nope/", "/people/nobody/", "/preview/abc/"],
)
def test_impossible_addresses_are_404(client, url):
    assert client.get(url).status_code == 404


def test_404_page_is_in_the_site_design(client):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert b"We could not find that page" in response.content
    assert b"masthead" in response.content


def test_home_shows_latest_and_sections(client, story):
    ArticleFactory(headline="Exports rise", section=SectionFactory(name="Business"))
    ArticleFactory(headline="Hidden draft", draft=True)
    html = client.get("/").content.decode()
    assert "President meets with Alibaba CEO" in html
    assert "Exports rise" in html
    assert '<a href="/section/business/">Business</a>' in html
    assert "Hidden draft" not in html


def test_section_page_lists_stories_of_its_subsections(client, story, politics):
    response = client.get(politics.parent.get_absolute_url())
    html = response.content.decode()
    assert "President meets with Alibaba CEO" in html
    assert 'href="/section/politics/"' in html  # subsection link


def test_section_pagination_walks_every_story_once(client, politics):
    base = timezone.now() - datetime.timedelta(days=30)
    stories = [
        ArticleFactory(section=politics, published_at=base + datetime.timedelta(hours=i // 2)) for i in range(45)
    ]
    seen, url = [], politics.get_absolute_url()
    while url:
        response = client.get(url)
        assert response.status_code == 200
        page = response.context["page"]
        seen.extend(a.pk for a in page.object_list)
        url = f"{politics.get_absolute_url()}?before={page.next_cursor}" if page.next_cursor else None
    newest_first = sorted(stories, key=lambda a: (a.published_at, a.pk), reverse=True)
    assert seen == [a.pk for a in newest_first]
    # Going back a page from the last one gives the page before it.
    response = client.get(f"{politics.get_absolute_url()}?after={page.prev_cursor}")
    assert [a.pk for a in response.context["page"].object_list] == [a.pk for a in newest_first[20:40]]


@pytest.mark.parametrize(
    "query",
    [
        "before=abc",
        "before=1_2_3",
        "after=%00",
        "before=99999999999999999999999999_1",
        "before=1_-5",
        "before=1_0&after=2_1",
        "before=" + "9" * 100,
        "after=9999999999999999_1",
        "before=1_1",
    ],
)
def test_malformed_or_out_of_range_cursors_are_404(client, politics, query):
    ArticleFactory(section=politics)
    assert client.get(f"{politics.get_absolute_url()}?{query}").status_code == 404


def test_author_page_lists_their_stories(client, story):
    person = story.bylines.first().person
    response = client.get(person.get_absolute_url())
    assert response.status_code == 200
    assert b"President meets with Alibaba CEO" in response.content
    assert b"spring@joongang.co.kr" in response.content


def test_healthz_answers_200_then_503_when_the_database_fails(client, monkeypatch):
    response = client.get("/healthz")
    assert response.status_code == 200

    def broken(*args, **kwargs):
        raise DatabaseError("down")

    monkeypatch.setattr("django.db.backends.utils.CursorWrapper.execute", broken)
    assert client.get("/healthz").status_code == 503


def test_photo_without_a_file_still_shows_its_caption(client, politics):
    story = ArticleFactory(section=politics)
    PhotoFactory(article=story, image="", caption="Lost picture caption", credit="YONHAP")
    html = client.get(story.get_absolute_url()).content.decode()
    assert "Lost picture caption" in html and "<img" not in html.split('class="figure"')[1].split("</figure>")[0]


def test_article_time_shown_in_seoul(client, politics):
    story = ArticleFactory(section=politics, published_at=datetime.datetime(2014, 8, 27, 15, 30, tzinfo=datetime.UTC))
    html = client.get(story.get_absolute_url()).content.decode()
    assert "August 28, 2014, 12:30 a.m." in html
