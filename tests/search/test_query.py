import datetime

import pytest
from django.contrib.auth import get_user_model
from django.db import connection

from articles.search.query import SearchForm, clean_query, date_bounds, parse_filters
from tests.factories import ArticleFactory, PersonFactory, SectionFactory

from .conftest import SEOUL, results

pytestmark = pytest.mark.django_db


def test_clean_query_drops_control_characters_and_caps_length():
    """Control characters become spaces, runs of space one, and the words stop at 200 characters."""
    assert clean_query("a\x00b\tc\n") == ("a b c", False)
    text, shortened = clean_query("word " * 1000)
    assert shortened and len(text) <= 200


@pytest.mark.parametrize("extra", [{"page": "abc"}, {"page": "-3"}, {"page": "99999999999"}, {"page": "40"},
                                   {"from": "2014-02-30"}, {"to": "yesterday"}, {"sort": "random"},
                                   {"section": "nope"}, {"author": "%00"}, {"to": "9999-12-31"},
                                   {"from": "0001-01-01"}, {"from": "9999-12-31"}, {"to": "0001-01-01"},
                                   {"from": "0001-01-01", "to": "9999-12-31"}])  # fmt: skip
def test_bad_pages_and_filters_give_a_page_not_an_error(client, seed, extra):
    """Whatever the filters, the reader gets a page."""
    response = client.get("/search/", {"q": "Alibaba", **extra})
    assert response.status_code == 200


def test_the_ends_of_the_calendar_narrow_nothing(client, seed):
    """A "to" of 9999-12-31 has no next day to stop before, and 0001-01-01 in Seoul starts before
    the first moment in UTC: neither bounds the search."""
    filters, messages = parse_filters(SearchForm({"q": "Alibaba", "from": "2014-01-01", "to": "9999-12-31"}))
    assert messages == [] and date_bounds(filters) == (datetime.datetime(2014, 1, 1, tzinfo=SEOUL), None)
    filters, _ = parse_filters(SearchForm({"from": "0001-01-01", "to": "2014-09-03"}))
    assert date_bounds(filters) == (None, datetime.datetime(2014, 9, 4, tzinfo=SEOUL))
    assert results(client.get("/search/", {"q": "Alibaba", "to": "9999-12-31"})) == [seed.headline]
    assert results(client.get("/search/", {"q": "Alibaba", "from": "9999-12-31"})) == []


def test_filters_by_section_author_and_dates(client, seed, politics):
    """Section (with its subsections), author and dates narrow the results; sort by date orders them."""
    business = SectionFactory(name="Business")
    other = ArticleFactory(
        headline="Alibaba shares rise",
        section=business,
        published_at=datetime.datetime(2016, 1, 5, 9, tzinfo=SEOUL),
        authors=[PersonFactory(name="Kim Min-ji")],
    )
    assert set(results(client.get("/search/", {"q": "Alibaba"}))) == {seed.headline, other.headline}
    assert results(client.get("/search/", {"q": "Alibaba", "section": "business"})) == [other.headline]
    # A top section finds the stories of its subsections.
    assert results(client.get("/search/", {"q": "Alibaba", "section": "national"})) == [seed.headline]
    assert results(client.get("/search/", {"q": "Alibaba", "author": "seo-ji-eun"})) == [seed.headline]
    assert results(client.get("/search/", {"q": "Alibaba", "from": "2015-01-01"})) == [other.headline]
    assert results(client.get("/search/", {"q": "Alibaba", "to": "2014-12-31"})) == [seed.headline]
    assert results(client.get("/search/", {"q": "Alibaba", "sort": "date"})) == [other.headline, seed.headline]


def test_dates_the_wrong_way_round_are_swapped_and_said_so():
    """A "from" after the "to" is taken the other way round, with a message."""
    filters, messages = parse_filters(SearchForm({"from": "2015-01-01", "to": "2014-01-01"}))
    assert (filters["from"], filters["to"]) == (datetime.date(2014, 1, 1), datetime.date(2015, 1, 1))
    assert messages == ["The dates were the wrong way round; they have been swapped."]


@pytest.mark.postgres
def test_date_filters_follow_the_newsrooms_days(client, politics):
    """A story published at 00:30 Seoul time on 1 September is a 1 September story."""
    ArticleFactory(headline="Midnight tariffs", published_at=datetime.datetime(2014, 9, 1, 0, 30, tzinfo=SEOUL))
    assert results(client.get("/search/", {"q": "tariffs", "from": "2014-09-01", "to": "2014-09-01"})) == [
        "Midnight tariffs"
    ]
    assert results(client.get("/search/", {"q": "tariffs", "to": "2014-08-31"})) == []
    assert results(client.get("/search/", {"q": "tariffs", "from": "2014-09-02"})) == []


def test_drafts_and_future_stories_are_never_found_nor_counted(client, seed):
    """Only public stories are found and counted."""
    ArticleFactory(draft=True, headline="Alibaba draft zebracanary")
    ArticleFactory(scheduled=True, headline="Alibaba future zebracanary")
    response = client.get("/search/", {"q": "zebracanary"})
    assert results(response) == [] and response.context["results"].count == 0
    assert b"zebracanary stor" not in response.content
    response = client.get("/search/", {"q": "Alibaba"})
    assert results(response) == ["President meets with Alibaba CEO"]
    assert response.context["results"].count == 1


@pytest.mark.postgres
def test_korean_words_are_found_inside_their_inflected_forms(client, politics):
    """삼성전자 finds 삼성전자가: Korean words are matched as prefixes."""
    ArticleFactory(headline="Chip maker results", body="<p>삼성전자가 3분기 실적을 발표했다. Samsung said.</p>")
    ArticleFactory(headline="Unrelated", body="<p>전자 제품</p>")
    assert results(client.get("/search/", {"q": "삼성전자"})) == ["Chip maker results"]
    assert results(client.get("/search/", {"q": "실적"})) == ["Chip maker results"]


@pytest.mark.postgres
def test_websearch_syntax_phrases_exclusions_and_or(client, politics):
    """Quoted phrases, -without and or work as on a web search engine."""
    ArticleFactory(headline="North Korea fires missile", body="<p>A missile launch.</p>")
    ArticleFactory(headline="South Korea exports grow", body="<p>Exports of chips.</p>")
    ArticleFactory(headline="Korea north of the border", body="<p>Weather.</p>")
    assert set(results(client.get("/search/", {"q": '"north korea"'}))) == {"North Korea fires missile"}
    assert set(results(client.get("/search/", {"q": "korea -missile"}))) == {
        "South Korea exports grow",
        "Korea north of the border",
    }
    assert set(results(client.get("/search/", {"q": "missile or exports"}))) == {
        "North Korea fires missile",
        "South Korea exports grow",
    }


def test_admin_search_uses_the_engine_and_finds_drafts(client, politics):
    """The admin's story search finds drafts, and on PostgreSQL stems the words."""
    user = get_user_model().objects.create_user("ed", password="pw", is_staff=True, is_superuser=True)
    client.force_login(user)
    ArticleFactory(headline="Draft about tariffs", draft=True, body="<p>Levies on steel.</p>")
    ArticleFactory(headline="Other", body="<p>Nothing.</p>")
    response = client.get("/admin/articles/article/", {"q": "tariffs"})
    assert response.status_code == 200
    assert b"Draft about tariffs" in response.content and b">Other<" not in response.content
    if connection.vendor == "postgresql":
        # Stemming: the engine, not a substring match.
        assert b"Draft about tariffs" in client.get("/admin/articles/article/", {"q": "levy"}).content
