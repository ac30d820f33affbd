import datetime
import zoneinfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from .factories import ArticleFactory, PersonFactory, PhotoFactory

pytestmark = pytest.mark.django_db
SEOUL = zoneinfo.ZoneInfo("Asia/Seoul")


def seoul(*args):
    return datetime.datetime(*args, tzinfo=SEOUL)


def test_a_story_at_half_past_midnight_seoul_belongs_to_that_day(client):
    """00:30 in Seoul on 1 September is 31 August in UTC: the archive files it under 1 September."""
    story = ArticleFactory(headline="Early bird", published_at=seoul(2014, 9, 1, 0, 30))
    assert story.published_at.astimezone(datetime.UTC).day == 31
    day = client.get("/2014/09/01/")
    assert day.status_code == 200 and b"Early bird" in day.content
    assert client.get("/2014/08/31/").status_code == 404
    month = client.get("/2014/09/")
    assert month.context["counts"] == [(datetime.date(2014, 9, 1), 1)]
    assert client.get("/2014/08/").status_code == 404


def test_month_and_year_ends_are_counted_in_the_right_period(client):
    """23:59 on 31 December stays in that year; 00:00 on 1 January starts the next."""
    ArticleFactory(headline="Last of the year", published_at=seoul(2015, 12, 31, 23, 59))
    ArticleFactory(headline="First of the year", published_at=seoul(2016, 1, 1, 0, 0))
    ArticleFactory(headline="End of February", published_at=seoul(2016, 2, 29, 23, 59, 59))
    y2015 = client.get("/2015/")
    assert y2015.context["counts"] == [(datetime.date(2015, 12, 1), 1)]
    y2016 = client.get("/2016/")
    assert y2016.context["counts"] == [(datetime.date(2016, 1, 1), 1), (datetime.date(2016, 2, 1), 1)]
    assert b"First of the year" in client.get("/2016/01/01/").content
    assert b"End of February" in client.get("/2016/02/29/").content
    assert b"Last of the year" in client.get("/2015/12/31/").content


def test_year_page_counts_months_and_links_neighbouring_years(client):
    for month in (1, 1, 3):
        ArticleFactory(published_at=seoul(2014, month, 10, 12))
    ArticleFactory(published_at=seoul(2012, 5, 1, 12))
    ArticleFactory(published_at=seoul(2019, 5, 1, 12))
    response = client.get("/2014/")
    assert response.status_code == 200
    assert response.context["counts"] == [(datetime.date(2014, 1, 1), 2), (datetime.date(2014, 3, 1), 1)]
    html = response.content.decode()
    assert 'href="/2014/01/"' in html and "2 stories" in html
    # Previous and next skip the empty years in between.
    assert 'href="/2012/"' in html and 'href="/2019/"' in html


def test_month_page_counts_days_lists_stories_and_links_months(client):
    ArticleFactory(headline="Tuesday story", published_at=seoul(2014, 8, 26, 9))
    ArticleFactory(headline="Thursday story", published_at=seoul(2014, 8, 28, 9))
    ArticleFactory(headline="Thursday again", published_at=seoul(2014, 8, 28, 18))
    ArticleFactory(published_at=seoul(2014, 6, 1, 9))
    response = client.get("/2014/08/")
    html = response.content.decode()
    assert response.context["counts"] == [(datetime.date(2014, 8, 26), 1), (datetime.date(2014, 8, 28), 2)]
    assert 'href="/2014/08/28/"' in html
    assert html.index("Thursday again") < html.index("Thursday story") < html.index("Tuesday story")
    assert 'href="/2014/06/"' in html


def test_from_a_story_to_its_day_month_and_year(client, story):
    html = client.get(story.get_absolute_url()).content.decode()
    d = story.pub_date
    for url in (f"/{d:%Y}/{d:%m}/{d:%d}/", f"/{d:%Y}/{d:%m}/", f"/{d:%Y}/"):
        assert f'href="{url}"' in html
        assert client.get(url).status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        "/2014/13/",
        "/2014/00/",
        "/2014/02/30/",
        "/0000/",
        "/2014/08/32/",
        "/1999/",
        "/2014/08/?page=9",
        "/2014/08/?page=x",
    ],
)
def test_impossible_or_empty_dates_and_pages_are_404(client, url):
    ArticleFactory(published_at=seoul(2014, 8, 28, 9))
    assert client.get(url).status_code == 404


