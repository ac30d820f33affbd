import re

import pytest
from django.urls import reverse

from articles.sanitize import paragraphs_to_html
from dictionary.models import KoreanGloss, StoryTerm
from tests.factories import ArticleFactory

from .fixtures import seed_paragraphs

pytestmark = pytest.mark.django_db


def vocabulary_terms(html):
    section = html.split('aria-labelledby="vocab-heading"', 1)[1]
    return re.findall(r'class="lookup vocab__term" href="[^"]+" data-term="([^"]+)"', section)


def test_word_page_shows_senses_and_korean(client, wordnet_loaded, starter_glosses):
    response = client.get("/dictionary/moguls/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "a very wealthy or powerful businessman" in html
    assert '<span lang="ko">거물; 재벌</span>' in html
    assert "a form of <strong>mogul</strong>" in html


def test_unknown_word_page_is_a_404_that_says_so(client, wordnet_loaded):
    response = client.get("/dictionary/zzyzx/")
    assert response.status_code == 404
    assert "No entry for “zzyzx”" in response.content.decode()


def test_a_korean_reader_gets_parts_of_speech_and_advice_in_korean(client, wordnet_loaded, starter_glosses):
    """The chrome of an entry follows the interface language; the English definitions stay English."""
    client.cookies["django_language"] = "ko"
    html = client.get("/dictionary/moguls/").content.decode()
    assert '<p class="entry__label">명사</p>' in html and "a very wealthy or powerful businessman" in html
    assert '<p class="entry__label">noun</p>' not in html
    missing = client.get("/dictionary/zzyzx/")
    assert missing.status_code == 404 and "“zzyzx”에 대한 항목이 없습니다" in missing.content.decode()
    data = client.get("/api/dictionary/Seoul%20Station/").json()
    assert data["reason"] == "phrase" and "seoul, station" in data["advice"] and "사전에 없는 구" in data["advice"]


def test_index_redirects_a_query_and_credits_the_sources(client, wordnet_loaded):
    """The lookup form works without JavaScript; the page shows WordNet's licence and attribution."""
    response = client.get("/dictionary/", {"q": " Moguls "})
    assert response.status_code == 302
    assert response["Location"] == "/dictionary/moguls/"
    html = client.get("/dictionary/").content.decode()
    assert "WordNet 3.0 Copyright 2006 by Princeton University" in html
    assert "CC BY-SA 4.0" in html
    assert "147" not in html or "words" in html


def test_index_explains_a_query_that_cannot_be_looked_up(client, wordnet_loaded):
    response = client.get("/dictionary/", {"q": "!!!"})
    assert response.status_code == 200
    assert "is not a word or phrase we can look up" in response.content.decode()


def test_seed_vocabulary_lists_the_words_a_learner_needs(client, wordnet_loaded, starter_glosses, seed_story):
    """The seed's list has 10-30 words including entrepreneur, materialize, revitalize and mogul, each with
    a definition and a Korean gloss; no names, no very common words."""
    response = client.get(seed_story.get_dictionary_url())
    assert response.status_code == 200
    html = response.content.decode()
    terms = vocabulary_terms(html)
    assert 10 <= len(terms) <= 30
    assert {"entrepreneur", "materialize", "revitalize", "mogul"} <= set(terms)
    for name in ("alibaba", "park", "china", "seoul", "huawei", "baidu", "jack", "xi"):
        assert name not in terms
    for common in ("president", "business", "market", "meeting", "the", "year"):
        assert common not in terms
    vocab = html.split('aria-labelledby="vocab-heading"', 1)[1]
    item = vocab.split('<li class="vocab__item" data-term="mogul">', 1)[1].split("</li>", 1)[0]
    assert "a very wealthy or powerful businessman" in item
    assert "거물" in item


def test_dictionary_view_works_without_javascript(client, wordnet_loaded, starter_glosses, seed_story):
    """Each listed word links to its page, and its first appearance in the text links there too."""
    html = client.get(seed_story.get_dictionary_url()).content.decode()
    assert 'href="/dictionary/entrepreneur/"' in html
    body = html.split('id="story-text"', 1)[1].split("</div>", 1)[0]
    assert '<a class="lookup" href="/dictionary/mogul/" data-term="mogul" draggable="false">moguls</a>' in body
    assert body.count('data-term="mogul"') == 1
    assert '<form class="lookup-form" action="/dictionary/"' in html
    assert "js/dictionary.js" in html


def test_pinned_terms_come_first(client, wordnet_loaded, starter_glosses, seed_story):
    """Editors' words and phrases head the list in their order, with their own explanation where given."""
    StoryTerm.objects.create(
        article=seed_story, term="make inroads into", definition="to start to succeed in", position=0
    )
    StoryTerm.objects.create(article=seed_story, term="Delegate", position=1)
    html = client.get(seed_story.get_dictionary_url()).content.decode()
    terms = vocabulary_terms(html)
    assert terms[:2] == ["make inroads into", "delegate"]
    assert terms.count("delegate") == 1
    assert "to start to succeed in" in html
    assert "~에 진출하다" in html
    body = html.split('id="story-text"', 1)[1].split("</div>", 1)[0]
    assert 'data-term="make inroads into" draggable="false">make inroads into</a>' in body


def test_dictionary_view_redirects_to_the_canonical_address(client, wordnet_loaded, seed_story):
    url = seed_story.get_dictionary_url()
    response = client.get(url.replace(seed_story.slug, seed_story.slug.upper()))
    assert response.status_code == 301
    assert response["Location"] == url


def test_dictionary_view_of_an_unpublished_story_is_a_404(client, wordnet_loaded, politics):
    draft = ArticleFactory(section=politics, scheduled=True)
    assert client.get(draft.get_absolute_url() + "dictionary/").status_code == 404


def test_dictionary_view_costs_a_fixed_number_of_queries(
    client, wordnet_loaded, starter_glosses, politics, django_assert_num_queries
):
    """No query per word: a 1,000-word story costs what a short one does.

    5 as for the article page (story with its section tree, bylines, photos, corrections, topics);
    3 to know whether the kept word list still holds (pinned terms, glosses' state, dictionary's
    fingerprint); and, the first time, 4 to choose the words (irregular forms, headwords, the
    chosen words' entries, their Korean glosses). The navigation's sections come from the cached
    section tree (articles.fragments), read by a page before.
    """
    paragraphs = seed_paragraphs()
    long_story = ArticleFactory(section=politics, body=paragraphs_to_html(paragraphs * 3))
    short_story = ArticleFactory(section=politics, body=paragraphs_to_html(paragraphs[:2]))
    assert len(re.findall(r"\w+", long_story.body)) > 1000
    client.get("/")  # reads the section tree into the cache
    for story in (long_story, short_story):
        with django_assert_num_queries(12):
            assert client.get(story.get_dictionary_url()).status_code == 200
        with django_assert_num_queries(8):
            assert client.get(story.get_dictionary_url()).status_code == 200


def test_a_corrected_gloss_shows_at_once(client, wordnet_loaded, starter_glosses, seed_story):
    """The kept word list is rebuilt when a gloss, a pinned term or the story changes."""
    url = seed_story.get_dictionary_url()
    assert "거물; 재벌" in client.get(url).content.decode()
    gloss = KoreanGloss.objects.get(term="mogul")
    gloss.korean = "업계의 거물"
    gloss.save()
    html = client.get(url).content.decode()
    assert "업계의 거물" in html
    assert "거물; 재벌" not in html
    KoreanGloss.objects.filter(term="entrepreneur").delete()
    assert "기업가; 사업가" not in client.get(url).content.decode()
    StoryTerm.objects.create(article=seed_story, term="boost")
    assert vocabulary_terms(client.get(url).content.decode())[0] == "boost"


def test_dictionary_view_url_name(seed_story):
    assert reverse("dictionary:article", kwargs=seed_story_kwargs(seed_story)) == seed_story.get_dictionary_url()


def seed_story_kwargs(article):
    return {
        "year": article.pub_date.year,
        "month": article.pub_date.month,
        "day": article.pub_date.day,
        "slug": article.slug,
    }


@pytest.mark.parametrize(
    "path",
    [
        "/dictionary/%21%21%21/",
        "/dictionary/" + "a" * 1000 + "/",
        "/dictionary/..%2F..%2Fetc%2Fpasswd/",
        "/dictionary/%00/",
        "/dictionary/%FF%FE/",
        "/dictionary/%ED%85%8C%EC%8A%A4%ED%8A%B8/",
        "/dictionary/?q=%00",
        "/dictionary/?q=a%2Fb",
        "/dictionary/?q=" + "x" * 5000,
    ],
)
def test_word_pages_never_fail_on_bad_input(client, wordnet_loaded, path):
    """The HTML pages answer bad input with a 404 or the lookup form's message, never a 500."""
    response = client.get(path)
    assert response.status_code in {200, 404}
    if response.status_code == 200:
        assert "is not a word or phrase we can look up" in response.content.decode()
