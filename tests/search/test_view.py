import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article
from tests.factories import ArticleFactory, PersonFactory, PhotoFactory

from .conftest import SEOUL, results

pytestmark = pytest.mark.django_db


def test_a_phrase_from_a_story_finds_it_first_with_the_words_marked(client, seed):
    """A phrase from a story finds that story first, its words marked."""
    ArticleFactory(headline="Jack of all trades", body="<p>Ma and pa shops, jack in the box.</p>")
    response = client.get("/search/", {"q": '"Jack Ma"'})
    assert response.status_code == 200
    assert results(response)[0] == "President meets with Alibaba CEO"
    assert "<mark>" in response.content.decode()


def test_jack_ma_finds_the_seed_first(client, seed):
    """The seed story comes first for its subject's name."""
    ArticleFactory(headline="Ma Ying-jeou visits", body="<p>Ma met officials.</p>")
    assert results(client.get("/search/", {"q": "Jack Ma"}))[0] == "President meets with Alibaba CEO"


@pytest.mark.parametrize(
    ("query", "line"),
    [
        ('"Jack Ma"', "1 story found for <q>Jack Ma</q>"),
        ("Jack Ma", "1 story found for <q>Jack Ma</q>"),
        ('"Jack Ma" Alibaba', "1 story found for <q>&quot;Jack Ma&quot; Alibaba</q>"),
        ('"zzyzx nothing"', "No stories found for <q>zzyzx nothing</q>"),
    ],
)
def test_the_results_line_quotes_the_query_once(client, seed, query, line):
    """A query that is one phrase is shown inside the line's quotation marks without its own."""
    assert line in client.get("/search/", {"q": query}).content.decode()


@pytest.mark.parametrize(
    "query",
    [
        '"unbalanced quote',
        "alibaba -",
        "-",
        "or or or",
        "!!! & | <-> :* ()",
        "a\x00b",
        "<script>alert(1)</script>",
        "x" * 5000,
        "'; DROP TABLE articles_article; --",
        "\\",
        "삼성전자 & '",
        "ma:* | !",
        "   ",
        "\ue000evil\ue001",
        '""',
        '"',
    ],
)
def test_any_query_gets_a_page_and_is_shown_back_escaped(client, seed, query):
    """Whatever the words, the reader gets a page, and no markup of theirs runs."""
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    assert Article.objects.count() == 1


def test_the_query_is_shown_back_escaped(client, seed):
    """The reader's markup is shown as text."""
    html = client.get("/search/", {"q": '<b>"Alibaba"</b>'}).content.decode()
    assert "<b>" not in html.split('id="main"')[1]
    assert "&lt;b&gt;" in html


def test_percent_zero_zero_in_the_url(client, seed):
    """NUL characters in the address are dropped, not an error."""
    assert client.get("/search/?q=%00Alibaba%00").status_code == 200


def test_results_are_paginated(client, politics):
    """Pages follow one another without gaps or repeats; past the end says so."""
    for i in range(23):
        ArticleFactory(headline=f"Budget talks {i}", published_at=datetime.datetime(2015, 1, 1 + i, tzinfo=SEOUL))
    first = client.get("/search/", {"q": "budget", "sort": "date"})
    second = client.get("/search/", {"q": "budget", "sort": "date", "page": 2})
    third = client.get("/search/", {"q": "budget", "sort": "date", "page": 3})
    seen = results(first) + results(second) + results(third)
    assert len(seen) == 23 and len(set(seen)) == 23
    assert first.context["results"].has_next and not third.context["results"].has_next
    assert first.context["results"].count == 23
    past = client.get("/search/", {"q": "budget", "page": 9})
    assert results(past) == [] and b"past the end" in past.content


def test_search_page_query_count_is_fixed(client, politics):
    """On PostgreSQL: the tsquery; the search's settings set and put back; for the whole document
    and for its small part each, the planner's estimate, the index path and the newest matches;
    the path and the ranked page; the page's stories, their photos (captions are searched) and
    snippets (14; the section list and the navigation come from the cached section tree, and the
    results' cards were kept by the search before, so no byline is read), plus the savepoint and its
    release that the search's transaction becomes inside the test's (16); the same for 2 hits as for 12."""
    for i in range(2):
        PhotoFactory(article=ArticleFactory(headline=f"Budget {i}", section=politics, authors=[PersonFactory()]))
    client.get("/search/", {"q": "budget"})  # the lexeme statistics are read once per ten minutes
    with CaptureQueriesContext(connection) as few:
        client.get("/search/", {"q": "budget"})
    for i in range(10):
        PhotoFactory(article=ArticleFactory(headline=f"Budget {i}", section=politics, authors=[PersonFactory()]))
    client.get("/search/", {"q": "budget"})  # the new stories made the cached section tree stale
    with CaptureQueriesContext(connection) as many:
        client.get("/search/", {"q": "budget"})
    expected = 16 if connection.vendor == "postgresql" else 4
    assert len(few) == len(many) == expected