def test_future_and_draft_stories_make_no_archive_page_or_count(client):
    ArticleFactory(published_at=seoul(2014, 8, 28, 9))
    ArticleFactory(draft=True, headline="Draft canary")
    future = ArticleFactory(scheduled=True, headline="Future canary")
    d = future.pub_date
    assert client.get(f"/{d:%Y}/{d:%m}/{d:%d}/").status_code == 404
    response = client.get("/2014/08/")
    assert response.context["total"] == 1


def _month_of(n, politics):
    people = [PersonFactory() for _ in range(2)]
    for i in range(n):
        article = ArticleFactory(section=politics, published_at=seoul(2014, 8, 1 + i % 28, 9), authors=people)
        PhotoFactory(article=article)


def test_month_page_query_count_does_not_grow_with_stories(client, politics):
    """The same 8 queries for 3 stories as for 30: is the month empty, its day counts (whose sum
    is the paginator's count), the page, its bylines, its photos, the previous and next months,
    the section tree for the navigation (read once after each write, here the new stories)."""
    _month_of(3, politics)
    with CaptureQueriesContext(connection) as few:
        assert client.get("/2014/08/").status_code == 200
    _month_of(27, politics)
    with CaptureQueriesContext(connection) as many:
        assert client.get("/2014/08/").status_code == 200
    assert len(few) == len(many) == 8


def test_day_and_year_query_counts_are_fixed(client, politics):
    """A year: its month counts, the previous and next years, the section tree for the navigation
    (read after the stories were written, then cached), and one more look-up Django's year view
    makes (5). A day: is it empty, its count, the page, bylines, photos, and the neighbouring days
    and months (9)."""
    _month_of(5, politics)
    with CaptureQueriesContext(connection) as year:
        client.get("/2014/")
    with CaptureQueriesContext(connection) as day:
        client.get("/2014/08/01/")
    assert len(year) == 5
    assert len(day) == 9


def test_archive_lists_are_bounded_by_time_and_the_year_loads_no_story(client, politics):
    """The date index can only start and stop at bounds on the publication time: each period's
    list carries them (as well as pub_date's); the year page counts months and loads no story."""
    ArticleFactory(section=politics, published_at=datetime.datetime(2014, 9, 1, 0, 30, tzinfo=SEOUL))
    for url in ("/2014/09/", "/2014/09/01/"):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        listing = [
            q["sql"]
            for q in queries.captured_queries
            if '"published_at" DESC, "articles_article"."id" DESC' in q["sql"]  # the list, not a neighbour
        ]
        assert listing and all('"published_at" >=' in sql and '"published_at" <' in sql for sql in listing)
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/2014/").status_code == 200
    loads = [q["sql"] for q in queries.captured_queries if '"articles_article"."headline"' in q["sql"]]
    assert all(sql.endswith("LIMIT 1") for sql in loads)  # the neighbouring years' stories only


def test_keyset_pages_give_the_index_a_place_to_start():
    from articles.models import Article
    from articles.pagination import STORIES

    when = datetime.datetime(2020, 1, 1, tzinfo=SEOUL)
    older = str(Article.objects.filter(STORIES.older_than((when, 5))).query)
    newer = str(Article.objects.filter(STORIES.newer_than((when, 5))).query)
    assert '"published_at" <= ' in older and '"published_at" >= ' in newer


def test_a_month_is_paged_by_the_page_size_set_now(client, settings):
    """The archive reads the page size per request, not once at import: a changed setting applies."""
    for day in (3, 4, 5):
        ArticleFactory(published_at=datetime.datetime(2014, 8, day, 9, tzinfo=SEOUL))
    assert client.get("/2014/08/").context["paginator"].per_page == 2 * settings.NEWSROOM["PAGE_SIZE"]
    settings.NEWSROOM = {**settings.NEWSROOM, "PAGE_SIZE": 1}
    response = client.get("/2014/08/")
    assert response.context["paginator"].per_page == 2
    assert response.context["page_obj"].has_next()
