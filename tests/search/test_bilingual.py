"""A bilingual story is found by the Korean words of its Korean version, with their particles."""

import pytest
from django.db import connection

from articles.models import Article
from tests.factories import ArticleFactory

from .conftest import results

pytestmark = pytest.mark.django_db

KOREAN = "<p>서울시는 금요일 한강공원에서 야시장을 열었다.</p><p>상인들은 방문객이 늘 것으로 기대한다.</p>"


@pytest.fixture
def market():
    return ArticleFactory(
        headline="Seoul opens its night market",
        body="<p>The city opened the market on Friday.</p><p>Vendors expect more visitors.</p>",
        headline_ko="서울, 올해 첫 야시장 열어",
        body_ko=KOREAN,
    )


@pytest.mark.parametrize("query", ["야시장", "상인", "방문객", "한강공원"])
def test_a_korean_word_finds_the_story_by_its_korean_text(client, market, query):
    """A word of the Korean body, written without the particle it carries there, finds the story."""
    ArticleFactory(headline="English only story", body="<p>The market in the city.</p>")
    assert results(client.get("/search/", {"q": query})) == ["Seoul opens its night market"]


def test_the_snippet_shows_the_korean_words_marked(client, market):
    """A story found by its Korean shows the Korean sentence in its snippet, the word marked with its particle."""
    response = client.get("/search/", {"q": "방문객"})
    [hit] = response.context["results"].hits
    assert "<mark>방문객이</mark>" in hit.snippet


def test_the_korean_headline_is_searched(client, market):
    """A word only in the Korean headline finds the story."""
    assert results(client.get("/search/", {"q": "올해"})) == ["Seoul opens its night market"]


def test_a_korean_word_in_no_story_finds_nothing(client, market):
    """A Korean word absent from every story finds nothing."""
    assert results(client.get("/search/", {"q": "대통령"})) == []


def test_english_and_korean_words_together(client, market):
    """English and Korean words in one query all have to match."""
    assert results(client.get("/search/", {"q": "vendors 야시장"})) == ["Seoul opens its night market"]
    assert results(client.get("/search/", {"q": "president 야시장"})) == []


def test_an_unpublished_bilingual_story_is_not_found(client):
    """Drafts stay out of search in Korean as in English."""
    ArticleFactory(headline="Draft market", body="<p>One.</p><p>Two.</p>", body_ko=KOREAN, draft=True)
    assert results(client.get("/search/", {"q": "야시장"})) == []


@pytest.mark.postgres
def test_the_document_follows_an_edit_of_the_korean(market):
    """Editing only the Korean recomputes the document: the old word goes, the new one is found."""
    market.body_ko = "<p>서울시는 등불축제를 열었다.</p><p>상인들은 기대한다.</p>"
    market.save()
    with connection.cursor() as cursor:
        cursor.execute("SELECT search_vector::text FROM articles_article WHERE id = %s", [market.pk])
        document = cursor.fetchone()[0]
    assert "'등불축제를'" in document and "'야시장을'" not in document
    assert "'야시장':" in document  # the headline's, at weight B
    assert Article.objects.filter(pk=market.pk, search_vector__isnull=False).exists()


@pytest.mark.postgres
def test_the_korean_is_indexed_whole_at_its_weights(market):
    """The Korean body's words are kept as written ('simple': no English stemming), at weight C;
    the Korean headline's at B."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT search_vector::text FROM articles_article WHERE id = %s", [market.pk])
        document = cursor.fetchone()[0]
    assert "'상인들은':" in document and document.split("'상인들은':")[1].split(" ")[0].endswith("C")
    assert document.split("'야시장':")[1].split(" ")[0].endswith("B")
