import re

import pytest
from django.conf import settings

from articles.printing import with_endnotes
from tests.factories import ArticleFactory

from .dictionary.fixtures import seed_story  # noqa: F401


def test_links_become_numbered_endnotes():
    """Each link gets a note number after it; a URL linked twice keeps its first number; relative links
    are made absolute and mailto links print the address."""
    body = (
        '<p>See <a href="https://example.org/report">the report</a> and <a href="/2014/08/27/other/">this</a>.</p>'
        '<p>Again <a href="https://example.org/report">the report</a>; write to <a href="mailto:desk@example.com">'
        'the desk</a>; <a href="#top">top</a>.</p>'
    )
    html, notes = with_endnotes(body, "https://news.example/2014/08/27/story/")
    assert notes == [
        (1, "https://example.org/report"),
        (2, "https://news.example/2014/08/27/other/"),
        (3, "desk@example.com"),
    ]
    assert re.findall(r'href="#endnote-(\d)"', html) == ["1", "2", "1", "3"]
    assert 'the report</a><sup class="endnote-ref">' in html


def test_endnotes_keep_the_text_and_its_entities():
    html, notes = with_endnotes("<p>Fish &amp; chips &#8217;s <em>best</em></p>", "https://news.example/")
    assert html == "<p>Fish &amp; chips &#8217;s <em>best</em></p>"
    assert notes == []


@pytest.mark.django_db
def test_print_view_has_the_story_and_no_navigation_comments_or_forms(client, seed_story):  # noqa: F811
    """Headline, dek, byline, date, photo with caption and credit, body, newsroom name and short URL; no
    navigation, toolbar, comment section or form."""
    seed_story.dek = "The e-commerce giant's chairman visits Seoul again."
    seed_story.body += '<p>More at <a href="https://example.org/alibaba">Alibaba</a>.</p>'
    seed_story.save()
    response = client.get(seed_story.get_print_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert '<h1 class="story__headline" lang="en">President meets with Alibaba CEO</h1>' in html
    assert "The e-commerce giant&#x27;s chairman visits Seoul again." in html
    assert "By Seo Ji-eun" in html
    assert "August 27, 2014" in html
    assert '<span class="credit">[NEWSIS]</span>' in html
    assert "Alibaba accounts for nearly 80 percent" in html
    assert f"testserver/a/{seed_story.pk}/" in html
    assert f"<p><strong>{settings.NEWSROOM['NAME']}</strong>" in html
    assert '<li id="endnote-1">https://example.org/alibaba</li>' in html
    for absent in ("<nav", "<form", "Comments", "section-nav", "toolbar"):
        assert absent not in html
    assert "js/print.js" in html
    assert "<script>" not in html


@pytest.mark.django_db
def test_print_view_queries(client, seed_story, django_assert_num_queries):  # noqa: F811
    """The story with its section (1), bylines (1), photos (1), corrections, printed with it (1), and
    topics (1, loaded with every story page); no navigation, so no sections query."""
    with django_assert_num_queries(5):
        client.get(seed_story.get_print_url())


@pytest.mark.django_db
def test_short_url_redirects_public_stories_only(client, seed_story):  # noqa: F811
    response = client.get(f"/a/{seed_story.pk}/")
    assert response.status_code == 301
    assert response["Location"] == seed_story.get_absolute_url()
    draft = ArticleFactory(draft=True)
    scheduled = ArticleFactory(scheduled=True)
    assert client.get(f"/a/{draft.pk}/").status_code == 404
    assert client.get(f"/a/{scheduled.pk}/").status_code == 404
    assert client.get("/a/99999999/").status_code == 404
